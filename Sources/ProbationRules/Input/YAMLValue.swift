import Foundation
import Yams

/// A YAML node with its file, key path and position, for reading with clear errors.
///
/// Readers ask for the type they expect (`string()`, `int()`, `mapping(allowed:)`, ...);
/// a mismatch is recorded as an ``InputProblem`` naming the file, line, column and key path,
/// and reading goes on so that one pass reports every problem.
package struct YAMLValue {
    package let node: Node
    package let path: String
    package let file: String
    package let sink: ProblemSink

    package init(node: Node, path: String, file: String, sink: ProblemSink) {
        self.node = node; self.path = path; self.file = file; self.sink = sink
    }

    /// Collects problems across a whole file.
    package final class ProblemSink {
        package var problems: [InputProblem] = []

        package init() {}
    }

    /// Parses text, refusing oversized input and YAML that Yams cannot read.
    package static func parse(_ text: String, file: String, sink: ProblemSink) -> YAMLValue? {
        guard text.utf8.count <= 4_000_000 else {
            sink.problems.append(InputProblem(file: file, path: "", message: "the file is larger than 4 MB; scenario and regime files are small text files"))
            return nil
        }
        // Aliases are expanded when composing, so a few nested ones can blow up into billions of
        // nodes ("billion laughs"). Probsim's files have no need of many: refuse before parsing.
        let aliases = YAMLValue.aliasCount(text)
        guard aliases <= maxAliases else {
            sink.problems.append(InputProblem(file: file, path: "", message: "the file uses \(aliases) YAML aliases (*name); at most \(maxAliases) are allowed, to refuse alias-expansion bombs. Write the values out instead"))
            return nil
        }
        // Very deep nesting would exhaust the parser's stack: refuse it before parsing.
        let depth = YAMLValue.nestingDepth(text)
        guard depth.depth <= maxDepth else {
            sink.problems.append(InputProblem(file: file, line: depth.line, column: nil, path: "", message: "the file nests more than \(maxDepth) levels deep (about \(depth.depth)); probsim's files need only a few"))
            return nil
        }
        do {
            guard let node = try Yams.compose(yaml: text) else {
                sink.problems.append(InputProblem(file: file, path: "", message: "the file is empty; expected a YAML mapping"))
                return nil
            }
            return YAMLValue(node: node, path: "", file: file, sink: sink)
        } catch let e as YamlError {
            sink.problems.append(YAMLValue.problem(from: e, file: file))
            return nil
        } catch {
            sink.problems.append(InputProblem(file: file, path: "", message: "not readable as YAML: \(error)"))
            return nil
        }
    }

    /// The most YAML alias references a file may use.
    static let maxAliases = 32

    /// The deepest nesting a file may have (flow brackets, indentation and "- " items together).
    static let maxDepth = 64

    /// An upper estimate of nesting: open flow brackets plus block depth (indentation / 2 plus
    /// leading "- " items), with the line where it is deepest.
    static func nestingDepth(_ text: String) -> (depth: Int, line: Int) {
        var best = (0, 1)
        var flow = 0
        var line = 1
        var quote: Character? = nil
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var indent = 0
            var dashes = 0
            var atStart = true
            var previous: Character = " "
            for c in rawLine {
                if atStart {
                    if c == " " { indent += 1; previous = c; continue }
                    if c == "-" { previous = c; continue }
                    if previous == "-" && c == " " { dashes += 1; previous = c; continue }
                    atStart = false
                }
                if let q = quote {
                    if c == q { quote = nil }
                } else if c == "\"" || c == "'" {
                    quote = c
                } else if c == "#" && (previous == " " || previous == "\t") {
                    break
                } else if c == "[" || c == "{" {
                    flow += 1
                    if flow + indent / 2 + dashes > best.0 { best = (flow + indent / 2 + dashes, line) }
                } else if c == "]" || c == "}" {
                    flow = max(0, flow - 1)
                }
                previous = c
            }
            if quote == "'" { quote = nil }
            let depth = flow + indent / 2 + dashes
            if depth > best.0 { best = (depth, line) }
            line += 1
        }
        return best
    }

    /// Counts alias references (`*name` after a space, `[`, `{`, `,` or `:`, or at a line start).
    static func aliasCount(_ text: String) -> Int {
        var count = 0
        var previous: Character = "\n"
        for c in text {
            if c == "*" && " \t\n[{,:-".contains(previous) { count += 1 }
            previous = c
        }
        return count
    }

    static func problem(from e: YamlError, file: String) -> InputProblem {
        switch e {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _):
            return InputProblem(file: file, line: mark.line, column: mark.column, path: "", message: "not valid YAML: \(problem)")
        default:
            return InputProblem(file: file, path: "", message: "not valid YAML: \(e)")
        }
    }

    package func report(_ message: String) {
        sink.problems.append(InputProblem(file: file, line: node.mark?.line, column: node.mark?.column, path: path, message: message))
    }

    package func child(_ key: String, _ node: Node) -> YAMLValue {
        YAMLValue(node: node, path: path.isEmpty ? key : "\(path).\(key)", file: file, sink: sink)
    }

    package var found: String {
        switch node {
        case .scalar(let s): return "'\(s.string)'"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        }
    }

    /// The entries of a mapping, reporting unknown keys (with a "did you mean") and duplicates.
    package func mapping(allowed: [String]) -> [String: YAMLValue]? {
        guard case .mapping(let m) = node else {
            report("expected a mapping (key: value lines), found \(found)")
            return nil
        }
        var out: [String: YAMLValue] = [:]
        for (k, v) in m {
            guard case .scalar(let ks) = k else {
                YAMLValue(node: k, path: path, file: file, sink: sink).report("expected a plain key, found \(found)")
                continue
            }
            let key = ks.string
            let value = child(key, v)
            if !allowed.contains(key) {
                var msg = "unknown key '\(key)'"
                if let s = didYouMean(key, among: allowed) { msg += "; did you mean '\(s)'?" }
                msg += "; expected one of: \(allowed.joined(separator: ", "))"
                YAMLValue(node: k, path: value.path, file: file, sink: sink).report(msg)
                continue
            }
            if out[key] != nil {
                YAMLValue(node: k, path: value.path, file: file, sink: sink).report("duplicate key '\(key)'; each key may appear once")
                continue
            }
            out[key] = value
        }
        return out
    }

    /// The value under a key of a mapping, without checking the mapping (nil if absent or not a mapping).
    package func value(at key: String) -> YAMLValue? {
        guard case .mapping(let m) = node else { return nil }
        for (k, v) in m { if case .scalar(let ks) = k, ks.string == key { return child(key, v) } }
        return nil
    }

    package func list() -> [YAMLValue]? {
        guard case .sequence(let s) = node else {
            report("expected a list, found \(found)")
            return nil
        }
        return s.enumerated().map { YAMLValue(node: $1, path: "\(path)[\($0)]", file: file, sink: sink) }
    }

    package func string() -> String? {
        guard case .scalar(let s) = node else {
            report("expected text, found \(found)")
            return nil
        }
        return s.string
    }

    package func int(in range: ClosedRange<Int>) -> Int? {
        guard case .scalar(let s) = node, let v = Int(s.string) else {
            report("expected a whole number, found \(found)")
            return nil
        }
        guard range.contains(v) else {
            report("expected a whole number from \(range.lowerBound) to \(range.upperBound), found \(v)")
            return nil
        }
        return v
    }

    /// A number, or a fraction written `a/b` (e.g. `2/3`).
    package func number(in range: ClosedRange<Double>) -> Double? {
        guard case .scalar(let s) = node else {
            report("expected a number, found \(found)")
            return nil
        }
        let text = s.string.trimmingCharacters(in: .whitespaces)
        var value: Double?
        let parts = text.split(separator: "/")
        if parts.count == 2, let a = Double(parts[0]), let b = Double(parts[1]), b != 0 { value = a / b } else { value = Double(text) }
        guard let v = value, v.isFinite else {
            report("expected a number (or a fraction like 2/3), found '\(text)'")
            return nil
        }
        guard range.contains(v) else {
            report("expected a number from \(range.lowerBound) to \(range.upperBound), found \(text)")
            return nil
        }
        return v
    }

    package func bool() -> Bool? {
        guard case .scalar(let s) = node, let v = Bool(s.string.lowercased()) else {
            report("expected true or false, found \(found)")
            return nil
        }
        return v
    }

    /// One of a fixed set of words.
    package func choice<T: RawRepresentable & CaseIterable>(_: T.Type) -> T? where T.RawValue == String {
        guard let s = string() else { return nil }
        if let v = T(rawValue: s) { return v }
        let names = T.allCases.map(\.rawValue)
        var msg = "unknown value '\(s)'"
        if let g = didYouMean(s, among: names) { msg += "; did you mean '\(g)'?" }
        report(msg + "; expected one of: \(names.joined(separator: ", "))")
        return nil
    }

    /// A list of words from a fixed set.
    package func choices<T: RawRepresentable & CaseIterable & Hashable>(_: T.Type) -> Set<T>? where T.RawValue == String {
        guard let items = list() else { return nil }
        var out = Set<T>()
        for item in items { if let v = item.choice(T.self) { out.insert(v) } }
        return out
    }
}
