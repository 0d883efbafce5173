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

    /// Named cases with everything random switched off: attendance 1, no risk changes, no
    /// reactive work, unlimited capacity, professional judgement 0, constant minutes.
    static func exact(regimes: String, cases: String, start: String = "2025-01-01", horizon: String = "{years: 3}") -> String {
        """
        name: exact
        start: \(start)
        horizon: \(horizon)
        regimes: [\(regimes)]
        professional_judgement: {f2f_per_month: {A: 0, B: 0, C: 0, D: 0}}
        behaviour:
          attendance: 1
          rosh_monthly: {low: {}, medium: {}, high: {}, very_high: {}}
          monthly_hazards: {mappa: 0, nsd: 0, child_protection: 0}
        activities:
          initial_appointment: 90
          f2f_appointment: 45
          home_visit: 60
          home_visit_travel: 30
          other_contact: 15
          record_keeping: 10
          sentence_plan: 180
          reactive_events_per_month: 0
        caseload:
          cases:
        \(cases)
        """
    }

    /// One case's timeline as `probsim trace` prints it (replication 1, the scenario's first regime
    /// unless said): lines of `YYYY-MM-DD  what happened`, in date order.
    static func trace(_ scenario: ScenarioBuilder, case id: String, regimeIndex: Int = 0) throws -> [String] {
        let (s, regimes) = try ScenarioReader.parse(scenario.text, file: "test.yaml")
        let lines = try Runner(scenario: s, variants: regimes).trace(caseID: id, regimeIndex: regimeIndex)
        return try #require(lines, "no case \(id)")
    }
}
