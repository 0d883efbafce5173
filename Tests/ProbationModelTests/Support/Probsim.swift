import Foundation
@testable import ProbationCommands
@testable import ProbationModel

/// The command line, in-process, and what it writes.
enum Probsim {
    /// Parses and runs a command line as `probsim ARGS` would (its errors are thrown, not exited on).
    static func run(_ args: [String]) throws {
        var command = try ProbsimCommand.parseAsRoot(args)
        try command.run()
    }

    /// A file of an output folder.
    static func read(_ folder: URL, _ name: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    }

    /// summary.json without its timing field, which differs from run to run.
    static func stable(_ summary: String) -> String {
        summary.split(separator: "\n").filter { !$0.contains("\"wall_seconds\"") }.joined(separator: "\n")
    }
}
