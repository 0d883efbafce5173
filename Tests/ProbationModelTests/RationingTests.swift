import Testing
@testable import ProbationModel
@testable import ProbationRules

/// Work giving way when a day is full (conventions §10, docs/model.md "When demand exceeds
/// capacity"): the classes of work are done in the reverse of `workforce.rationing.order`, so
/// the first class in it gives way first; practitioners work up to `overtime_share` beyond their
/// day before anything gives way; deadline work that is not statutory goes late, then is missed.
///
/// Named cases with nothing random and one PO always at work with a case-work share of 1, as in
/// DeferAndDropTests: a day holds hours per week × 60 / 5 minutes exactly.
@Suite struct RationingTests {
    /// An order begun on 28 November 2024 (its January F2F, a minimum contact due 31 January, is
    /// booked for Tuesday 28th: 45 + 10 record keeping = 55 minutes) and an order sentenced on
    /// Monday 27 January (its first appointment, statutory and due Monday 3 February, is booked
    /// for the 28th too: 90 + 10 = 100 minutes). A day holds 12.5 × 60 / 5 = 150 minutes.
    func twoOnOneDay(overtime: Double) -> ScenarioBuilder {
        let old = NamedCase(id: "old", type: .communityOrder, start: "2024-11-28", months: 12, requirements: [.rar], tier: "B2", rosh: .high)
        let new = NamedCase(id: "new", type: .communityOrder, start: "2025-01-27", months: 12, requirements: [.rar], tier: "B2", rosh: .medium)
        return ScenarioBuilder.exact(regimes: "ns2021", cases: [old, new], start: "2025-01-06").horizon(weeks: 4)
            .workforce(.po(count: 1, hoursPerWeek: 12.5, caseWorkShare: 1)).alwaysAtWork()
            .activity("sentence_plan", 20).overtimeShare(overtime)
    }

    /// By the default order the statutory first appointment goes first on the 28th, although the
    /// F2F's deadline is nearer and its case's RoSH higher; 100 + 55 > 150, so the F2F moves to
    /// Wednesday 29th (inside its window: met). Reversing the order reverses who waits.
    @Test func statutoryWorkComesBeforeMinimumContacts() throws {
        let scenario = twoOnOneDay(overtime: 0)
        let (_, _, results, _) = try Sim.run(scenario)
        #expect(results[0].deferrals == 1)
        #expect(try Sim.trace(scenario, case: "new").contains("2025-01-28  initial_appointment attended"))
        #expect(try Sim.trace(scenario, case: "old").contains("2025-01-29  f2f attended (deferred for capacity)"))
        let reversed = scenario.rationing("order", .list(["statutory", "risk_work", "minimum_contacts", "reviews_and_admin", "above_minimum"].map(ScenarioBuilder.Value.scalar)))
        #expect(try Sim.trace(reversed, case: "old").contains("2025-01-28  f2f attended"))
        #expect(try Sim.trace(reversed, case: "new").contains("2025-01-29  initial_appointment attended (deferred for capacity)"))
    }

    /// With 10% overtime the day holds 150 + 15 = 165 minutes: both pieces (155) are done on the
    /// 28th, 5 minutes of them beyond the day, reported as overtime (5 / 60 hours); nothing waits.
    @Test func overtimeComesBeforeWorkGivesWay() throws {
        let scenario = twoOnOneDay(overtime: 0.1)
        let (_, _, results, s) = try Sim.run(scenario)
        #expect(results[0].deferrals == 0)
        #expect(results[0].overtimeMinutes == 5)
        #expect(abs((Sim.mean(s, "ns2021", "overtime_hours") ?? 0) - 5.0 / 60) < 1e-4)   // the summary rounds to 4 decimals
        #expect(try Sim.trace(scenario, case: "old").contains("2025-01-28  f2f attended"))
    }

    /// Nine orders sentenced on Monday 6 January, a day of 120 minutes and sentence plans of 120
    /// minutes ranked as reviews (`gives_way: reviews_and_admin`). First appointments (120 each,
    /// statutory) take 7-17 January; the plans, due Tuesday 28th, are done one a day from the 20th:
    /// x1-x7 by the 28th (met). With `max_late_working_days: 1`, x8 is done late on the 29th and
    /// x9, still waiting on the 29th, would be 2 working days late on the 30th: dropped, missed
    /// (capacity), its 120 minutes unmet. With 0, both x8 and x9 are dropped on the 28th.
    @Test func reviewsGoLateThenAreMissed() throws {
        let cases = (1...9).map { NamedCase(id: "x\($0)", type: .communityOrder, start: "2025-01-06", months: 12, requirements: [.rar], tier: "B2", rosh: .medium) }
        func scenario(maxLate: Int) -> ScenarioBuilder {
            ScenarioBuilder.exact(regimes: "ns2021", cases: cases, start: "2025-01-06").horizon(weeks: 4)
                .workforce(.po(count: 1, hoursPerWeek: 10, caseWorkShare: 1)).alwaysAtWork().overtimeShare(0)
                .activity("initial_appointment", 110).activity("sentence_plan", ["minutes": 120, "gives_way": "reviews_and_admin"])
                .rationing("max_late_working_days", .init(maxLate))
        }
        let (_, _, r1, s1) = try Sim.run(scenario(maxLate: 1))
        #expect(Sim.mean(s1, "ns2021", "standards.sentence-plan.met") == 7)
        #expect(Sim.mean(s1, "ns2021", "standards.sentence-plan.met_late") == 1)
        #expect(Sim.mean(s1, "ns2021", "standards.sentence-plan.missed_capacity") == 1)
        #expect(r1[0].droppedMinutes == 120)
        #expect(Sim.mean(s1, "ns2021", "unmet_items.by_activity.sentence_plan") == 1)
        #expect(try Sim.trace(scenario(maxLate: 1), case: "x9").contains("2025-01-29  sentence_plan dropped: no room in the diary before it stopped counting (unmet)"))
        let (_, _, _, s0) = try Sim.run(scenario(maxLate: 0))
        #expect(Sim.mean(s0, "ns2021", "standards.sentence-plan.met") == 7)
        #expect(Sim.mean(s0, "ns2021", "standards.sentence-plan.met_late") == 0)
        #expect(Sim.mean(s0, "ns2021", "standards.sentence-plan.missed_capacity") == 2)
        // Statutory work is never dropped: the first appointments all wait until done.
        #expect(Sim.mean(s0, "ns2021", "unmet_items.by_activity.initial_appointment") == 0)
    }

    /// One fixed caseload (the same cases and draws at every level: common random numbers) at
    /// 100%, 80%, 60% and 40% of its staff (seed 11). As staff fall the monthly F2F met rate
    /// does not rise, unmet hours and overtime do not fall, and what gives way first is the
    /// professional-judgement contact above the minimum: at every level its unmet hours are at
    /// least those of the minimum contacts, and statutory first appointments are never unmet.
    @Test func metRatesFallAndUnmetDemandRisesAsStaffFall() throws {
        let text = ScenarioBuilder(name: "rationing").horizon(months: 9).warmup(months: 3).replications(2).seed(11)
            .regimes("ns2021").staffingLevels(1.0, 0.8, 0.6, 0.4)
            .caseload(initial: 400, arrivalsPerWeek: 8).caseload("custody_phase", false)
            .professionalJudgement(f2fPerMonth: 2)
            .workforce(.po(count: 10), .pso(count: 10, caseWorkShare: 0.8))
        let (_, variants, _, s) = try Sim.run(text, threads: 2)
        let names = variants.map(\.name)
        let met = names.map { Sim.mean(s, $0, "standards.monthly-f2f.met_rate") ?? .nan }
        let unmet = names.map { Sim.mean(s, $0, "unmet_hours.total") ?? .nan }
        // Overtime as a share of the hours worked: its total is capped by the staff there are.
        let overtime = names.map { (Sim.mean(s, $0, "overtime_hours") ?? .nan) / (Sim.mean(s, $0, "hours.total") ?? .nan) }
        print("met \(met) unmet \(unmet) overtime \(overtime)")
        for k in 1..<names.count {
            #expect(met[k] <= met[k - 1])
            #expect(unmet[k] >= unmet[k - 1])
            #expect(overtime[k] >= overtime[k - 1])
        }
        // Minimum contacts give way only after the professional judgement above them: measured
        // 99.95% met at 100% and 97.5% at 40%.
        #expect(met[3] < met[0] - 0.01)
        #expect(unmet[3] > 10 * max(1, unmet[0]))
        for name in names {
            #expect(Sim.mean(s, name, "unmet_items.by_activity.initial_appointment") == 0)
        }
        // What gave way at 40%: mostly contacts above the minimum (the plan's second F2F a month).
        let f2fUnmet = Sim.mean(s, names[3], "unmet_hours.by_activity.f2f_appointment") ?? 0
        #expect(f2fUnmet > 0.5 * unmet[3])
    }

    /// The rationing settings are read, and a bad order, share or class is refused with where and what.
    @Test func rationingSettingsAreReadAndChecked() throws {
        let base = ScenarioBuilder(name: "r").caseload(initial: 10).workforce(.po(count: 1))
        let order = ["statutory", "risk_work", "minimum_contacts", "reviews_and_admin", "above_minimum"]
        let (s, _) = try ScenarioReader.parse(base.rationing("order", .list(order.map(ScenarioBuilder.Value.scalar))).overtimeShare(0.2).text, file: "r.yaml")
        #expect(s.workforce.rationing.order.map(\.rawValue) == order)
        #expect(s.workforce.rationing.overtimeShare == 0.2)
        #expect(RationingSettings().order == ActivityKind.GivesWay.allCases)   // conventions §10's default
        func problems(_ b: ScenarioBuilder) -> [String] {
            do { _ = try ScenarioReader.parse(b.text, file: "r.yaml"); return [] } catch let e as InputProblems {
                return e.problems.map { "\($0.path): \($0.message)" }
            } catch { return ["\(error)"] }
        }
        let short = problems(base.rationing("order", .list(["statutory", "risk_work"].map(ScenarioBuilder.Value.scalar))))
        #expect(short.contains { $0.contains("workforce.rationing.order") && $0.contains("missing above_minimum, reviews_and_admin, minimum_contacts") })
        #expect(problems(base.rationing("order", .list(["statutory", "risk_wrk"].map(ScenarioBuilder.Value.scalar)))).contains { $0.contains("did you mean 'risk_work'") })
        #expect(problems(base.overtimeShare(1.5)).contains { $0.contains("overtime_share") })
        #expect(problems(base.rationing("max_late", .init(3))).contains { $0.contains("unknown key 'max_late'; expected one of: order, overtime_share, max_late_working_days") })
        #expect(problems(base.activity("case_admin", ["gives_way": "never"])).contains { $0.contains("gives_way") && $0.contains("above_minimum") })
    }
}
