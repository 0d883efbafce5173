import Testing
import SimulationCore
@testable import ProbationModel
@testable import ProbationRules

/// The closed-form checks of conventions §6: attendance 1, ample capacity, professional judgement 0.
@Suite struct ClosedFormTests {
    let calendar = WorkingDayCalendar(fromYear: 2024, toYear: 2030)

    /// Without the custody phase: these checks are of supervision in the community (a licence starts at release).
    func plan(_ regime: String, _ spec: CaseSpec) throws -> ContactPlan {
        var options = ReadingOptions()
        options.custodyPhase = false
        return ContactPlanner(regime: try RegimeLoader.load(regime), options: options, calendar: calendar).plan(spec)
    }

    func outcomes(_ p: ContactPlan, _ standard: String) -> [StandardOutcome] {
        StandardScorer.outcomesIfAllAttended(p).filter { $0.0.standard == standard }.map(\.1)
    }

    func co(_ start: String, months: Int = 12, requirements: Set<Requirement> = [.rar], flags: Set<CohortFlag> = [],
            rosh: RoSH = .medium) -> CaseSpec {
        CaseSpec(id: "co", type: .communityOrder, start: Day(iso: start)!, months: months,
                 requirements: requirements, tier: "B2", rosh: rosh, flags: flags)
    }

    func licence(_ start: String, custody: Int, flags: Set<CohortFlag> = [], rosh: RoSH = .medium) -> CaseSpec {
        CaseSpec(id: "lic", type: .licence, start: Day(iso: start)!, custodyMonths: custody, tier: "B2", rosh: rosh, flags: flags)
    }

    /// §6: ns1992, 12-month CO: 12 + 6 + 6 = 24 appointments, all windows met.
    @Test func ns1992TwelveMonthOrder() throws {
        let p = try plan("ns1992", co("2025-01-01"))
        #expect(p.f2fCount == 24)
        #expect(outcomes(p, "ns1992-months-1-3") == [.met])
        #expect(outcomes(p, "ns1992-months-4-6") == [.met])
        #expect(outcomes(p, "ns1992-monthly") == Array(repeating: .met, count: 6))
    }

    /// §6: ns2021, 12-month CO starting on the 1st: 12 F2F, 12 monthly instances met.
    @Test func ns2021TwelveMonthOrder() throws {
        let p = try plan("ns2021", co("2025-01-01"))
        #expect(p.f2fCount == 12)
        let monthly = outcomes(p, "monthly-f2f")
        #expect(monthly == Array(repeating: .met, count: 12))
        #expect(outcomes(p, "first-appointment") == [.met])
        #expect(outcomes(p, "sentence-plan") == [.met])
    }

    /// §6: reset2024, same CO with RAR, no exemption: 8 F2F (months 9-12 suspended, not scored); with MAPPA: 12.
    @Test func reset2024TwelveMonthRAROrder() throws {
        let p = try plan("reset2024", co("2025-01-01"))
        #expect(p.f2fCount == 8)
        let monthly = outcomes(p, "monthly-f2f")
        #expect(monthly.filter { $0 == .met }.count == 8)
        #expect(monthly.filter { $0 == .notApplicable }.count == 4)
        let mappa = try plan("reset2024", co("2025-01-01", flags: [.mappa]))
        #expect(mappa.f2fCount == 12)
        #expect(outcomes(mappa, "monthly-f2f") == Array(repeating: .met, count: 12))
    }

    /// §4: Reset suspends CO/SSO only with a RAR (the default reading).
    @Test func reset2024DoesNotSuspendOrdersWithoutRAR() throws {
        let p = try plan("reset2024", co("2025-01-01", requirements: [.drr]))
        #expect(p.f2fCount == 12)
        #expect(p.suspended.isEmpty)
    }

    /// §6: reset2024, 24-month licence from a 4-year sentence, starting on the 1st: 17 F2F (16 monthly + 1 at 5/6).
    @Test func reset2024FourYearSentenceLicence() throws {
        let p = try plan("reset2024", licence("2025-01-01", custody: 48))
        #expect(p.timeline.segments.map(\.period.length) == [730])
        #expect(p.f2fCount == 17)
        #expect(outcomes(p, "reset-final-third-f2f") == [.met])
        // The 5/6 point: floor(5/6 × 730) = 608 days after release.
        #expect(p.bookings.contains { $0.rule == "reset-final-third-f2f" && $0.day >= Day(iso: "2026-09-01")! })
    }

    /// §6: from a 3-year sentence (18-month licence): 12.
    @Test func reset2024ThreeYearSentenceLicence() throws {
        let p = try plan("reset2024", licence("2025-01-01", custody: 36))
        #expect(p.f2fCount == 12)
        #expect(outcomes(p, "reset-final-third-f2f").isEmpty)
    }

    /// §6: ns2021, NSD high RoSH, 24-month licence: 52 PP F2F in year 1 (7 resettlement visits), then 12 monthly F2F in year 2.
    @Test func ns2021NSDLicence() throws {
        let spec = licence("2025-01-01", custody: 48, flags: [.nsd], rosh: .high)
        let p = try plan("ns2021", spec)
        let yearOneEnd = Day(iso: "2025-01-01")!.adding(days: 364)
        let yearOne = p.bookings.filter { $0.day < yearOneEnd && $0.kind.isF2F }
        #expect(yearOne.count == 52)
        #expect(yearOne.filter { $0.kind == .homeVisit }.count == 7)
        #expect(p.bookings.filter { $0.day >= yearOneEnd && $0.kind.isF2F }.count == 12)
        #expect(outcomes(p, "nsd-weekly-f2f") == Array(repeating: .met, count: 52))
        #expect(outcomes(p, "nsd-weekly-contacts") == Array(repeating: .met, count: 52))
        #expect(outcomes(p, "nsd-resettlement-visit") == Array(repeating: .met, count: 7))
    }

    /// §3: a CO starting on the 15th has its first month booked but not scored.
    @Test func startNotOnTheFirstBooksButDoesNotScoreThePartMonth() throws {
        let p = try plan("ns2021", co("2025-01-15"))
        // January (17 days covered) and every month to January 2026 (14 days) are booked: 13 F2F.
        #expect(p.f2fCount == 13)
        // Scored: February ... December 2025, the months wholly inside the order.
        #expect(outcomes(p, "monthly-f2f") == Array(repeating: .met, count: 11))
    }

    /// §2: PSS follows a licence from a sentence under 2 years, until 12 months after release; ns2021 does not score monthly F2F in PSS.
    @Test func pssAfterShortLicence() throws {
        let p = try plan("ns2021", licence("2025-01-01", custody: 12))
        #expect(p.timeline.segments.map(\.phase) == [.licence, .pss])
        #expect(p.timeline.segments[1].period == Period(start: Day(iso: "2025-07-01")!, end: Day(iso: "2026-01-01")!))
        // Monthly F2F is scored for the 6 licence months only.
        #expect(outcomes(p, "monthly-f2f").count == 6)
        // Reset suspends the whole PSS phase.
        let reset = try plan("reset2024", licence("2025-01-01", custody: 12))
        #expect(reset.suspended.contains(reset.timeline.segments[1].period))
    }

    /// §2, §4: ns2021's monthly standard does not apply to standalone UPW.
    @Test func standaloneUPWHasNoMonthlyStandard() throws {
        let p = try plan("ns2021", co("2025-01-01", requirements: [.upw]))
        #expect(outcomes(p, "monthly-f2f").isEmpty)
        #expect(p.f2fCount == 1, "only the initial appointment")
    }

    /// §4: very high RoSH is a Reset exemption.
    @Test func veryHighRoSHIsExemptFromReset() throws {
        let p = try plan("reset2024", co("2025-01-01", rosh: .veryHigh))
        #expect(p.f2fCount == 12)
    }

    /// §3: with professional judgement, planned F2F per month = max(minimum, judgement).
    @Test func professionalJudgementRaisesThePlan() throws {
        let planner = ContactPlanner(regime: try RegimeLoader.load("ns2021"), professionalJudgement: ["B": 2], calendar: calendar)
        #expect(planner.plan(co("2025-01-01")).f2fCount == 24)
        let ns2015 = ContactPlanner(regime: try RegimeLoader.load("ns2015"), professionalJudgement: ["B": 2], calendar: calendar)
        #expect(ns2015.plan(co("2025-01-01")).f2fCount == 24)
        let none = ContactPlanner(regime: try RegimeLoader.load("ns2015"), calendar: calendar)
        #expect(none.plan(co("2025-01-01")).f2fCount == 1, "ns2015 with judgement 0 books only the first appointment")
    }

    /// ns2015's first appointment counts 5 WD from allocation (sentence + 1 WD by default).
    @Test func ns2015FirstAppointmentDeadlineFromAllocation() throws {
        let p = try plan("ns2015", co("2024-12-20"))
        guard case .deadline(_, _, let due)? = p.standards.first(where: { $0.standard == "first-appointment" })?.demand else {
            Issue.record("no first-appointment standard")
            return
        }
        // Allocation Mon 23 Dec; 5 WD: 24, 27, 30, 31 Dec, 2 Jan.
        #expect(due == Day(iso: "2025-01-02")!)
    }
}
