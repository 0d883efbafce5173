import Foundation
import Testing
import SimulationCore
@testable import ProbationModel

/// Runs scenario text in-process and returns its summary.
enum Sim {
    static func run(_ yaml: String, threads: Int = 1) throws -> (Scenario, [Variant], [ReplicationResult], JSONValue) {
        let (s, regimes) = try ScenarioReader.parse(yaml, file: "test.yaml")
        let runner = Runner(scenario: s, variants: regimes)
        let results = try runner.run(jobs: runner.allJobs, threads: threads)
        return (s, regimes, results, Summary(scenario: s, variants: regimes, results: results).json(wallSeconds: nil))
    }

    static func run(_ scenario: ScenarioBuilder, threads: Int = 1) throws -> (Scenario, [Variant], [ReplicationResult], JSONValue) {
        try run(scenario.text, threads: threads)
    }

    /// The mean of a measure; the regime is looked up whole, since names such as
    /// `ns2021@37.5%` (from `staffing_levels`) contain dots.
    static func mean(_ summary: JSONValue, _ regime: String, _ path: String) -> Double? {
        summary["regimes"]?[regime]?.at(path: path)?["mean"]?.doubleValue
    }

    /// One case's timeline as `probsim trace` prints it (replication 1, the scenario's first regime
    /// unless said): lines of `YYYY-MM-DD  what happened`, in date order.
    static func trace(_ scenario: ScenarioBuilder, case id: String, regimeIndex: Int = 0) throws -> [String] {
        let (s, regimes) = try ScenarioReader.parse(scenario.text, file: "test.yaml")
        let lines = try Runner(scenario: s, variants: regimes).trace(caseID: id, regimeIndex: regimeIndex)
        return try #require(lines, "no case \(id)")
    }
}
