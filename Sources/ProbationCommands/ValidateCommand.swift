import ArgumentParser
import Foundation
import ProbationModel
import ProbationRules

/// `probsim validate SCENARIO`: checks the file and every regime it names.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a scenario file and every regime it names; exit 0 if valid, else print every problem and exit 65.",
        discussion: exitCodesHelp)

    @Argument(help: "The scenario file (YAML or JSON).")
    var scenario: String

    @OptionGroup var set: OverrideOptions

    func run() throws {
        let study = try ScenarioInput.load(scenario, overrides: set.overrides)
        let (s, regimes) = (study.scenario, study.variants)
        // The sweep: block was checked as the file was read; its keys are checked by reading the scenario at its first point.
        var sweepLine: String?
        if let block = s.sweep, let design = try? block.design(seed: s.seed), let first = design.values.first {
            let point = try zip(design.keys, first).map { try Override(path: $0, value: $1, option: "sweep.vary") }
            _ = try ScenarioInput.load(scenario, overrides: set.overrides + point)
            sweepLine = "Sweep block: \(design.values.count) point\(design.values.count == 1 ? "" : "s") (\(design.kind.rawValue)) varying \(design.keys.joined(separator: ", ")); `probsim sweep` runs it, `probsim run` ignores it."
        }
        print("\(scenario): valid. Scenario '\(s.name)': \(s.start.iso) to \(s.end.iso), \(s.replications) replication\(s.replications == 1 ? "" : "s"), regimes \(regimes.map(\.name).joined(separator: ", ")).")
        print("Estimate: \(RunEstimate(s, regimes: regimes.count, replications: s.replications, jobs: ProcessInfo.processInfo.activeProcessorCount).text).")
        if let sweepLine { print(sweepLine) }
    }
}
