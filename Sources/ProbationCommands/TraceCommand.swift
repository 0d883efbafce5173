import ArgumentParser
import Foundation
import ProbationModel

/// `probsim trace SCENARIO --case ID [--regime NAME]`: one case's timeline.
struct TraceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trace",
        abstract: "Print one case's timeline: phases, bookings, contacts, and the outcome of its standards.",
        discussion: "Generated cases are named c1, c2, ... (on the books at the start) and a1, a2, ... (arrivals); named cases keep their ids.\n\n\(exitCodesHelp)")

    @Argument(help: "The scenario file.")
    var scenario: String

    @Option(name: .customLong("case"), help: "The case id.")
    var caseID: String

    @Option(help: "The regime (default: each regime of the scenario in turn).")
    var regime: [String] = []

    @Option(help: "The replication (1 = the first).", transform: OptionValue.whole(1...100_000))
    var replication: Int = 1

    func run() throws {
        let study = try ScenarioInput.load(scenario)
        let s = study.scenario
        guard replication <= s.replications else { throw ValidationError("--replication \(replication): the scenario has \(s.replications)") }
        let regimes = try ScenarioInput.select(regime, from: study).variants
        let runner = Runner(scenario: s, variants: regimes)
        for (k, r) in regimes.enumerated() {
            let lines: [String]?
            do { lines = try runner.trace(caseID: caseID, regimeIndex: k, replication: replication - 1) } catch { throw internalError(error) }
            guard let lines else {
                throw ValidationError("no case '\(caseID)' in replication \(replication) of \(scenario) (generated cases are c1, c2, ... and a1, a2, ...)")
            }
            print("== \(caseID) under \(r.name) (replication \(replication))")
            for l in lines { print(l) }
            if k < regimes.count - 1 { print("") }
        }
    }
}
