import Testing
import SimulationCore
@testable import ProbationModel

/// Conventions §7 (issue 16) through the whole simulation: named cases with no randomness left
/// (attendance 1 or 0, every absence unacceptable, no rebooking, unlimited staff, professional
/// judgement 0 unless stated, constant minutes).
@Suite struct RulesAsWrittenSimulatedTests {
    /// `ScenarioBuilder.exact` with nobody attending, every absence unacceptable and no rebooking.
    func absent(_ regime: String, _ c: NamedCase, recall: ScenarioBuilder.Recall = .init(perUnacceptableAbsence: 0), judgement: Int = 0) -> ScenarioBuilder {
        ScenarioBuilder.exact(regimes: regime, cases: [c]).attendance(0).acceptableAbsence(0).maxRebookings(0).recall(recall)
            .professionalJudgement(f2fPerMonth: judgement)
    }

    let licence48 = NamedCase(id: "l", type: .licence, start: "2025-01-01", custodyMonths: 48, tier: "B2", rosh: .medium)
    let standardRecall = ScenarioBuilder.Recall(perUnacceptableAbsence: 1, fixedTermShare: 0, standardDays: 100)

    /// Departure 2: after a recall, a review of the assessment and plan (and under ns2021 the risk
    /// management plan within 10 WD of a standard recall), never a new sentence plan.
    @Test func reviewNotNewPlanAfterRecall() throws {
        // Licence released Wed 1 Jan 2025 (to 1 Jan 2027); nobody attends; every absence leads to a
        // standard recall of 100 days. Each (re-)release books the first F2F 1 WD later, missed, so
        // recalled that day: 2 Jan, 14 Apr, 24 Jul, 3 Nov 2025, 12 Feb, 26 May, 4 Sep, 14 Dec 2026
        // = 8 recalls (the 8th re-release, 24 Mar 2027, is after the licence).
        // 8 reviews × 90 min = 12 h; 8 risk management plans, each done the WD after the recall (met).
        // One sentence plan instance only (the first release's), and it falls due in custody.
        let (_, _, _, s) = try Sim.run(absent("ns2021", licence48, recall: standardRecall))
        #expect(Sim.mean(s, "ns2021", "recalls") == 8)
        #expect(Sim.mean(s, "ns2021", "hours.by_activity.oasys_review") == 12)
        #expect(Sim.mean(s, "ns2021", "standards.risk-management-plan.met") == 8)
        #expect(Sim.mean(s, "ns2021", "standards.sentence-plan.due") == 0)
        #expect(Sim.mean(s, "ns2021", "standards.sentence-plan.not_applicable") == 1)
        #expect(Sim.mean(s, "ns2021", "hours.by_activity.sentence_plan") == 0)
        #expect(Sim.mean(s, "ns2021", "standards.first-appointment.met") == 8)
    }

    /// Departure 3: a deadline falling due while the person is in custody is not applicable; one
    /// still due after re-release is booked again.
    @Test func deadlineDueInCustodyIsNotApplicable() throws {
        // As above: first F2F Thu 2 Jan 2025 (not attended, recalled that day, in custody 3 Jan to
        // 12 Apr). The sentence plan was due 15 WD after the first appointment, Thu 23 Jan: in
        // custody, so not applicable (was missed for capacity with unlimited staff).
        let (_, _, _, s) = try Sim.run(absent("ns2021", licence48, recall: standardRecall))
        #expect(Sim.mean(s, "ns2021", "standards.sentence-plan.missed_capacity") == 0)
        #expect(Sim.mean(s, "ns2021", "standards.sentence-plan.not_applicable") == 1)
        // A fixed-term recall of 14 days from 2 Jan re-releases on Thu 16 Jan, before the plan's
        // deadline (23 Jan): the plan is booked again from the re-release and done on 16 Jan, met.
        let fixed = ScenarioBuilder.Recall(perUnacceptableAbsence: 1, fixedTermShare: 1, fixedTermDays: 14)
        let (_, _, _, f) = try Sim.run(absent("ns2021", licence48, recall: fixed))
        #expect(Sim.mean(f, "ns2021", "standards.sentence-plan.met") == 1)
        #expect(Sim.mean(f, "ns2021", "standards.sentence-plan.missed_capacity") == 0)
    }

    /// Departure 5: the count of unacceptable absences toward breach restarts at the start of PSS.
    @Test func breachCountsPerPhase() throws {
        // 12 months' custody, released 1 Jan 2025: licence to 1 Jul, PSS to 1 Jan 2026. Judgement 1 F2F a month,
        // nobody attends, no recall. Licence absences: the first F2F (2 Jan) + Feb-Jun = 6 (warnings only).
        // PSS absences: Jul-Dec = 6. ns2021 breaches PSS on the 3rd absence within 12 months of the phase,
        // warnings then spent: absences 3 and 6 → 2 breaches, 2 summonses. (Counting the licence's 6 absences
        // too, with breach on the 2nd, the first PSS absence breached at once: 3 breaches.)
        let lic = NamedCase(id: "l", type: .licence, start: "2025-01-01", custodyMonths: 12, tier: "B2", rosh: .medium)
        let (_, _, _, s) = try Sim.run(absent("ns2021", lic, judgement: 1))
        #expect(Sim.mean(s, "ns2021", "unacceptable_absences") == 12)
        #expect(Sim.mean(s, "ns2021", "standards.enforcement-breach.due") == 2)
        #expect(Sim.mean(s, "ns2021", "standards.enforcement-summons.met") == 2)
        // ns2021 sends a letter after every failure (9.1: «at a minimum a letter»): 12.
        #expect(Sim.mean(s, "ns2021", "standards.enforcement-letter.due") == 12)
        // ns2015 likewise counts per phase (3rd in PSS): the same 2 breaches.
        let (_, _, _, t) = try Sim.run(absent("ns2015", lic, judgement: 1))
        #expect(Sim.mean(t, "ns2015", "standards.enforcement-breach.due") == 2)
    }

    /// Departure 6: ns2015 gives a warning *or* starts breach on an occasion (001:680), and a
    /// warning for a licence absence that does not lead to recall (001:714).
    @Test func ns2015WarningOrBreachAndLicenceWarnings() throws {
        // 12-month CO from 1 Jan 2025, judgement 1 F2F a month, nobody attends: the first appointment
        // (due 5 WD after allocation on 2 Jan) + Feb-Dec = 12 unacceptable absences. Breach on the 2nd
        // within 12 months, warnings then spent: absences 1, 3, ..., 11 get a warning (6) and
        // 2, 4, ..., 12 breach (6), and no warning with a breach (was 12 warnings).
        let co = NamedCase(id: "co", type: .communityOrder, start: "2025-01-01", months: 12, requirements: [.rar], tier: "B2", rosh: .medium)
        let (_, _, _, s) = try Sim.run(absent("ns2015", co, judgement: 1))
        #expect(Sim.mean(s, "ns2015", "unacceptable_absences") == 12)
        #expect(Sim.mean(s, "ns2015", "standards.enforcement-letter.due") == 6)
        #expect(Sim.mean(s, "ns2015", "standards.enforcement-breach.due") == 6)
        // 12-month licence (24 months' custody, no PSS), no recall: the first F2F (2 Jan) + Feb-Dec =
        // 12 absences, each a warning within 1 WD (was none).
        let lic = NamedCase(id: "l", type: .licence, start: "2025-01-01", custodyMonths: 24, tier: "B2", rosh: .medium)
        let (_, _, _, l) = try Sim.run(absent("ns2015", lic, judgement: 1))
        #expect(Sim.mean(l, "ns2015", "unacceptable_absences") == 12)
        #expect(Sim.mean(l, "ns2015", "standards.enforcement-letter.met") == 12)
        #expect((Sim.mean(l, "ns2015", "standards.enforcement-breach.due") ?? 0) == 0, "no breach step on a licence")
    }
}
