import Foundation
import Testing
@testable import ProbationModel
@testable import ProbationRules

/// Common random numbers per draw: a contact's attendance and minutes are keyed by what is drawn
/// (case, kind of work, that kind's ordinal for the case), so two regimes booking the same contact
/// draw the same attendance and minutes even when one of them has more work for the case first.
@Suite struct CommonRandomNumbersTests {
    /// ns2021, plus an extra "other" contact due within 2 working days of sentence (before the
    /// monthly F2F contacts); every absence acceptable, so no enforcement work follows.
    static let regime = """
    name: ns2021-extra-other
    extends: ns2021
    rules:
      - id: early-other
        applies: {phases: [community_order]}
        deadline: {trigger: sentence, working_days: 2, contact: other}
        text: An extra other contact within 2 working days of sentence.
        source: test
    """

    static let scenario = """
    name: crn-draws
    start: 2025-01-06
    horizon: {years: 1}
    warmup: {months: 0}
    regimes: [ns2021, extra.yaml]
    professional_judgement: {f2f_per_month: {A: 0, B: 0, C: 0, D: 0}}
    behaviour:
      attendance: 0.5
      acceptable_absence: 1
      rosh_monthly: {low: {}, medium: {}, high: {}, very_high: {}}
      monthly_hazards: {mappa: 0, nsd: 0, child_protection: 0}
    activities:
      initial_appointment: {gamma: {mean: 90, sd: 30}}
      f2f_appointment: {gamma: {mean: 45, sd: 15}}
      other_contact: {gamma: {mean: 15, sd: 5}}
      reactive_events_per_month: 0
    caseload:
      cases:
        - {id: named, type: community_order, start: 2025-01-06, months: 10, requirements: [rar], tier: B2, rosh: medium}
    """

    @Test func twoRegimesBookingTheSameContactDrawTheSameAttendanceAndMinutes() throws {
        let dir = try temporaryFolder("probsim-crn")
        defer { try? FileManager.default.removeItem(at: dir) }
        try CommonRandomNumbersTests.regime.write(to: dir.appendingPathComponent("extra.yaml"), atomically: true, encoding: .utf8)
        let (s, regimes) = try ScenarioReader.parse(CommonRandomNumbersTests.scenario, file: dir.appendingPathComponent("s.yaml").path, folder: dir.path)
        #expect(regimes.map(\.name) == ["ns2021", "ns2021-extra-other"])
        let runner = Runner(scenario: s, variants: regimes)
        // The F2F contacts (initial appointment included) each regime held for the case, with their attendance.
        func f2f(_ k: Int) throws -> [String] {
            try #require(try runner.trace(caseID: "named", regimeIndex: k)).filter { line in
                ["initial_appointment ", "f2f "].contains { line.dropFirst(12).hasPrefix($0) }
            }
        }
        let plain = try f2f(0), extra = try f2f(1)
        let other = try #require(try runner.trace(caseID: "named", regimeIndex: 1)).filter { $0.dropFirst(12).hasPrefix("other ") }
        #expect(!other.isEmpty, "the second regime has extra work for the case")
        #expect(plain.count >= 10)
        #expect(plain.contains { $0.hasSuffix(" attended") } && plain.contains { $0.contains("not attended") }, "attendance is drawn")
        #expect(plain == extra, "the same F2F contacts, attended alike:\n\(plain.joined(separator: "\n"))\nvs\n\(extra.joined(separator: "\n"))")
        let results = try runner.run(jobs: runner.allJobs, threads: 1)
        let table = ActivityTable.builtIn
        for id in ["initial_appointment", "f2f_appointment"] {
            let k = try #require(table.index(of: id))
            #expect(results[0].minutesByActivity[k] == results[1].minutesByActivity[k], "\(id) minutes")
        }
        #expect(results[1].minutesByActivity[try #require(table.index(of: "other_contact"))] > 0)
    }
}
