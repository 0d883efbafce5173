import Yams
import ProbationRules

/// A scenario's `sweep:` block: the keys `probsim sweep` varies, and how, when the command line
/// gives no `--vary`. Each key reads exactly as the `--vary` it stands for, so the two sweeps are
/// the same.
package struct SweepBlock: Sendable, Equatable {
    var vary: [VaryOption]
    var design: SweepDesign.Kind
    var points: Int?

    /// The points it runs (the Latin hypercube drawn from `seed`).
    package func design(seed: UInt64) throws -> SweepDesign {
        design == .grid ? try SweepDesign.grid(vary) : try SweepDesign.latinHypercube(vary, points: points ?? 2, seed: seed)
    }
}

extension ScenarioReader {
    /// The block's text for messages.
    static let sweepExample = "e.g. sweep: {vary: {caseload.flags.mappa: [0.1, 0.2, 0.3]}} or vary: {workforce.practitioners[0].count: {low: 40, high: 60, step: 5}}"

    /// Reads `sweep: {vary: {KEY: [V1, V2, ...] | {low: L, high: H, step: S}, ...}, design: grid | lhs, points: N}`,
    /// reporting every problem at its place (what was found and what is expected).
    static func sweepBlock(_ v: YAMLValue) -> SweepBlock? {
        guard let m = v.mapping(allowed: ["vary", "design", "points"]) else { return nil }
        var design = SweepDesign.Kind.grid
        var ok = true
        if let d = m["design"] { if let k = d.choice(SweepDesign.Kind.self) { design = k } else { ok = false } }
        var points: Int?
        if let p = m["points"] {
            points = p.int(in: 2...10_000)
            if points == nil { ok = false }
            if design == .grid { p.report("'points' is for design: lhs (a Latin hypercube); a grid runs every combination of the values"); ok = false }
        } else if design == .lhs {
            v.report("design: lhs needs 'points: N' (2 to 10,000)")
            ok = false
        }
        guard let varyNode = m["vary"] else {
            v.report("a sweep needs 'vary', a mapping of scenario key paths to their values; " + sweepExample)
            return nil
        }
        guard case .mapping(let pairs) = varyNode.node, !pairs.isEmpty else {
            varyNode.report("expected a mapping of scenario key paths to their values, found \(varyNode.found); " + sweepExample)
            return nil
        }
        var vary: [VaryOption] = []
        for (k, node) in pairs {
            guard case .scalar(let ks) = k else {
                YAMLValue(node: k, path: varyNode.path, file: varyNode.file, sink: varyNode.sink).report("expected a key path, found \(YAMLValue(node: k, path: "", file: "", sink: varyNode.sink).found)")
                ok = false
                continue
            }
            let key = ks.string
            let value = varyNode.child(key, node)
            if vary.contains(where: { $0.path == key }) { value.report("'\(key)' is varied twice; give each key once"); ok = false; continue }
            if let option = varyOption(key, value) { vary.append(option) } else { ok = false }
        }
        guard ok else { return nil }
        let block = SweepBlock(vary: vary, design: design, points: points)
        do { _ = try block.design(seed: 0) } catch let e as OverrideSyntaxError {
            v.report(e.message.replacingOccurrences(of: "--design lhs", with: "design: lhs"))
            return nil
        } catch {
            v.report("\(error)")
            return nil
        }
        return block
    }

    /// One key of `vary`: a list of values, or a range `{low, high, step}` (step optional for lhs).
    static func varyOption(_ key: String, _ value: YAMLValue) -> VaryOption? {
        let option = "sweep.vary"
        do {
            switch value.node {
            case .sequence(let items):
                var texts: [String] = []
                for (n, item) in items.enumerated() {
                    guard case .scalar(let s) = item else {
                        YAMLValue(node: item, path: "\(value.path)[\(n)]", file: value.file, sink: value.sink)
                            .report("expected a value (a number or a word), found \(YAMLValue(node: item, path: "", file: "", sink: value.sink).found)")
                        return nil
                    }
                    texts.append(s.string)
                }
                guard !texts.isEmpty else { value.report("expected at least one value, found an empty list; write [V1, V2, ...]"); return nil }
                _ = try Override.steps(of: key, option: option)
                for t in texts { _ = try Override(path: key, value: t, option: option) }
                return VaryOption(path: key, values: .list(texts))
            case .mapping:
                guard let m = value.mapping(allowed: ["low", "high", "step"]) else { return nil }
                var parts: [String] = []
                for name in ["low", "high", "step"] {
                    guard let x = m[name] else {
                        if name != "step" { value.report("a range needs '\(name)' (a number): {low: L, high: H, step: S}"); return nil }
                        continue
                    }
                    guard case .scalar(let s) = x.node, Double(s.string) != nil else { x.report("expected a number, found \(x.found)"); return nil }
                    parts.append(s.string)
                }
                return try VaryOption.parse("\(key)=" + parts.joined(separator: ":"), option: option)
            case .scalar:
                value.report("expected a list of values [V1, V2, ...] or a range {low: L, high: H, step: S}, found \(value.found)")
                return nil
            }
        } catch {
            value.report(error.message)
            return nil
        }
    }
}
