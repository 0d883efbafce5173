import Testing
import SimulationCore
@testable import ProbationModel
@testable import ProbationRules

/// Issue 18 item 1, the custody phase (conventions §8): a custodial case is on the caseload from
/// sentence, in phase `custody` until release (custody × release fraction), then licence, then
/// PSS. Only rules naming `custody` apply in it. Attendance 1, ample staff, professional judgement 0.
@Suite struct CustodyPhaseTests {
    let calendar = WorkingDayCalendar(fromYear: 2024, toYear: 2030)

    /// 12 months' custody, released Tue 1 Jul 2025, release fraction 0.5.
    let spec = CaseSpec(id: "lic", type: .licence, start: Day(iso: "2025-07-01")!, custodyMonths: 12, tier: "B2")

    func options(custodyPhase: Bool) -> ReadingOptions {
        var o = ReadingOptions()
        o.custodyPhase = custodyPhase
        return o
    }

    /// Sentence = release − 12 × 0.5 = 6 months = Wed 1 Jan 2025; licence to sentence end, 6 months
    /// after release (1 Jan 2026); PSS (sentence under 24 months) to 12 months after release (1 Jul 2026).
    @Test func custodyRunsFromSentenceToRelease() {
        let t = CaseTimeline(spec, options: options(custodyPhase: true))
        #expect(t.segments.map(\.phase) == [.custody, .licence, .pss])
        #expect(t.segments[0].period == Period(start: Day(iso: "2025-01-01")!, end: Day(iso: "2025-07-01")!))
        #expect(t.segments[1].period == Period(start: Day(iso: "2025-07-01")!, end: Day(iso: "2026-01-01")!))
        #expect(t.segments[2].period == Period(start: Day(iso: "2026-01-01")!, end: Day(iso: "2026-07-01")!))
        #expect(t.release == Day(iso: "2025-07-01")!)
        // With the setting off, as before: licence then PSS from release.
        #expect(CaseTimeline(spec, options: options(custodyPhase: false)).segments.map(\.phase) == [.licence, .pss])
        // Sentence and release dates are each other's inverse here (whole months).
        #expect(CaseTimeline.releaseDate(sentence: Day(iso: "2025-01-01")!, custodyMonths: 12, options: ReadingOptions()) == Day(iso: "2025-07-01")!)
    }

    /// A rule with no `phases:` does not apply in custody: in every built-in regime only the custody
    /// rule books anything before release, and from release the plan is the same as without the
    /// custody phase.
    @Test func rulesWithoutPhasesDoNotApplyInCustody() throws {
        let release = Day(iso: "2025-07-01")!
        for name in ["ns1992", "ns2015", "ns2021", "reset2024"] {
            let regime = try RegimeLoader.load(name)
            let with = ContactPlanner(regime: regime, options: options(custodyPhase: true), calendar: calendar).plan(spec)
            let without = ContactPlanner(regime: regime, options: options(custodyPhase: false), calendar: calendar).plan(spec)
            let custodyRules = Set(regime.rules.filter { $0.scope.phases == [.custody] }.map(\.id))
            #expect(custodyRules.count == 1, "\(name)")
            #expect(with.bookings.filter { $0.day < release }.allSatisfy { custodyRules.contains($0.rule) }, "\(name)")
            #expect(with.bookings.filter { $0.day >= release } == without.bookings, "\(name)")
        }
        var scope = RuleScope()
        #expect(!scope.holds(for: spec, phase: .custody, custodyMonths: 12))
        #expect(scope.holds(for: spec, phase: .licence, custodyMonths: 12))
        scope.phases = [.custody]
        #expect(scope.holds(for: spec, phase: .custody, custodyMonths: 12))
    }

    /// Generated licences: with the custody phase an arrival joins at sentence (its release is
    /// custody × 0.5 months later) and some initial cases are part-way through custody; without
    /// it every licence joins at release.
    @Test func generatedLicencesArriveAtSentence() throws {
        let b = ScenarioBuilder(name: "t").horizon(months: 6).seed(3).caseload(initial: 200, arrivalsPerWeek: 10)
            .caseload("sentences", ["licence": ["weight": 1, "custody_months": 24]])
        let (on, _) = try ScenarioReader.parse(b.text, file: "t.yaml")
        let cases = try CaseGenerator(scenario: on).cases(replication: 0)
        let arrivals = cases.filter { $0.spec.id.hasPrefix("a") }
        #expect(!arrivals.isEmpty)
        for c in arrivals {
            #expect(CaseTimeline(c.spec, options: on.reading).whole.start == c.entry)
            #expect(c.spec.start == CaseTimeline.releaseDate(sentence: c.entry, custodyMonths: 24, options: on.reading))
        }
        let initial = cases.filter { $0.spec.id.hasPrefix("c") }
        let inCustody = initial.filter { $0.spec.start > on.start }.count
        // 12 of the 24 months on the books are custody: about half the initial cases.
        #expect(inCustody > 60 && inCustody < 140)
        #expect(initial.allSatisfy { CaseTimeline($0.spec, options: on.reading).whole.start <= on.start })
        let (off, _) = try ScenarioReader.parse(b.caseload("custody_phase", false).text, file: "t.yaml")
        let offCases = try CaseGenerator(scenario: off).cases(replication: 0)
        #expect(offCases.allSatisfy { $0.spec.start <= $0.entry })
    }

    /// `sentenced:` gives the sentence date instead of the release date.
    @Test func aLicenceMayGiveItsSentenceDate() throws {
        let base = ScenarioBuilder(name: "t").regimes("ns2021")
        let (s, _) = try ScenarioReader.parse(base.caseload("cases", [["id": "x", "type": "licence", "sentenced": "2025-01-01", "custody_months": 12]]).text, file: "t.yaml")
        // Release = 1 Jan 2025 + 12 × 0.5 months = 1 Jul 2025.
        #expect(s.caseload.cases[0].start == Day(iso: "2025-07-01")!)
        #expect(s.caseload.cases[0].sentenced == Day(iso: "2025-01-01")!)
        func problems(_ b: ScenarioBuilder) -> [InputProblem] {
            do { _ = try ScenarioReader.parse(b.text, file: "t.yaml"); return [] } catch let e as InputProblems { return e.problems } catch { return [] }
        }
        let both = problems(base.caseload("cases", [["id": "x", "type": "licence", "start": "2025-07-01", "sentenced": "2025-01-01", "custody_months": 12]]))
        #expect(both.contains { $0.message.contains("not both") })
        // 1 month × 0.01 = 0.3 days, rounded to 0: no day in custody.
        let short = problems(base.reading("release_fraction", 0.01)
            .caseload("cases", [["id": "x", "type": "licence", "sentenced": "2025-01-01", "custody_months": 1]]))
        #expect(short.contains { $0.message.contains("too short") })
    }

    /// Three named cases, measured 6 Jan to 31 Mar 2025 (12 whole weeks): a 12-month order from
    /// 1 Jan 2025; a licence sentenced 1 Jan 2025 with 18 months' custody (9 months to serve, under
    /// ns2021's 10: the COM holds it from sentence; release 1 Oct 2025, in custody all along); and
    /// one with 24 months' custody (12 to serve: the POM holds it until 7.5 months before its
    /// release on 1 Jan 2026, i.e. mid-May, so not on probation's books). Caseload 2 each week, 1 in
    /// custody. With the setting off neither licence is on the books yet: caseload 1, none in custody.
    @Test func inCustodyMeanCountsThePreReleaseCaseload() throws {
        let base = ScenarioBuilder(name: "t").horizon(weeks: 12).regimes("ns2021").attendance(1).professionalJudgement(f2fPerMonth: 0)
            .caseload("cases", [["id": "lic", "type": "licence", "sentenced": "2025-01-01", "custody_months": 18],
                                ["id": "pom", "type": "licence", "sentenced": "2025-01-01", "custody_months": 24],
                                ["id": "co", "type": "community_order", "start": "2025-01-01", "months": 12]])
        let (_, _, _, on) = try Sim.run(base)
        #expect(Sim.mean(on, "ns2021", "caseload.mean") == 2)
        #expect(Sim.mean(on, "ns2021", "caseload.in_custody_mean") == 1)
        let (_, _, _, off) = try Sim.run(base.caseload("custody_phase", false))
        #expect(Sim.mean(off, "ns2021", "caseload.mean") == 1)
        #expect(Sim.mean(off, "ns2021", "caseload.in_custody_mean") == 0)
    }

    /// Caseload by phase by hand, measured 6 Jan to 31 Mar 2025 (12 whole weeks), ns2021: an order
    /// and a suspended sentence order from 1 Jan 2025 (12 months); a licence sentenced 1 Jan 2025
    /// with 18 months' custody (release 1 Oct 2025: custody all along, the COM holds it); a licence
    /// released 1 Oct 2024 after 12 months' custody (licence to 1 Apr 2025); one released 1 Jun 2024
    /// after 12 months (licence to 1 Dec 2024, PSS to 1 Jun 2025); and one sentenced 1 Jan 2025 with
    /// 24 months' custody (the POM holds it: not counted). One case in each phase every week.
    @Test func caseloadByPhaseByHand() throws {
        let b = ScenarioBuilder(name: "t").horizon(weeks: 12).regimes("ns2021").attendance(1).professionalJudgement(f2fPerMonth: 0)
            .caseload("cases", [["id": "co", "type": "community_order", "start": "2025-01-01", "months": 12],
                                ["id": "sso", "type": "suspended_sentence_order", "start": "2025-01-01", "months": 12],
                                ["id": "custody", "type": "licence", "sentenced": "2025-01-01", "custody_months": 18],
                                ["id": "licence", "type": "licence", "start": "2024-10-01", "custody_months": 12],
                                ["id": "pss", "type": "licence", "start": "2024-06-01", "custody_months": 12],
                                ["id": "pom", "type": "licence", "sentenced": "2025-01-01", "custody_months": 24]])
        let (_, _, _, s) = try Sim.run(b)
        for phase in ["custody", "community_order", "suspended_sentence_order", "licence", "pss"] {
            #expect(Sim.mean(s, "ns2021", "caseload.by_phase.\(phase)") == 1, "\(phase)")
        }
        #expect(Sim.mean(s, "ns2021", "caseload.mean") == 5)
        #expect(Sim.mean(s, "ns2021", "caseload.in_custody_mean") == 1)
    }

    /// `probsim trace` shows the custody phase and the release.
    @Test func traceShowsCustodyAndRelease() throws {
        let b = ScenarioBuilder(name: "t").horizon(months: 8).regimes("ns2021").attendance(1).professionalJudgement(f2fPerMonth: 0)
            .caseload("cases", [["id": "lic", "type": "licence", "sentenced": "2025-01-13", "custody_months": 8]])
        let lines = try Sim.trace(b, case: "lic")
        // Release = Mon 13 Jan 2025 + 8 × 0.5 = 4 months = Tue 13 May 2025; 4 months to serve: probation holds it.
        #expect(lines.contains { $0.hasPrefix("2025-01-13") && $0.contains("custody 2025-01-13..2025-05-13") })
        #expect(lines.contains { $0.hasPrefix("2025-05-13") && $0.contains("released from custody") })
        #expect(lines.contains { $0.hasPrefix("2025-01-13") && $0.contains("held by probation from sentence") })
    }
}
