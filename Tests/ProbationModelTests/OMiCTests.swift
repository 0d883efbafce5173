import Testing
import SimulationCore
@testable import ProbationModel
@testable import ProbationRules

/// Issue 18 item 1 (conventions §8): who holds a custodial case before release, its pre-release
/// plan and contact, under ns2021 (OMiC) and ns2015, on named cases. Attendance 1, unlimited
/// staff, professional judgement 0; release fraction 0.5.
@Suite struct OMiCTests {
    let calendar = WorkingDayCalendar(fromYear: 2024, toYear: 2030)

    func plan(_ regime: String, release: String, custody: Int) throws -> ContactPlan {
        ContactPlanner(regime: try RegimeLoader.load(regime), calendar: calendar)
            .plan(CaseSpec(id: "lic", type: .licence, start: Day(iso: release)!, custodyMonths: custody, tier: "C2"))
    }

    func days(_ p: ContactPlan, _ kind: ContactKind) -> [String] { p.bookings.filter { $0.kind == kind }.map(\.day.iso) }

    /// 36 months' custody, released Mon 6 Jul 2026: sentenced 18 months before, Mon 6 Jan 2025;
    /// 18 months to serve ≥ 10, so the POM holds it. COM allocation = release − 7.5 months
    /// = 6 Jul − 7 months (6 Dec 2025) − round(0.5 × 30.4375) = 15 days = Fri 21 Nov 2025. COM
    /// responsible = release − 4.5 months = 6 Mar 2026 − 15 days = Thu 19 Feb 2026. Pre-release
    /// plan within 3 months of allocation: due Sat 21 Feb 2026, booked 1 working day after
    /// allocation, Mon 24 Nov 2025. Monthly contact from 19 Feb: Thu 19 Feb, Thu 19 Mar, Mon 20 Apr
    /// (19 Apr a Sunday), Tue 19 May, Fri 19 Jun. First appointment 1 working day after release,
    /// Tue 7 Jul 2026; licence 18 months to 6 Jan 2028; no PSS (custody ≥ 24 months).
    @Test func ns2021LongCustody() throws {
        let p = try plan("ns2021", release: "2026-07-06", custody: 36)
        #expect(p.timeline.segments.map(\.phase) == [.custody, .licence])
        #expect(p.timeline.segments[0].period == Period(start: Day(iso: "2025-01-06")!, end: Day(iso: "2026-07-06")!))
        #expect(p.timeline.segments[1].period.end == Day(iso: "2028-01-06")!)
        let h = try #require(p.handover)
        #expect(h.pomHeld)
        #expect(h.comAllocated == Day(iso: "2025-11-21")!)
        #expect(h.comResponsible == Day(iso: "2026-02-19")!)
        #expect(h.planDue == Day(iso: "2026-02-21")!)
        #expect(days(p, .preReleasePlan) == ["2025-11-24"])
        #expect(days(p, .custodyContact) == ["2026-02-19", "2026-03-19", "2026-04-20", "2026-05-19", "2026-06-19"])
        #expect(days(p, .initialAppointment) == ["2026-07-07"])
        #expect(p.bookings.filter { $0.day < Day(iso: "2026-07-06")! }.count == 6)
        let standard = try #require(p.standards.first { $0.standard == "pre-release-plan" })
        #expect(standard.demand == .deadline(kind: .preReleasePlan, from: Day(iso: "2025-11-21")!, due: Day(iso: "2026-02-21")!))
    }

    /// 12 months' custody, released Tue 1 Jul 2025: sentenced Wed 1 Jan 2025; 6 months to serve
    /// < 10, so the COM holds it from sentence (allocated and responsible 1 Jan). Plan due 1 Apr
    /// 2025, booked 1 working day after sentence: Thu 2 Jan (1 Jan a bank holiday). Monthly
    /// contact from 1 Jan: Thu 2 Jan, Mon 3 Feb, Mon 3 Mar, Tue 1 Apr, Thu 1 May, Mon 2 Jun.
    /// First appointment Wed 2 Jul; licence to 1 Jan 2026, PSS to 1 Jul 2026.
    @Test func ns2021ShortCustody() throws {
        let p = try plan("ns2021", release: "2025-07-01", custody: 12)
        #expect(p.timeline.segments.map(\.phase) == [.custody, .licence, .pss])
        #expect(p.timeline.segments[2].period == Period(start: Day(iso: "2026-01-01")!, end: Day(iso: "2026-07-01")!))
        let h = try #require(p.handover)
        #expect(!h.pomHeld)
        #expect(h.comAllocated == Day(iso: "2025-01-01")! && h.comResponsible == Day(iso: "2025-01-01")!)
        #expect(h.planDue == Day(iso: "2025-04-01")!)
        #expect(days(p, .preReleasePlan) == ["2025-01-02"])
        #expect(days(p, .custodyContact) == ["2025-01-02", "2025-02-03", "2025-03-03", "2025-04-01", "2025-05-01", "2025-06-02"])
        #expect(days(p, .initialAppointment) == ["2025-07-02"])
    }

    /// The 10-month threshold in calendar months: 20 months' custody is exactly 10 to serve (the
    /// POM holds it); 19 months is 9.5 (the COM holds it from sentence).
    @Test func tenMonthsToServeIsTheThreshold() throws {
        #expect(try plan("ns2021", release: "2026-01-01", custody: 20).handover?.pomHeld == true)
        #expect(try plan("ns2021", release: "2026-01-01", custody: 19).handover?.pomHeld == false)
        // reset2024 extends ns2021 and keeps its custody rule.
        #expect(try plan("reset2024", release: "2026-07-06", custody: 36).handover?.comAllocated == Day(iso: "2025-11-21")!)
    }

    /// ns2015, the same long case: the supervising officer holds it from sentence; the plan no more
    /// than 12 weeks before release: from 6 Jul 2026 − 84 days = Mon 13 Apr 2026, due Sun 5 Jul,
    /// booked Tue 14 Apr. Monthly contact from sentence: the 6th of every month Jan 2025 to Jun
    /// 2026, 18 contacts (on the next working day when the 6th is not one).
    @Test func ns2015LongCustody() throws {
        let p = try plan("ns2015", release: "2026-07-06", custody: 36)
        let h = try #require(p.handover)
        #expect(!h.pomHeld && h.comAllocated == Day(iso: "2025-01-06")! && h.comResponsible == Day(iso: "2025-01-06")!)
        #expect(h.planFrom == Day(iso: "2026-04-13")! && h.planDue == Day(iso: "2026-07-05")!)
        #expect(days(p, .preReleasePlan) == ["2026-04-14"])
        let contacts = days(p, .custodyContact)
        #expect(contacts.count == 18)
        #expect(contacts.first == "2025-01-06" && contacts.last == "2026-06-08")   // 6 Jun 2026 a Saturday
        #expect(days(p, .initialAppointment) == ["2026-07-07"])
    }

    /// ns2015, the short case: plan from 1 Jul − 84 days = Tue 8 Apr 2025, booked Wed 9 Apr, due 30 Jun; contact as ns2021's.
    @Test func ns2015ShortCustody() throws {
        let p = try plan("ns2015", release: "2025-07-01", custody: 12)
        #expect(p.handover?.planFrom == Day(iso: "2025-04-08")!)
        #expect(days(p, .preReleasePlan) == ["2025-04-09"])
        #expect(days(p, .custodyContact) == ["2025-01-02", "2025-02-03", "2025-03-03", "2025-04-01", "2025-05-01", "2025-06-02"])
    }

    /// `reading.custody_contacts_per_month` replaces the rule's count: 0 turns contact off, 2 doubles it.
    @Test func contactCountIsASetting() throws {
        var o = ReadingOptions()
        let regime = try RegimeLoader.load("ns2021")
        let spec = CaseSpec(id: "lic", type: .licence, start: Day(iso: "2025-07-01")!, custodyMonths: 12)
        o.custodyContactsPerMonth = 0
        #expect(ContactPlanner(regime: regime, options: o, calendar: calendar).plan(spec).bookings.filter { $0.kind == .custodyContact }.isEmpty)
        o.custodyContactsPerMonth = 2
        #expect(ContactPlanner(regime: regime, options: o, calendar: calendar).plan(spec).bookings.filter { $0.kind == .custodyContact }.count == 12)
    }

    /// WMT custody points by hand, 1 PO at 37 h (2,176 points available), 1 Jan to 1 May 2025:
    /// a C2 licence with 18 months' custody (9 to serve: probation holds it, 24 custody points)
    /// and one with 24 months' custody (12 to serve: the POM holds it until 17 May 2025, 0 points).
    /// WMT capacity = 100 × 24 / 2,176 every week; caseload 1, in custody 1.
    @Test func wmtCustodyPointsByHand() throws {
        let b = ScenarioBuilder.exact(regimes: "ns2021", cases: [.custodial(id: "com", sentenced: "2025-01-01", custodyMonths: 18),
                                                                 .custodial(id: "pom", sentenced: "2025-01-01", custodyMonths: 24)])
            .horizon(months: 4).workforce(.po(count: 1, hoursPerWeek: 37))
        let (_, _, _, s) = try Sim.run(b)
        let got = try #require(Sim.mean(s, "ns2021", "wmt_capacity_percent"))
        #expect(abs(got - 100 * 24.0 / 2176) < 1e-3)
        #expect(Sim.mean(s, "ns2021", "caseload.mean") == 1)
        #expect(Sim.mean(s, "ns2021", "caseload.in_custody_mean") == 1)
    }

    /// `probsim trace` on the long ns2021 case shows the custody phase, the POM holding it, COM
    /// allocation, the pre-release plan (met) and release.
    @Test func traceShowsTheHandover() throws {
        let b = ScenarioBuilder.exact(regimes: "ns2021", cases: [.custodial(id: "lic", sentenced: "2025-01-06", custodyMonths: 36)])
            .workforce(.unlimited)
        let lines = try Sim.trace(b, case: "lic")
        #expect(lines.contains { $0.hasPrefix("2025-01-06") && $0.contains("custody 2025-01-06..2026-07-06") })
        #expect(lines.contains { $0.hasPrefix("2025-01-06") && $0.contains("prison offender manager until COM allocation 2025-11-21") })
        #expect(lines.contains { $0.hasPrefix("2025-11-21") && $0.contains("COM allocated") })
        #expect(lines.contains { $0.contains("pre-release-plan") && $0.contains("met") })
        #expect(lines.contains { $0.hasPrefix("2026-07-06") && $0.contains("released from custody") })
    }

    /// Parole report by hand (`caseload.parole_report_share: 1`): 12 months' custody sentenced Mon
    /// 6 Jan 2025, release Sun 6 Jul 2025; booked 16 weeks (112 days) before release = Sun 16 Mar,
    /// i.e. Mon 17 Mar 2025; 528 minutes = 8.8 hours (published-figures §4 C6). Share 0: none.
    @Test func paroleReportByHand() throws {
        let b = ScenarioBuilder.exact(regimes: "ns2021", cases: [.custodial(id: "lic", sentenced: "2025-01-06", custodyMonths: 12)])
            .horizon(months: 8).workforce(.unlimited)
        let (_, _, _, s) = try Sim.run(b.caseload("parole_report_share", 1))
        #expect(Sim.mean(s, "ns2021", "hours.by_activity.parole_report") == 8.8)
        #expect(try Sim.trace(b.caseload("parole_report_share", 1), case: "lic").contains { $0.hasPrefix("2025-03-17") && $0.contains("parole_report done") })
        let (_, _, _, none) = try Sim.run(b.caseload("parole_report_share", 0))
        #expect(Sim.mean(none, "ns2021", "hours.by_activity.parole_report") == 0)
    }

    /// A custody rule is checked like the rest: it must apply in phase custody only, a POM threshold
    /// needs the allocation, responsibility cannot come before allocation, one plan timing, no unknown keys.
    @Test func custodyRulesAreValidated() {
        func problems(_ applies: String, _ body: String) -> [String] {
            let text = "name: t\nrules:\n  - id: c\n    applies: \(applies)\n    custody: \(body)\n"
            do { _ = try RegimeLoader.parse(text, file: "t.yaml", origin: "t"); return [] } catch let e as InputProblems {
                return e.problems.map(\.message)
            } catch { return ["\(error)"] }
        }
        #expect(problems("{phases: [custody]}", "{contacts_per_month: 1}").isEmpty)
        #expect(problems("{phases: [licence]}", "{contacts_per_month: 1}").contains { $0.contains("phases: [custody]") })
        #expect(problems("{phases: [custody]}", "{pom_if_months_to_serve: 10}").contains { $0.contains("com_allocated_months_before_release") })
        #expect(problems("{phases: [custody]}", "{pom_if_months_to_serve: 10, com_allocated_months_before_release: 4, com_responsible_months_before_release: 6}")
            .contains { $0.contains("before the COM is allocated") })
        #expect(problems("{phases: [custody]}", "{plan_within_months_of_allocation: 3, plan_weeks_before_release: 12}").contains { $0.contains("not both") })
        #expect(problems("{phases: [custody]}", "{contacts_per_mnth: 1}").contains { $0.contains("contacts_per_month") })
        #expect(!problems("{phases: [custody]}", "{contacts_per_month: -1}").isEmpty)
    }
}
