import Foundation
import Testing
@testable import ProbationModel
@testable import ProbationRules

/// Work the activity table books itself, counted by hand on named cases over a year: a schedule
/// (`every_months`), an event (`on: {risk_change: ...}`) and a scope (`applies`).
@Suite struct ScheduledWorkTests {
    /// Three community orders of 24 months sentenced on 10 December 2024, on the books all of
    /// 2025 (horizon 12 months from 1 January 2025, no warm-up, unlimited staff, everyone attends):
    /// `a` low RoSH; `m` high RoSH on MAPPA; `r` medium RoSH, which becomes high at the first
    /// month tick after the start (1 February: medium → high with probability 1; no other
    /// changes, no flag hazards). The MAPPA meeting is every 2 months for every MAPPA case (share 1).
    static let base = ScenarioBuilder(name: "scheduled-work", start: "2025-01-01").horizon(months: 12).seed(5).regimes("ns2021")
        .namedCase(id: "a", type: .communityOrder, start: "2024-12-10", months: 24, tier: "C2", rosh: .low)
        .namedCase(id: "m", type: .communityOrder, start: "2024-12-10", months: 24, tier: "C2", rosh: .high, flags: [.mappa])
        .namedCase(id: "r", type: .communityOrder, start: "2024-12-10", months: 24, tier: "C2", rosh: .medium)
        .attendance(1).workforce(.unlimited)
        .roshMonthly(["low": [:], "medium": ["high": 1], "high": [:], "very_high": [:]])
        .monthlyHazards(mappa: 0, nsd: 0, childProtection: 0)
        .reactiveEventsPerMonth(0)
        .activity("mappa_meeting", ["every_months": 2, "per_case_month": 0, "share": 1])

    /// Cases on the books at the start join after January's month tick, so the months ticked are
    /// February to December: months 2 to 12 after the start (December 2024).
    /// - `case_admin` (every month, 30 min): 11 anniversaries (10 Feb … 10 Dec) × 3 cases = 33
    ///   pieces = 990 min = 16.5 h.
    /// - `oasys_review` (every 12 months, 90 min): month 12 (10 Dec 2025) for each of 3 cases,
    ///   plus `r`'s change of RoSH on 1 February (5 working days later): 4 × 90 = 360 min = 6 h.
    /// - `mappa_meeting` (every 2 months, 120 min, MAPPA cases only): `m` in months 2, 4, 6, 8,
    ///   10, 12 = 6 × 120 = 720 min = 12 h; `a` and `r` none.
    @Test func schedulesEventsAndScopesCountByHand() throws {
        let (s, variants, results, summary) = try Sim.run(Self.base)
        func minutes(_ id: String) throws -> Double { results[0].minutesByActivity[try #require(s.activities.index(of: id))] }
        #expect(try minutes("case_admin") == 990)
        #expect(try minutes("oasys_review") == 360)
        #expect(try minutes("mappa_meeting") == 720)
        #expect(Sim.mean(summary, "ns2021", "hours.by_activity.mappa_meeting") == 12)
        // The report groups the hours by kind of work: case administration is 16.5 h over the
        // 52.14 measured weeks = 0.3 h a week.
        let report = Report.html(scenario: s, variants: variants, summary: Summary(scenario: s, variants: variants, results: results).summary(), results: results)
        #expect(report.contains("Hours per week by kind of work"))
        #expect(report.contains("<tr><td>administration</td><td>0.3</td></tr>"))
        #expect(report.contains("<tr><td>public_protection</td><td>0.2</td></tr>"))
    }

    /// With the meeting scoped to IOM cases no case is in scope; without the change of risk only
    /// the three yearly reviews are left (3 × 90 = 270 min).
    @Test func scopeAndEventDecideWhoGetsTheWork() throws {
        let quiet = Self.base.roshMonthly(["low": [:], "medium": [:], "high": [:], "very_high": [:]])
            .activity("mappa_meeting", ["every_months": 2, "per_case_month": 0, "share": 1, "applies": ["flags_any": ["iom"]]])
        let (s, _, results, _) = try Sim.run(quiet)
        func minutes(_ id: String) throws -> Double { results[0].minutesByActivity[try #require(s.activities.index(of: id))] }
        #expect(try minutes("oasys_review") == 270)
        #expect(try minutes("mappa_meeting") == 0)
        // A list of scopes: any may hold. IOM (no case) or low RoSH (`a`): a's 6 meetings, 720 min.
        let either = quiet.activity("mappa_meeting", ["every_months": 2, "per_case_month": 0, "share": 1,
                                                      "applies": [["flags_any": ["iom"]], ["rosh": ["low"]]]])
        let (s2, _, r2, _) = try Sim.run(either)
        #expect(r2[0].minutesByActivity[try #require(s2.activities.index(of: "mappa_meeting"))] == 720)
    }

    /// ns2021's termination assessment, a deadline counted back from the end: a 6-month order
    /// sentenced Wed 1 January 2025 ends on 1 July (exclusive). Due by the last working day
    /// before it, Mon 30 June; the window opens 40 working days before the end: June has 21
    /// (2–30 June), May 19 more back from the 30th (bank holidays 5 and 26 May): Fri 2 May. It is
    /// booked the working day after, Tue 6 May, and met: 1 × 90 minutes = 1.5 hours. An order
    /// ending after the horizon (`long`) has none.
    @Test func terminationAssessmentBeforeTheEnd() throws {
        let short = NamedCase(id: "short", type: .communityOrder, start: "2025-01-01", months: 6, requirements: [.rar], tier: "C2", rosh: .medium)
        let long = NamedCase(id: "long", type: .communityOrder, start: "2025-01-01", months: 24, requirements: [.rar], tier: "C2", rosh: .medium)
        let scenario = ScenarioBuilder.exact(regimes: "ns2021", cases: [short, long]).horizon(months: 12)
        let (_, _, _, summary) = try Sim.run(scenario)
        #expect(Sim.mean(summary, "ns2021", "hours.by_activity.termination_assessment") == 1.5)
        #expect(Sim.mean(summary, "ns2021", "standards.termination-assessment.met") == 1)
        let trace = try Sim.trace(scenario, case: "short")
        #expect(trace.contains { $0.hasPrefix("2025-05-06  termination_assessment") }, "\(trace)")
        #expect(try Sim.trace(scenario, case: "long").allSatisfy { !$0.contains("termination_assessment") })
    }

    /// The shipped MAPPA meeting: every 3 months for a share 0.35 of MAPPA cases (those at level
    /// 2/3), fixed per case. 100 MAPPA orders sentenced on 10 December 2024 have meetings in
    /// months 3, 6, 9 and 12 (March, June, September, December 2025) if in the share: 4 × 120 =
    /// 480 minutes each. The number in the share is binomial (100, 0.35): mean 35, sd 4.8; 20 to
    /// 50 is three standard deviations. With share 0 there are none.
    @Test func aShareOfTheCasesInScope() throws {
        let cases = (1...100).map { NamedCase(id: "m\($0)", type: .communityOrder, start: "2024-12-10", months: 24, tier: "C2", rosh: .medium, flags: [.mappa]) }
        let base = ScenarioBuilder(name: "share", start: "2025-01-01").horizon(months: 12).seed(3).regimes("ns2021")
            .namedCases(cases).attendance(1).workforce(.unlimited).noRiskChanges()
            .monthlyHazards(mappa: 0, nsd: 0, childProtection: 0)
        func minutes(_ b: ScenarioBuilder) throws -> Double {
            let (s, _, results, _) = try Sim.run(b)
            return results[0].minutesByActivity[try #require(s.activities.index(of: "mappa_meeting"))]
        }
        let inShare = try minutes(base) / 480
        #expect(inShare == inShare.rounded() && inShare >= 20 && inShare <= 50, "\(inShare) cases at level 2/3")
        #expect(try minutes(base.activity("mappa_meeting", ["share": 0])) == 0)
    }

    @Test func badSchedulesAreRefused() {
        func problems(_ activities: String) -> [String] {
            do { _ = try ScenarioReader.parse(ActivityTableTests.scenario(activities: activities), file: "a.yaml"); return [] } catch let e as InputProblems {
                return e.problems.map { "\($0.path): \($0.message)" }
            } catch { return ["\(error)"] }
        }
        #expect(problems("  case_admin: {applies: {rosh: [hgh]}}").contains { $0.contains("did you mean 'high'") })
        #expect(problems("  case_admin: {on: {risk_chang: 5}}").contains { $0.contains("did you mean 'risk_change'") })
        #expect(problems("  case_admin: {every_months: 200}").contains { $0.contains("every_months") })
        #expect(problems("  termination_assessment: {applies: {rosh: [high]}}").contains { $0.contains("scope only the work a row books itself") })
        #expect(problems("  new_thing: {label: X, group: reports, minutes: 30, every_months: 0}").contains { $0.contains("every_months") })
    }
}
