import ArgumentParser

/// The version printed by `probsim --version` and written into every result.
public let probsimVersion = "0.2.0"

/// The root command: `probsim <subcommand>`.
public struct ProbsimCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "probsim",
        abstract: "A discrete-event workload simulator for probation contact standards (England and Wales).",
        discussion: """
        Simulates caseloads under the 1992, 2015, 2021 and 2024 Reset contact standards (or your own \
        regime files), books the work into practitioners' diaries, and reports hours, FTE, WMT capacity \
        and standards met or missed.

        Exit codes: 0 success; 1 a --check expectation failed; 64 bad command-line usage; \
        65 invalid scenario or regime file; 70 internal error.
        """,
        version: probsimVersion,
        subcommands: [RunCommand.self, ValidateCommand.self, RegimesCommand.self, TraceCommand.self, MergeCommand.self, BenchCommand.self]
    )

    public init() {}
}
