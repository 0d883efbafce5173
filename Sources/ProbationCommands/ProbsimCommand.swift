import ArgumentParser
import Foundation
import ProbationModel

/// Every exit code probsim uses, for `--help`.
let exitCodesHelp = """
Exit codes: 0 success; 1 a --check expectation failed; 64 bad command-line usage (an unknown option, \
a value out of range); 65 invalid scenario or regime file; 70 internal error (a bug); \
74 the output folder could not be written; 130 interrupted (Ctrl-C or SIGTERM).
"""

/// The root command: `probsim <subcommand>`.
public struct ProbsimCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "probsim",
        abstract: "A discrete-event workload simulator for probation contact standards (England and Wales).",
        discussion: """
        Simulates caseloads under the 1992, 2015, 2021 and 2024 Reset contact standards (or your own \
        regime files), books the work into practitioners' diaries, and reports hours, FTE, WMT capacity \
        and standards met or missed.

        \(exitCodesHelp)
        """,
        version: probsimVersion,
        subcommands: [RunCommand.self, ValidateCommand.self, SweepCommand.self, SolveCommand.self, SensitivityCommand.self, RegimesCommand.self, TraceCommand.self, MergeCommand.self, BenchCommand.self]
    )

    public init() {}

    /// Parses the command line and runs the command, like `main()`, except that a usage error
    /// found while running a subcommand (an unknown regime, a missing case) shows that
    /// subcommand's usage rather than the root's. Exit 64 for usage errors.
    public static func runAsMain(_ arguments: [String]? = nil) -> Never {
        var command: ParsableCommand
        do { command = try parseAsRoot(arguments) } catch { exit(withError: error) }
        do {
            try command.run()
            exit()
        } catch let e as ValidationError {
            let sub = type(of: command)
            let name = sub.configuration.commandName.map { commandPath(of: sub, name: $0) } ?? "probsim"
            FileHandle.standardError.write(Data(("Error: \(e.message)\nUsage: " + usageString(for: sub) + "\n  See '\(name) --help' for more information.\n").utf8))
            exit(withError: ExitCode.validationFailure)
        } catch {
            exit(withError: error)
        }
    }

    /// `probsim bench model` for the `model` subcommand of `bench`, and so on.
    static func commandPath(of sub: ParsableCommand.Type, name: String) -> String {
        for parent in configuration.subcommands {
            if parent == sub { return "probsim \(name)" }
            if parent.configuration.subcommands.contains(where: { $0 == sub }) { return "probsim \(parent.configuration.commandName ?? "") \(name)" }
        }
        return "probsim \(name)"
    }
}
