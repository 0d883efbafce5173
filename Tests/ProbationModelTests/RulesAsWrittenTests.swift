import Testing
import SimulationCore
@testable import ProbationModel
@testable import ProbationRules

/// Conventions §7 (issue 16): named cases where the first model departed from the standards as
/// written. Attendance 1 (every booking held and attended), ample staff, professional judgement 0.
@Suite struct RulesAsWrittenTests {
    let calendar = WorkingDayCalendar(fromYear: 2024, toYear: 2030)

    /// Without the custody phase: these cases are about supervision in the community (a licence starts at release).
    func planner(_ regime: String) throws -> ContactPlanner {
        var options = ReadingOptions()
        options.custodyPhase = false
        return ContactPlanner(regime: try RegimeLoader.load(regime), options: options, calendar: calendar)
    }

    func outcomes(_ p: ContactPlan, _ standard: String) -> [StandardOutcome] {
        StandardScorer.outcomesIfAllAttended(p).filter { $0.0.standard == standard }.map(\.1)
    }

    func licence(_ start: String, custody: Int, flags: Set<CohortFlag> = [], rosh: RoSH = .medium) -> CaseSpec {
        CaseSpec(id: "lic", type: .licence, start: Day(iso: start)!, custodyMonths: custody, tier: "B2", rosh: rosh, flags: flags)
    }

    /// Departure 1: a 1992 window cut short by the end of supervision asks only for its booking slots.
    @Test func ns1992WindowCutShortByLicenceEnd() throws {
        // 9 months' custody, released Wed 1 Jan 2025: licence 4.5 months = 4 months + round(0.5 × 30.4375) = 15 days,
        // so it ends (exclusive) Fri 16 May 2025. Months 4-6 = 1 Apr ..< 16 May. Fortnightly slots from Tue 1 Apr:
        // 1 Apr, 15 Apr, 29 Apr, 13 May (27 May is past the end): 4 required, 4 booked, met.
        let p = try planner("ns1992").plan(licence("2025-01-01", custody: 9))
        #expect(p.timeline.segments[0].period.end == Day(iso: "2025-05-16")!)
        #expect(outcomes(p, "ns1992-months-4-6") == [.met])
        let window = p.standards.first { $0.standard == "ns1992-months-4-6" }
        #expect(window?.demand == .count(window: Period(start: Day(iso: "2025-04-01")!, end: Day(iso: "2025-05-16")!), f2f: 4, contacts: 4))
        // Months 1-3 are whole: 12 weekly slots, all inside; 12 + 4 F2F in all.
        #expect(outcomes(p, "ns1992-months-1-3") == [.met])
        #expect(p.f2fCount == 16)
    }

    /// Departure 2 (the plan): no new sentence plan on re-release after a recall (004:113).
    @Test func noNewSentencePlanOnReRelease() throws {
        // Licence from 4 years' custody, released 1 Jan 2025, re-released after a recall on Mon 2 Jun 2025.
        let reRelease = Day(iso: "2025-06-02")!
        for regime in ["ns2021", "reset2024"] {
            let p = try planner(regime).plan(licence("2025-01-01", custody: 48), from: reRelease, releasedOn: reRelease)
            #expect(outcomes(p, "sentence-plan").isEmpty, "\(regime)")
            #expect(!p.bookings.contains { $0.kind == .sentencePlan }, "\(regime)")
            // The re-release F2F is still due within 1 WD: Tue 3 Jun.
            #expect(outcomes(p, "first-appointment") == [.met], "\(regime)")
        }
        // The first release still gets its plan: 15 WD after the first appointment.
        #expect(try outcomes(planner("ns2021").plan(licence("2025-01-01", custody: 48)), "sentence-plan") == [.met])
    }

    /// Departure 4: a first F2F within 1 WD of re-release onto PSS (ns2021, ns2015).
    @Test func firstAppointmentOnReReleaseOntoPSS() throws {
        // 12 months' custody, released 1 Jan 2025: licence to 1 Jul 2025, then PSS to 1 Jan 2026.
        // Recalled, re-released onto PSS on Tue 1 Jul 2025: first F2F due Wed 2 Jul (1 WD).
        let reRelease = Day(iso: "2025-07-01")!
        for regime in ["ns2021", "ns2015"] {
            let p = try planner(regime).plan(licence("2025-01-01", custody: 12), from: reRelease, releasedOn: reRelease)
            #expect(p.standards.map(\.demand).contains(.deadline(kind: .initialAppointment, from: reRelease, due: Day(iso: "2025-07-02")!)), "\(regime)")
            #expect(outcomes(p, "first-appointment") == [.met], "\(regime)")
            #expect(p.bookings.contains { $0.kind == .initialAppointment && $0.day == Day(iso: "2025-07-02")! }, "\(regime)")
            // Without a recall, the licence running on into PSS is not a release: one first appointment only.
            #expect(try outcomes(planner(regime).plan(licence("2025-01-01", custody: 12)), "first-appointment") == [.met], "\(regime)")
        }
    }

    /// Departure 7: NSD weekly contact runs 52 weeks from release, across PSS.
    @Test func nsdWeeklyRunsAcrossPSS() throws {
        // 12 months' custody, released Wed 1 Jan 2025: licence 1 Jan ..< 1 Jul (181 days), PSS 1 Jul ..< 1 Jan 2026.
        // 52 weeks = days 0-363 (to Tue 30 Dec 2025), all inside the supervision: 52 weekly instances of each
        // standard, 52 F2F (7 of them resettlement visits, weeks 0, 2, ..., 12), and 52 other contacts.
        let p = try planner("ns2021").plan(licence("2025-01-01", custody: 12, flags: [.nsd], rosh: .high))
        #expect(outcomes(p, "nsd-weekly-f2f") == Array(repeating: .met, count: 52))
        #expect(outcomes(p, "nsd-weekly-contacts") == Array(repeating: .met, count: 52))
        #expect(outcomes(p, "nsd-resettlement-visit") == Array(repeating: .met, count: 7))
        #expect(p.f2fCount == 52)
        #expect(p.bookings.filter { $0.kind == .homeVisit }.count == 7)
        // Week 25 (Wed 25 Jun ..< 2 Jul) straddles the start of PSS and is scored whole; week 26 (from Wed 2 Jul,
        // day 182) is the first wholly in PSS and gets its F2F that day.
        #expect(p.bookings.contains { $0.kind.isF2F && $0.day == Day(iso: "2025-07-02")! })
    }
}
