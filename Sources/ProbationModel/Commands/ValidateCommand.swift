import ArgumentParser
import Foundation

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
        print("\(scenario): valid. Scenario '\(s.name)': \(s.start.iso) to \(s.end.iso), \(s.replications) replication\(s.replications == 1 ? "" : "s"), regimes \(regimes.map(\.name).joined(separator: ", ")).")
        print("Estimate: \(RunEstimate(s, regimes: regimes.count, replications: s.replications, jobs: ProcessInfo.processInfo.activeProcessorCount).text).")
    }
}
