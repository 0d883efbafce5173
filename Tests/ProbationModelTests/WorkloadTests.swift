import Foundation
import Testing
@testable import ProbationModel
@testable import ProbationRules

/// Workforce measures against hand calculations, and the direction of regime and staffing effects.
@Suite struct WorkloadTests {
    /// The shipped activity table: the 24 rows in output order (13, plus oasys_review,
    /// risk_management_plan, upw_assessment, summons, the custody phase's pre_release_plan,
    /// custody_contact and parole_report, then case_admin, mappa_meeting, termination_assessment
    /// and court_report of the whole job), and a row for every kind of work the
    /// model books (else a run would refuse to start).
    @Test func shippedActivityTableBooksEveryKindOfWork() throws {
        let table = ActivityTable.builtIn
        #expect(table.kinds.map(\.id) == ["initial_appointment", "f2f_appointment", "home_visit", "home_visit_travel", "other_contact",
                                          "record_keeping", "sentence_plan", "upw_start", "warning_letter", "enforcement_decision",
                                          "breach_report", "recall_report", "reactive_event", "oasys_review", "risk_management_plan",
                                          "upw_assessment", "summons", "pre_release_plan", "custody_contact",
                                          "parole_report", "case_admin", "mappa_meeting", "termination_assessment", "court_report"])
        let catalogue = try WorkCatalogue(table)
        for kind in WorkKind.allCases where kind != .volume {
            #expect(table.kinds[Int(catalogue.activityOfKind[Int(kind.rawValue)])].bookedBy.contains(kind.bookedByName ?? ""), "\(kind)")
        }
        // Rows booking themselves: home visits beyond a regime's (high RoSH), reactive work, reviews
        // (yearly and on a change of risk), case administration and MAPPA meetings.
        #expect(catalogue.volume.map { table.kinds[$0.activity].id } == ["home_visit", "reactive_event", "oasys_review", "case_admin", "mappa_meeting"])
        // What the contact standards count comes from the table (and positions are allCases order).
        #expect(ContactKind.allCases.enumerated().allSatisfy { $0.offset == $0.element.position })
        #expect(ContactKind.allCases.filter(\.isF2F) == [.initialAppointment, .f2f, .homeVisit])
        #expect(ContactKind.allCases.filter { !$0.isContact } == [.sentencePlan, .upwStart, .upwAssessment, .preReleasePlan, .terminationAssessment])
        for c in ContactKind.allCases {
            let row = table.kinds[try #require(table.index(bookedBy: c.rawValue))]
            #expect(c.isF2F == (row.countsAs == .f2f) && c.isContact == (row.countsAs != .none), "\(c)")
        }
    }

    /// WMT capacity % by hand: B2 community order 115 points, C2 licence 65, a standalone-UPW order 0,
    /// held by one full-time PO with a 2,176-point target: (115 + 65 + 0) / 2,176 = 8.272%.
    @Test func wmtCapacityByHand() throws {
        let cases = [
            NamedCase(id: "b2", type: .communityOrder, start: "2025-01-01", months: 24, requirements: [.rar], tier: "B2", rosh: .medium),
            NamedCase(id: "c2", type: .licence, start: "2025-01-01", custodyMonths: 48, tier: "C2", rosh: .medium),
            NamedCase(id: "upw", type: .communityOrder, start: "2025-01-01", months: 24, requirements: [.upw], tier: "D0", rosh: .low),
        ]
        func text(hoursPerWeek: Double) -> ScenarioBuilder {
            ScenarioBuilder.exact(regimes: "ns2021", cases: cases).horizon(months: 6).workforce(.po(count: 1, hoursPerWeek: hoursPerWeek))
        }
        let (_, _, _, s) = try Sim.run(text(hoursPerWeek: 37))
        let expected = 100 * (115.0 + 65 + 0) / 2176
        let got = try #require(Sim.mean(s, "ns2021", "wmt_capacity_percent"))
        #expect(abs(got - expected) < 1e-3)   // the summary rounds to 4 decimals
        // Part-time: 18.5 h has half the available points.
        let half = try Sim.run(text(hoursPerWeek: 18.5)).3
        #expect(abs((Sim.mean(half, "ns2021", "wmt_capacity_percent") ?? 0) - 2 * expected) < 1e-3)
    }

    /// FTE needed by hand: 975 minutes of work (see the closed-form test) over the measured weeks,
    /// divided by 37 h × 0.75 × (1 − 0.04) × (1 − 27/253) a week.
    @Test func fteNeededByHand() throws {
        let co = NamedCase(id: "co", type: .communityOrder, start: "2025-01-01", months: 12, requirements: [.rar], tier: "B2", rosh: .medium)
        let text = ScenarioBuilder.exact(regimes: "ns2021", cases: [co]).horizon(weeks: 60)
            .workforce(.po(count: 2, hoursPerWeek: 37, caseWorkShare: 0.75))
        let (_, _, _, s) = try Sim.run(text)
        let perFTE = 37 * 0.75 * 0.96 * (1 - 27.0 / 253)
        let expected = 975.0 / 60 / 60 / perFTE
        #expect(abs((Sim.mean(s, "ns2021", "fte_needed") ?? 0) - expected) < 1e-4)
    }

    /// With staff cut, misses for capacity appear and grow as staff fall (seed 4). Levels
    /// scale each grade's count, rounded: 1.0, 0.33 and 0.25 of 9 are 9, 3 and 2. (Full staffing
    /// was 8 of each until the 2026-11 corrections added work: reviews and risk management plans
    /// after recall, and deadlines kept through a replan. Seed 3, used before draws were keyed by
    /// kind of work, has one F2F find its PSO's day full at full staff, a genuine capacity miss.)
    @Test func missesGrowAsStaffFall() throws {
        let text = """
        name: staffing
        start: 2025-01-06
        horizon: {months: 9}
        warmup: {months: 3}
        replications: 2
        seed: 4
        regimes: [ns2021]
        staffing_levels: [1.0, 0.33, 0.25]
        caseload: {initial: 300, arrivals_per_week: 5, custody_phase: false}
        workforce:
          practitioners:
            - {grade: PO, count: 9}
            - {grade: PSO, count: 9, case_work_share: 0.8}
        """
        let (_, regimes, _, s) = try Sim.run(text, threads: 2)
        let missed = regimes.map { Sim.mean(s, $0.name, "standards.monthly-f2f.missed_capacity") ?? 0 }
        print("monthly-f2f missed for capacity 9, 3 and 2 of each grade (seed 4): \(missed)")
        #expect(missed[0] < 5)
        #expect(missed[1] > missed[0] + 10 && missed[2] > missed[1])
    }

    /// Reset needs fewer hours than ns2021 on RAR orders and licences; NSD cases add hours (seed 8).
    @Test func resetSavesHoursAndNSDCostsThem() throws {
        func base(nsd: Double) -> ScenarioBuilder {
            ScenarioBuilder(name: "direction").horizon(years: 2).warmup(months: 6).replications(2).seed(8).regimes("ns2021", "reset2024")
                .caseload(initial: 200, arrivalsPerWeek: 3).caseload("custody_phase", false)
                .caseload("sentences", ["community_order": ["weight": 1, "months": 12, "requirements": ["rar": 1]],
                                        "licence": ["weight": 1, "custody_months": 24]])
                .caseload("flags", ["mappa": 0, "nsd": .init(nsd)])
                .professionalJudgement(f2fPerMonth: 0)
        }
        let (_, _, _, s) = try Sim.run(base(nsd: 0))
        let ns2021 = Sim.mean(s, "ns2021", "hours.total_per_week") ?? 0
        let reset = Sim.mean(s, "reset2024", "hours.total_per_week") ?? 0
        print("hours per week (seed 8): ns2021 \(ns2021), reset2024 \(reset)")
        #expect(reset < 0.9 * ns2021)
        let (_, _, _, n) = try Sim.run(base(nsd: 0.3))
        let withNSD = Sim.mean(n, "ns2021", "hours.total_per_week") ?? 0
        print("hours per week with 30% NSD (seed 8): \(withNSD)")
        #expect(withNSD > 1.1 * ns2021)
        #expect((Sim.mean(n, "ns2021", "standards.nsd-weekly-f2f.due") ?? 0) > 0)
    }
}
