import Foundation
import Testing
@testable import ProbationModel

/// Valid-but-odd scenarios (numbers pushed to extremes, lines deleted) are simulated, not only
/// validated: each run must finish with a summary or be refused as invalid, never crash.
@Suite struct RunFuzzTests {
    static let base = """
    name: runfuzz
    start: 2025-01-06
    horizon: {months: 5}
    warmup: {months: 1}
    replications: 1
    seed: 3
    regimes: [ns1992, ns2015, ns2021, reset2024]
    caseload:
      initial: 40
      arrivals_per_week: 2
      cases:
        - {id: x1, type: licence, start: 2025-02-03, custody_months: 30, tier: A3, rosh: very_high, flags: [nsd]}
        - {id: x2, type: community_order, start: 2024-06-30, months: 9, requirements: [rar, upw], tier: B1, rosh: high}
    behaviour:
      attendance: {A: 0.5, B: 0.9, C: 0.1, D: 1}
      acceptable_absence: 0.2
      recall: {per_unacceptable_absence: 0.9, fixed_term_share: 0.5, fixed_term_days: 14}
      monthly_hazards: {mappa: 0.2, nsd: 0.1, child_protection: 0.3}
    activities:
      reactive_events_per_month: 2
      f2f_appointment: {triangular: {min: 1, mode: 30, max: 600}}
    workforce:
      practitioners:
        - {grade: PO, count: 2, hours_per_week: 37, case_work_share: 0.75}
        - {grade: PSO, count: 1, hours_per_week: 20, case_work_share: 0.8}
      max_deferral_working_days: 10
    """

    @Test func oddScenariosRunToTheEnd() throws {
        var m = Mutator(state: 99)
        // Extremes that keep each run small (a debug build simulates them): the validator fuzz
        // above covers huge numbers.
        let extremes = ["0", "1", "0.0001", "2", "0.5", "30"]
        var ran = 0
        for k in 0..<60 {
            var lines = RunFuzzTests.base.components(separatedBy: "\n")
            for _ in 0...m.below(2) {
                let i = m.below(lines.count)
                if let r = lines[i].range(of: #"[0-9]+(\.[0-9]+)?"#, options: .regularExpression), m.below(5) > 0 {
                    lines[i].replaceSubrange(r, with: extremes[m.below(extremes.count)])
                } else {
                    lines.remove(at: i)
                }
            }
            let text = lines.joined(separator: "\n")
            guard let (s, regimes) = try? ScenarioReader.parse(text, file: "runfuzz-\(k).yaml"),
                  s.activities.kinds.allSatisfy({ $0.perCaseMonth <= 5 }),
                  Double(s.caseload.initial) + s.caseload.arrivalsPerWeek * Double(s.start.days(to: s.end)) / 7 <= 2_000 else { continue }
            let runner = Runner(scenario: s, variants: regimes)
            let results = try runner.run(jobs: runner.allJobs, threads: 1)
            let summary = Summary(scenario: s, variants: regimes, results: results).json(wallSeconds: nil)
            #expect(summary["regimes"] != nil, "mutation \(k) (seed 99)")
            _ = Tables.standards(s, results) + Tables.hoursWeekly(s, results) + Tables.caseloadWeekly(s, results)
            _ = Report.html(scenario: s, variants: regimes, summary: Summary(scenario: s, variants: regimes, results: results).summary(), results: results)
            ran += 1
        }
        print("run fuzz (seed 99): \(ran) of 60 mutations simulated (the others were refused as invalid)")
        #expect(ran >= 15)
    }
}
