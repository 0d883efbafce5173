import Yams

/// One `--set KEY=VALUE` (or one `--vary` value): a scenario key path and the YAML value to put there.
///
/// Overrides edit the scenario's parsed YAML tree before ``ScenarioReader`` reads it, so a value
/// given on the command line is checked exactly as if it were in the file, with the same
/// messages. A problem found at or under the key path names the option it came from instead of a
/// line of the file.
public struct Override: Sendable, Equatable, CustomStringConvertible {
    /// One step of a key path: a mapping key or a list index.
    public enum Step: Sendable, Equatable {
        case key(String)
        case index(Int)
    }

    /// The key path as written, e.g. `workforce.practitioners[0].count`.
    public var path: String
    public var steps: [Step]
    /// The value, as YAML text (`0.3`, `PO`, `[ns2021, reset2024]`).
    public var value: String
    /// The option it came from, for messages: `--set` or `--vary`.
    public var option: String

    /// `KEY=VALUE`, as written.
    public var description: String { "\(path)=\(value)" }

    /// Where problems it causes are reported from: `--set caseload.flags.mappa=0.3`.
    public var label: String { "\(option) \(description)" }

    /// Parses `KEY=VALUE`.
    ///
    /// - Throws: ``OverrideSyntaxError`` (a usage error, exit 64) for a missing '=', a malformed
    ///   key path or a value that is not YAML.
    public init(parsing argument: String, option: String = "--set") throws(OverrideSyntaxError) {
        guard let eq = argument.firstIndex(of: "=") else {
            throw OverrideSyntaxError(message: "\(option) '\(argument)': expected KEY=VALUE (e.g. caseload.flags.mappa=0.3), found no '='")
        }
        try self.init(path: String(argument[..<eq]), value: String(argument[argument.index(after: eq)...]), option: option)
    }

    /// An override of `path` with the YAML text `value`.
    ///
    /// - Throws: ``OverrideSyntaxError`` for a malformed key path or a value that is not YAML.
    public init(path: String, value: String, option: String = "--set") throws(OverrideSyntaxError) {
        self.path = path.trimmingCharacters(in: .whitespaces)
        self.value = value
        self.option = option
        steps = try Override.steps(of: self.path, option: option)
        do { _ = try Override.node(value) } catch {
            throw OverrideSyntaxError(message: "\(option) \(self.path)=\(value): the value is not valid YAML (\("\(error)".split(whereSeparator: \.isNewline).joined(separator: " "))); quote text with spaces or colons, e.g. '\(self.path)=\"a: b\"'")
        }
    }

    /// The steps of a key path: names separated by '.', each optionally followed by `[N]` indices.
    package static func steps(of path: String, option: String) throws(OverrideSyntaxError) -> [Step] {
        func bad(_ why: String) -> OverrideSyntaxError {
            OverrideSyntaxError(message: "\(option) \(path)=...: \(why); a key path is names separated by '.', with [N] for a list item (e.g. workforce.practitioners[0].count)")
        }
        guard !path.isEmpty else { throw bad("the key path is empty") }
        var steps: [Step] = []
        for part in path.split(separator: ".", omittingEmptySubsequences: false) {
            var rest = Substring(part)
            let name = rest.prefix { $0 != "[" }
            guard !name.isEmpty else { throw bad("an empty name in the key path") }
            guard !name.contains(where: { $0 == "]" || $0.isWhitespace }) else { throw bad("'\(name)' is not a key name") }
            steps.append(.key(String(name)))
            rest = rest.dropFirst(name.count)
            while !rest.isEmpty {
                guard rest.first == "[", let close = rest.firstIndex(of: "]"), let i = Int(rest[rest.index(after: rest.startIndex)..<close]), i >= 0 else {
                    throw bad("'\(part)' has a malformed list index (expected [0], [1], ...)")
                }
                steps.append(.index(i))
                rest = rest[rest.index(after: close)...]
            }
        }
        return steps
    }

    /// The YAML node of a value; an empty value is empty text.
    static func node(_ text: String) throws -> Node {
        try Yams.compose(yaml: text) ?? Node("")
    }
}

/// A malformed `--set` or `--vary` (exit 64).
public struct OverrideSyntaxError: Error, Sendable, CustomStringConvertible {
    public var message: String

    package init(message: String) {
        self.message = message
    }
    public var description: String { message }
}

/// The key paths whose problems belong to an override rather than to the file.
package struct OverrideScopes {
    /// (key path, label), in the order applied: the last matching one wins.
    var scopes: [(path: String, label: String)] = []

    /// Reports a problem that a key path names as coming from the override that set it.
    package func attribute(_ problems: [InputProblem]) -> [InputProblem] {
        guard !scopes.isEmpty else { return problems }
        return problems.map { p in
            guard let s = scopes.last(where: { OverrideScopes.isWithin(p.path, $0.path) }) else { return p }
            return InputProblem(file: s.label, line: nil, column: nil, path: p.path, message: p.message)
        }
    }

    /// Whether `path` is `scope` or lies under it (`a.b`, `a.b.c`, `a.b[0]`; not `a.bc`).
    static func isWithin(_ path: String, _ scope: String) -> Bool {
        guard path.hasPrefix(scope) else { return false }
        let rest = path.dropFirst(scope.count)
        return rest.isEmpty || rest.first == "." || rest.first == "["
    }
}

extension Override {
    /// Applies overrides, in order, to a scenario's parsed tree.
    ///
    /// A key absent from a mapping is added (the reader then checks it as it checks the file: an
    /// unknown key gets a "did you mean" and the keys allowed there). A path through a value that
    /// is not a mapping, or to a list item that does not exist, is a problem reported on `sink`.
    ///
    /// - Returns: the edited tree and the key paths whose problems belong to each override.
    package static func apply(_ overrides: [Override], to root: YAMLValue) -> (YAMLValue, OverrideScopes) {
        var node = root.node
        var scopes = OverrideScopes()
        for o in overrides {
            var created: String?
            do {
                node = try o.set((try? Override.node(o.value)) ?? Node(o.value), at: o.steps[...], in: node, walked: "", created: &created)
                scopes.scopes.append((created ?? o.path, o.label))
            } catch {
                root.sink.problems.append(InputProblem(file: o.label, path: error.path, message: error.message))
            }
        }
        return (YAMLValue(node: node, path: root.path, file: root.file, sink: root.sink), scopes)
    }

    /// Why a key path cannot be followed.
    struct PathProblem: Error {
        var path: String
        var message: String
    }

    /// The tree `node` (nil if absent) with `value` put at `steps`; `walked` is the path so far,
    /// and `created` is set to the first step that was not in the file.
    func set(_ value: Node, at steps: ArraySlice<Step>, in node: Node?, walked: String, created: inout String?) throws(PathProblem) -> Node {
        guard let step = steps.first else { return value }
        let rest = steps.dropFirst()
        switch step {
        case .key(let k):
            let here = walked.isEmpty ? k : "\(walked).\(k)"
            guard let node else {
                if created == nil { created = here }
                return Node([(Node(k), try set(value, at: rest, in: nil, walked: here, created: &created))])
            }
            guard case .mapping(var m) = node else {
                throw PathProblem(path: walked, message: "found \(Override.describe(node)) where the key path needs a mapping with a key '\(k)'; set the whole value instead (e.g. \(option) '\(walked)=...')")
            }
            if let i = m.indices.first(where: { if case .scalar(let s) = m[$0].key { return s.string == k }; return false }) {
                m[i] = (m[i].key, try set(value, at: rest, in: m[i].value, walked: here, created: &created))
                return .mapping(m)
            }
            if created == nil { created = here }
            let pairs = m.map { ($0.key, $0.value) } + [(Node(k), try set(value, at: rest, in: nil, walked: here, created: &created))]
            return .mapping(Node.Mapping(pairs, m.tag, m.style, m.mark))
        case .index(let i):
            let here = "\(walked)[\(i)]"
            guard let node else {
                // A list the file does not have: [0] starts one (and the reader checks the key it is under).
                guard i == 0 else {
                    throw PathProblem(path: walked, message: "not in the file, so there is no item [\(i)] to change; set the whole list instead (e.g. \(option) '\(walked)=[...]')")
                }
                return Node([try set(value, at: rest, in: nil, walked: here, created: &created)])
            }
            guard case .sequence(var s) = node else {
                throw PathProblem(path: walked, message: "found \(Override.describe(node)) where the key path needs a list with an item [\(i)]")
            }
            guard i < s.count else {
                let has = s.isEmpty ? "no items" : "\(s.count) item\(s.count == 1 ? "" : "s") ([0] to [\(s.count - 1)])"
                throw PathProblem(path: walked, message: "found a list of \(has); there is no item [\(i)]")
            }
            s[i] = try set(value, at: rest, in: s[i], walked: here, created: &created)
            return .sequence(s)
        }
    }

    static func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let s): return "the value '\(s.string)'"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        }
    }
}

extension Override {
    /// The text of the scalar at a key path of a YAML document, if there is one there.
    package static func scalar(at steps: [Step], in text: String) -> String? {
        guard var node = try? Yams.compose(yaml: text) else { return nil }
        for step in steps {
            switch (step, node) {
            case (.key(let k), .mapping(let m)):
                guard let v = m.first(where: { if case .scalar(let s) = $0.key { return s.string == k }; return false })?.value else { return nil }
                node = v
            case (.index(let i), .sequence(let s)) where i < s.count:
                node = s[i]
            default:
                return nil
            }
        }
        if case .scalar(let s) = node { return s.string }
        return nil
    }
}
