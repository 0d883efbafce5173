import Foundation
import SimulationCore
import ProbationRules

/// One `--vary KEY=...`: a scenario key path and the values it takes, as a list
/// (`KEY=V1,V2,...`) or a range (`KEY=LOW:HIGH:STEP`, or `KEY=LOW:HIGH` where a step is not needed).
package struct VaryOption: Sendable, Equatable {
    package enum Values: Sendable, Equatable {
        /// Values as YAML text.
        case list([String])
        /// A numeric range; `decimals` is the most decimal places written in its bounds and step.
        case range(low: Double, high: Double, step: Double?, decimals: Int)
    }

    package var path: String
    package var values: Values

    /// Parses `KEY=V1,V2,...`, `KEY=LOW:HIGH:STEP` or `KEY=LOW:HIGH`.
    ///
    /// - Throws: ``OverrideSyntaxError`` (exit 64) for a missing '=', a malformed key path, no
    ///   values, or a range that is empty or has a step of zero or less.
    package static func parse(_ text: String, option: String = "--vary") throws(OverrideSyntaxError) -> VaryOption {
        guard let eq = text.firstIndex(of: "=") else {
            throw OverrideSyntaxError(message: "\(option) '\(text)': expected KEY=V1,V2,... or KEY=LOW:HIGH:STEP (e.g. caseload.flags.mappa=0.1:0.5:0.1), found no '='")
        }
        let path = String(text[..<eq]).trimmingCharacters(in: .whitespaces)
        let spec = String(text[text.index(after: eq)...]).trimmingCharacters(in: .whitespaces)
        _ = try Override.steps(of: path, option: option)
        func bad(_ why: String) -> OverrideSyntaxError { OverrideSyntaxError(message: "\(option) \(path)=\(spec): \(why)") }
        let parts = spec.split(separator: ":", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        if parts.count == 2 || parts.count == 3, let low = Double(parts[0]), let high = Double(parts[1]) {
            let step = parts.count == 3 ? Double(parts[2]) : nil
            guard low.isFinite, high.isFinite else { throw bad("the range bounds must be finite numbers") }
            guard high >= low else { throw bad("the range is empty (LOW \(parts[0]) is above HIGH \(parts[1])); write LOW:HIGH with LOW <= HIGH") }
            if parts.count == 3 {
                guard let step, step > 0, step.isFinite else { throw bad("the step must be a number above zero, found '\(parts[2])'") }
                guard (high - low) / step < 10_000 else { throw bad("the range has more than 10,000 steps; use a larger step") }
            }
            let decimals = parts.map { p in p.firstIndex(of: ".").map { p.distance(from: $0, to: p.endIndex) - 1 } ?? 0 }.max() ?? 0
            return VaryOption(path: path, values: .range(low: low, high: high, step: step, decimals: min(decimals, 12)))
        }
        let list = VaryOption.splitTopLevel(spec)
        guard !list.isEmpty, !list.contains(where: \.isEmpty) else {
            throw bad("give the values, separated by commas (KEY=V1,V2,...), or a range LOW:HIGH:STEP")
        }
        for v in list { _ = try Override(path: path, value: v, option: option) }
        return VaryOption(path: path, values: .list(list))
    }

    /// Splits at commas outside brackets, braces and quotes (so `[a, b],[c]` is two values).
    static func splitTopLevel(_ s: String) -> [String] {
        var out: [String] = [], current = "", depth = 0
        var quote: Character?
        for c in s {
            if let q = quote { if c == q { quote = nil } } else if c == "\"" || c == "'" { quote = c }
            else if c == "[" || c == "{" { depth += 1 } else if c == "]" || c == "}" { depth -= 1 }
            else if c == "," && depth == 0 { out.append(current.trimmingCharacters(in: .whitespaces)); current = ""; continue }
            current.append(c)
        }
        out.append(current.trimmingCharacters(in: .whitespaces))
        return out
    }

    /// The text of a number in this option's range: rounded to its decimal places, or to
    /// `atLeast` places if more.
    package func text(_ x: Double, atLeast: Int = 0) -> String {
        guard case .range(_, _, _, let decimals) = values else { return JSONValue.format(x) }
        return String(format: "%.\(max(decimals, atLeast))f", x)
    }

    /// The values of a grid: the list, or LOW, LOW+STEP, ... up to HIGH.
    ///
    /// - Throws: ``OverrideSyntaxError`` for a range without a step.
    func gridValues(option: String = "--vary") throws(OverrideSyntaxError) -> [String] {
        switch values {
        case .list(let l): return l
        case .range(let low, let high, let step, _):
            guard let step else {
                throw OverrideSyntaxError(message: "\(option) \(path): a grid needs a step (LOW:HIGH:STEP) or a list of values; LOW:HIGH alone is for --design lhs")
            }
            let n = Int(((high - low) / step + 1e-9).rounded(.down)) + 1
            return (0..<n).map { text(low + Double($0) * step) }
        }
    }
}

/// The points of a sweep: for each point, a value (YAML text) of each varied key.
package struct SweepDesign: Sendable, Equatable {
    package enum Kind: String, Sendable, CaseIterable { case grid, lhs }
    package var kind: Kind
    package var keys: [String]
    package var values: [[String]]

    package init(kind: Kind, keys: [String], values: [[String]]) {
        self.kind = kind; self.keys = keys; self.values = values
    }

    /// Every combination of the options' values (the first key varies slowest).
    ///
    /// - Complexity: the product of the options' value counts.
    package static func grid(_ options: [VaryOption]) throws(OverrideSyntaxError) -> SweepDesign {
        var points: [[String]] = [[]]
        for o in options {
            let vs = try o.gridValues()
            guard points.count * vs.count <= 10_000 else {
                throw OverrideSyntaxError(message: "--vary: the grid would have more than 10,000 points; use fewer values or --design lhs --points N")
            }
            points = points.flatMap { p in vs.map { p + [$0] } }
        }
        return SweepDesign(kind: .grid, keys: options.map(\.path), values: points)
    }

    /// A Latin hypercube of `n` points over the options' ranges: each range is cut into `n`
    /// equal strata and each stratum of each key is sampled exactly once, at a uniform place
    /// within it, with the strata paired at random. A range with a step is taken as its levels
    /// (LOW, LOW+STEP, ... HIGH), each point falling on the level its stratum covers. Deterministic
    /// from `seed`.
    ///
    /// - Throws: ``OverrideSyntaxError`` for a list of values (a hypercube needs ranges).
    package static func latinHypercube(_ options: [VaryOption], points n: Int, seed: UInt64) throws -> SweepDesign {
        let stream = try RandomStream(key: StreamKey(seed: seed, replication: 0, purpose: StreamPurpose("sweep-lhs")))
        var columns: [[String]] = []
        for o in options {
            guard case .range(let low, let high, let step, _) = o.values else {
                throw OverrideSyntaxError(message: "--vary \(o.path): --design lhs samples ranges; write LOW:HIGH (or LOW:HIGH:STEP for whole numbers), not a list")
            }
            // Unstepped samples keep 4 more decimals than a stratum's width needs.
            let places = step == nil ? 4 + max(0, Int(ceil(-log10(max(1e-12, (high - low) / Double(n)))))) : 0
            var strata = Array(0..<n)
            for i in stride(from: n - 1, to: 0, by: -1) { strata.swapAt(i, stream.integer(below: i + 1)) }
            columns.append(strata.map { k in
                let u = (Double(k) + stream.uniform()) / Double(n)
                guard let step else { return o.text(low + u * (high - low), atLeast: min(places, 12)) }
                // A stepped range is its m levels, stratified like the whole range: with n = m each level once.
                let levels = Int(((high - low) / step + 1e-9).rounded(.down)) + 1
                return o.text(low + Double(min(levels - 1, Int(u * Double(levels)))) * step)
            })
        }
        return SweepDesign(kind: .lhs, keys: options.map(\.path), values: (0..<n).map { p in columns.map { $0[p] } })
    }

    /// The overrides of point `p` (0-based).
    package func overrides(_ p: Int) throws -> [Override] {
        try zip(keys, values[p]).map { try Override(path: $0, value: $1, option: "--vary") }
    }
}
