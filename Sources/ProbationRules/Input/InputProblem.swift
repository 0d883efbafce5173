/// One problem in an input file, as a person reads it: where, what was found, what was expected.
public struct InputProblem: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var column: Int?
    /// Dotted key path, e.g. `rules[2].deadline.working_days`.
    public var path: String
    public var message: String

    package init(file: String, line: Int? = nil, column: Int? = nil, path: String, message: String) {
        self.file = file; self.line = line; self.column = column; self.path = path; self.message = message
    }

    public var description: String {
        var place = file
        if let l = line { place += ":\(l)" + (column.map { ":\($0)" } ?? "") }
        return "\(place): \(path.isEmpty ? "" : "\(path): ")\(message)"
    }
}

/// Every problem found in one or more input files; thrown when loading fails (exit 65).
public struct InputProblems: Error, Sendable, CustomStringConvertible {
    public var problems: [InputProblem]

    package init(problems: [InputProblem]) {
        self.problems = problems
    }
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}

/// The closest candidate to a misspelt key, if close enough to be the likely intent.
package func didYouMean(_ word: String, among candidates: [String]) -> String? {
    func distance(_ a: [Character], _ b: [Character]) -> Int {
        var prev = Array(0...b.count)
        for (i, ca) in a.enumerated() {
            var cur = [i + 1] + Array(repeating: 0, count: b.count)
            for (j, cb) in b.enumerated() {
                cur[j + 1] = min(prev[j + 1] + 1, cur[j] + 1, prev[j] + (ca == cb ? 0 : 1))
            }
            prev = cur
        }
        return prev[b.count]
    }
    let w = Array(word.lowercased())
    let best = candidates.map { ($0, distance(w, Array($0.lowercased()))) }.min { $0.1 < $1.1 }
    guard let (name, d) = best, d <= max(2, w.count / 3) else { return nil }
    return name
}
