import Foundation
import Testing
@testable import ProbationModel
@testable import ProbationRules

/// The activity table as data: a scenario adds a kind of work with one entry, and overrides a row's
/// minutes or volume; the outputs carry it; bad entries are refused with where and what.
@Suite struct ActivityTableTests {
    /// 40 community orders on the books for the whole of a 7-month horizon (from 1 January 2025),
    /// no warm-up, unlimited staff.
    static func scenario(activities: String) -> String {
        """
        name: made-up-activity
        start: 2025-01-01
        horizon: {months: 7}
        seed: 11
        regimes: [ns2021]
        caseload:
          cases:
        \((1...40).map { "    - {id: c\($0), type: community_order, start: 2024-12-01, months: 12, tier: C2, rosh: medium}" }.joined(separator: "\n"))
        activities:
        \(activities)
        """
    }

    /// A made-up kind of work, added in the scenario alone, is booked by volume and reported.
    /// Cases on the books at the start join after the first month's tick (months tick before
    /// arrivals on a day), so February to July count: 6 months, less the pieces that fall on the
    /// last day of May (a Saturday, moved into June and so dropped): 6 − 1/31 = 5.968 months.
    /// Expected: 40 × 5.968 × 1 piece × 30 minutes = 7,161 minutes = 119.4 hours. The count of
    /// ~239 pieces is Poisson (sd 15.4, 6.5%): ±20% is three standard deviations (seed 11).
    @Test func aMadeUpActivityIsBookedAndReported() throws {
        let text = Self.scenario(activities: "  court_liaison: {label: Liaison with the court, group: administration, minutes: 30, per_case_month: 1}")
        let (s, variants, results, summary) = try Sim.run(text)
        #expect(s.activities.kinds.last?.id == "court_liaison")
        let hours = try #require(Sim.mean(summary, "ns2021", "hours.by_activity.court_liaison"))
        print("court_liaison hours: \(hours)")
        #expect(abs(hours - 119.4) / 119.4 < 0.2)
        let weekly = Tables.hoursWeekly(s, results)
        #expect(weekly.split(separator: "\n").contains { $0.contains(",court_liaison,") && !$0.hasSuffix(",0.0000") })
        let report = Report.html(scenario: s, variants: variants, summary: Summary(scenario: s, variants: variants, results: results).summary(), results: results)
        #expect(report.contains("court liaison"))
        // Its draws are its own: reactive work draws the same whether or not it is there.
        let (_, _, plain, _) = try Sim.run(Self.scenario(activities: "  reactive_event: 60"))
        let k = try #require(s.activities.index(of: "reactive_event"))
        #expect(results[0].minutesByActivity[k] == plain[0].minutesByActivity[k])
    }

    /// A row's minutes and volume are overridden by the scenario: 40 cases × 2 reactive events a
    /// case-month of exactly 45 minutes, with record keeping of 10 each.
    @Test func overridesChangeMinutesAndVolume() throws {
        let (s, _, results, _) = try Sim.run(Self.scenario(activities: "  reactive_event: {minutes: 45, per_case_month: 2}\n  record_keeping: 10"))
        let table = s.activities
        let k = try #require(table.index(of: "reactive_event"))
        #expect(table.kinds[k].perCaseMonth == 2)
        let events = results[0].minutesByActivity[k] / 45
        #expect(events == events.rounded() && events > 300 && events < 600, "\(events) events of 45 minutes")
    }

    @Test func badEntriesAreRefused() {
        func problems(_ activities: String) -> [String] {
            do { _ = try ScenarioReader.parse(Self.scenario(activities: activities), file: "a.yaml"); return [] } catch let e as InputProblems {
                return e.problems.map { "\($0.path): \($0.message)" }
            } catch { return ["\(error)"] }
        }
        #expect(problems("  new_thing: {label: X, group: reports, minutes: 30}").contains { $0.contains("per_case_month") })
        #expect(problems("  reactive_event: {minutes: 45, booked_by: f2f}").contains { $0.contains("unknown key 'booked_by'") })
        #expect(problems("  f2f_appointment: {gamma: {mean: 45}}").contains { $0.contains("gamma needs 'sd'") })
        #expect(problems("  Bad-Id: {label: X, group: reports, minutes: 3, per_case_month: 1}").contains { $0.contains("lower-case") })
    }
}
