import ArgumentParser
import Foundation
import Testing
@testable import ProbationCommands
@testable import ProbationModel

/// Options are checked before anything is simulated: a bad value is exit 64 with the allowed
/// range, never a crash after the run (exit 128 or more).
@Suite struct CommandLineTests {
    static var smoke: String { Repository.root.appendingPathComponent("scenarios/smoke.yaml").path }

    /// The exit code and message a command line gets from parsing alone.
    func parseFailure(_ args: [String]) -> (code: Int32, message: String)? {
        do {
            _ = try ProbsimCommand.parseAsRoot(args)
            return nil
        } catch {
            return (ProbsimCommand.exitCode(for: error).rawValue, ProbsimCommand.message(for: error))
        }
    }

    @Test(arguments: [
        (["run", smoke, "--seed", "18446744073709551615"], "0 to 9223372036854775807"),
        (["run", smoke, "--seed", "9223372036854775808"], "0 to 9223372036854775807"),
        (["run", smoke, "--seed=-1"], "0 to 9223372036854775807"),
        (["run", smoke, "--replications", "0"], "1 to 100000"),
        (["run", smoke, "--replications", "99999999999999999999"], "1 to 100000"),
        (["run", smoke, "--jobs", "0"], "1 to 256"),
        (["run", smoke, "--jobs", "100000000000000000000"], "1 to 256"),
        (["run", smoke, "--shard", "0/3"], "K from 1 to N"),
        (["run", smoke, "--shard", "4/3"], "K from 1 to N"),
        (["run", smoke, "--shard", "1/99999999999999999999"], "K from 1 to N"),
        (["trace", smoke, "--case", "c1", "--replication", "0"], "1 to 100000"),
        (["bench", "engine", "--processes", "0"], "1 to 50000000"),
        (["bench", "engine", "--events", "-5"], ""),
        (["bench", "engine", "--seed", "18446744073709551615"], "0 to 9223372036854775807"),
    ])
    func badOptionValuesAreUsageErrors(_ args: [String], _ range: String) {
        let failure = parseFailure(args)
        #expect(failure?.code == 64, "\(args): \(String(describing: failure))")
        if !range.isEmpty { #expect(failure?.message.contains(range) == true, "\(failure?.message ?? "")") }
    }

    /// The largest seed a scenario takes runs and is written back whole.
    @Test func largestSeedRuns() throws {
        let dir = try temporaryFolder("probsim-seed")
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("s.yaml")
        try ScenarioBuilder(name: "s").horizon(months: 2).caseload(initial: 5).text.write(to: file, atomically: true, encoding: .utf8)
        var command = try ProbsimCommand.parseAsRoot(["run", file.path, "--quiet", "--seed", "\(Int.max)", "--out", dir.appendingPathComponent("o").path])
        try command.run()
        let summary = try String(contentsOf: dir.appendingPathComponent("o/summary.json"), encoding: .utf8)
        #expect(summary.contains("\"seed\": \(Int.max)"))
    }

    /// `--help` lists every exit code probsim uses.
    @Test func helpListsEveryExitCode() {
        for help in [ProbsimCommand.helpMessage(), ProbsimCommand.helpMessage(for: RunCommand.self)] {
            let flat = help.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            for code in ["0 success", "1 a --check", "64 bad command-line usage", "65 invalid scenario", "70 internal error", "74 the output folder", "130 interrupted"] {
                #expect(flat.contains(code), "missing '\(code)'")
            }
        }
    }

    /// The usage shown for an error found while running a subcommand is that subcommand's.
    @Test func subcommandErrorsShowTheSubcommandsUsage() {
        #expect(ProbsimCommand.commandPath(of: RunCommand.self, name: "run") == "probsim run")
        #expect(ProbsimCommand.commandPath(of: ModelBench.self, name: "model") == "probsim bench model")
        #expect(ProbsimCommand.usageString(for: TraceCommand.self).hasPrefix("probsim trace <scenario>"))
    }

    /// The summary table fits 100 columns, whatever the number of variants.
    @Test func consoleTableFitsOneHundredColumns() throws {
        let yaml = """
        name: wide
        start: 2025-01-06
        horizon: {months: 3}
        regimes: [ns1992, ns2015, ns2021, reset2024]
        staffing_levels: [1.0, 0.79, 0.6]
        caseload: {initial: 40}
        workforce:
          practitioners:
            - {grade: PO, count: 3}
        """
        let (s, variants, results, _) = try Sim.run(yaml)
        let summary = Summary(scenario: s, variants: variants, results: results).summary()
        let text = ConsoleTable.text(summary: summary, variants: variants, scenario: s)
        let lines = text.split(separator: "\n").dropFirst()   // the title line is prose
        #expect(lines.allSatisfy { $0.count <= 100 }, "\(lines.map(\.count).max() ?? 0) columns")
        for v in variants { #expect(text.contains(v.name)) }
        for label in ["caseload (mean on the books)", "deferrals", "unmet hours (work never done)", "FTE in post"] { #expect(text.contains(label)) }
    }
}
