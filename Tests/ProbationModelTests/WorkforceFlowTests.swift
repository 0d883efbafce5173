import Foundation
import Testing
import SimulationCore
@testable import ProbationModel
@testable import ProbationRules
@testable import ProbationCommands

/// Workforce flows (`workforce.intakes`, `workforce.attrition_per_year`): hand-computed effects
/// on the case-holding FTE, leavers against the binomial expectation, leavers' cases
/// reallocated to practitioners in post, and bad settings refused.
@Suite struct WorkforceFlowTests {
    /// A scenario of full-time POs (and PSOs), case-work share 1, with `extra` lines under `workforce:`.
    static func yaml(pos: Int, psos: Int = 0, months: Int, start: String = "2025-01-06", initial: Int = 60, extra: String) -> String {
        """
        name: flows
        start: \(start)
        horizon: {months: \(months)}
        seed: 20
        caseload:
          initial: \(initial)
          arrivals_per_week: \(max(1, initial / 30))
        workforce:
          practitioners:
            - {grade: PO, count: \(pos), case_work_share: 1}
        \(psos > 0 ? "    - {grade: PSO, count: \(psos), case_work_share: 1}" : "")
        \(extra)
        """
    }

    /// The weeks of the first variant.
    static func weeks(_ text: String) throws -> [WeekRow] {
        let (_, _, results, _) = try Sim.run(text)
        return results[0].weeks
    }

    /// Five POs; three POs join on Monday 3 March 2025 and two PQiP trainees with them: the
    /// case-holding FTE is 5 in every week before, and 5 + 3 + 2 × 0.2 = 8.4 from that week (a
    /// trainee keeps 20% in their first 6 months, counted from 1 April, the first of the month
    /// on or after they join), 5 + 3 + 2 × 0.4 = 8.8 from the week of 1 October 2025 (months 6-12: 40%).
    /// The FTE in post (contracted, before reductions) is 5, then 10; `fte_in_post` is its mean
    /// over the measured weeks.
    @Test func anIntakeRaisesTheCaseHoldingFTEFromItsDay() throws {
        let text = WorkforceFlowTests.yaml(pos: 5, months: 10, extra: """
              intakes:
                - {on: 2025-03-03, grade: PO, count: 3}
                - {on: 2025-03-03, grade: PO, count: 2, cohort: pqip}
            """)
        let (_, variants, results, summary) = try Sim.run(text)
        let weeks = results[0].weeks
        let join = Day(iso: "2025-03-03")!
        let october = Day(iso: "2025-10-01")!
        #expect(weeks.count > 40)
        let first: Double = 5 + 3 + 2 * (1 - 0.8)
        let second: Double = 5 + 3 + 2 * (1 - 0.6)
        for w in weeks {
            let expected: Double = w.weekStart < join ? 5 : w.weekStart < october ? first : second
            #expect(abs(w.caseHoldingFTE - expected) < 1e-9, "\(w.weekStart.iso): \(w.caseHoldingFTE), expected \(expected)")
            #expect(w.fteInPost == (w.weekStart < join ? 5 : 10))
        }
        let before = Double(weeks.filter { $0.weekStart < join }.count)
        let inPost: Double = (5 * before + 10 * (Double(weeks.count) - before)) / Double(weeks.count)
        let reported = try #require(Sim.mean(summary, variants[0].name, "fte_in_post"))
        #expect(abs(reported - inPost) < 1e-9, "\(reported), expected \(inPost)")
        // Without the intakes the FTE stays 5.
        let plain = try WorkforceFlowTests.weeks(WorkforceFlowTests.yaml(pos: 5, months: 10, extra: ""))
        #expect(plain.allSatisfy { $0.caseHoldingFTE == 5 })
    }

    /// A PQiP intake's trainees are PSO-grade until their cohort's reduction ends (18 months
    /// from their own start), then POs; their reduction is counted from their own start, not
    /// the scenario's.
    @Test func aPQiPIntakeIsAPSOUntilItsTrainingEnds() {
        var w = WorkforceSettings()
        w.practitioners = [PractitionerGroup(grade: .PO, count: 2)]
        var d = Diaries(w)
        var g = PractitionerGroup(grade: .PO, count: 3)
        g.cohort = .pqip
        d.applyReductions(monthsFromStart: 4)
        d.join(g, startOffset: 5)
        #expect(d.count == 5 && d.activeCount == 5)
        #expect(Array(d.grade[2...]) == [.PSO, .PSO, .PSO])
        #expect(abs(d.caseHoldingFTE - (2 + 3 * (1 - 0.8))) < 1e-12)
        for (months, keep, grade) in [(10.0, 1 - 0.8, PractitionerGroup.Grade.PSO), (11, 1 - 0.6, .PSO), (17, 1 - 0.4, .PSO), (22, 1 - 0.4, .PSO), (23, 1.0, .PO)] {
            d.applyReductions(monthsFromStart: months)
            #expect(d.grade[4] == grade, "month \(months)")
            #expect(abs(d.caseHoldingFTE - (2 + 3 * keep)) < 1e-12, "month \(months)")
        }
        // A PO may hold any case now.
        #expect(d.mayHold(4, rosh: .veryHigh))
        // A leaver: out of the FTE and of allocation.
        d.leave(0)
        #expect(d.activeCount == 4 && abs(d.caseHoldingFTE - 4) < 1e-12)
        #expect(d.allocate(rosh: .low) { _ in 0 } != 0)
    }

    /// 600 POs leaving at 10% a year and 400 PSOs at 15%, drawn at the 11 month starts after the
    /// start of a year from 1 January: leavers ≈ 600 × (1 − (1 − 0.1/12)^11) + 400 × (1 − (1 −
    /// 0.15/12)^11) = 52.8 + 51.7 = 104.5 (binomial sd ≈ 9.7); with seed 20 98 leavers, within ±30 (3 sd).
    /// Every case stays held by a practitioner in post (the invariant is checked every week in
    /// debug builds, and on this run).
    @Test func attritionMatchesItsRateAndLeaversCasesAreReallocated() throws {
        let text = WorkforceFlowTests.yaml(pos: 600, psos: 400, months: 12, start: "2025-01-01", initial: 1500, extra: """
              attrition_per_year: {PO: 0.1, PSO: 0.15}
            """)
        let weeks = try WorkforceFlowTests.weeks(text)
        #expect(invariantsChecked)
        #expect(weeks.first?.caseHoldingFTE == 1000)
        let last = try #require(weeks.last)
        let leavers = 1000 - last.caseHoldingFTE
        let po: Double = 600 * (1 - pow(1 - 0.1 / 12, 11.0))
        let pso: Double = 400 * (1 - pow(1 - 0.15 / 12, 11.0))
        let expected = po + pso
        #expect(abs(expected - 104.45) < 0.01)
        #expect(abs(leavers - expected) < 30, "\(leavers) leavers, expected about \(expected)")
        #expect(leavers > 0)
        // The caseload statistics are over those in post: mean cases per practitioner = cases / in post.
        #expect(abs(last.caseloadMean - Double(last.cases) / last.caseHoldingFTE) < 1e-9)
    }

    /// The last PO never leaves, whatever the rate: three POs at 100% a year over three years
    /// end with one.
    @Test func theLastPONeverLeaves() throws {
        let text = WorkforceFlowTests.yaml(pos: 3, psos: 2, months: 36, extra: """
              attrition_per_year: {PO: 1}
            """)
        let weeks = try WorkforceFlowTests.weeks(text)
        #expect(weeks.first?.caseHoldingFTE == 5)
        #expect(weeks.last?.caseHoldingFTE == 3)   // one PO and the two PSOs (no PSO attrition)
        #expect(weeks.allSatisfy { $0.caseHoldingFTE >= 3 })
    }

    /// The same seed gives the same flows whatever the threads: leavers and joiners are keyed draws.
    @Test func flowsAreTheSameWhateverTheThreads() throws {
        let text = WorkforceFlowTests.yaml(pos: 8, psos: 4, months: 12, extra: """
              intakes: [{on: 2025-05-12, grade: PO, count: 2, cohort: nqo}, {on: 2025-07-01, grade: PO, count: 3, cohort: pqip}]
              attrition_per_year: {PO: 0.3, PSO: 0.4}
            replications: 3
            """)
        let (_, _, one, _) = try Sim.run(text, threads: 1)
        let (_, _, two, _) = try Sim.run(text, threads: 2)
        #expect(one.count == 3 && two.count == 3)
        for (a, b) in zip(one, two) {
            let fteA: [Double] = a.weeks.map { $0.caseHoldingFTE }
            let fteB: [Double] = b.weeks.map { $0.caseHoldingFTE }
            #expect(fteA == fteB)
            let minutesA: [[Double]] = a.weeks.map { $0.minutesByActivity }
            let minutesB: [[Double]] = b.weeks.map { $0.minutesByActivity }
            #expect(minutesA == minutesB)
        }
        // Some practitioners left in some replication (the FTE fell in a week).
        #expect(one.contains { r in zip(r.weeks, r.weeks.dropFirst()).contains { $1.caseHoldingFTE < $0.caseHoldingFTE } })
    }

    /// A named case held by a PSO who leaves goes to the PO, and its trace says so.
    @Test func aLeaversCaseGoesToAPractitionerInPost() throws {
        let text = """
        name: leaver
        start: 2025-01-06
        horizon: {months: 36}
        seed: 20
        caseload:
          cases: [{id: x, type: community_order, start: 2025-01-06, months: 36, tier: D1, rosh: low}]
        workforce:
          practitioners: [{grade: PSO, count: 1}, {grade: PO, count: 1}]
          attrition_per_year: {PSO: 1}
        """
        let (s, variants) = try ScenarioReader.parse(text, file: "t.yaml")
        let lines = try #require(try Runner(scenario: s, variants: variants).trace(caseID: "x", regimeIndex: 0))
        let moved = lines.filter { $0.contains("reallocated") }
        #expect(moved.count == 1, "\(lines)")
        #expect(moved.first?.hasSuffix("reallocated from practitioner 0, who left, to practitioner 1 (PO)") == true, "\(moved)")
    }

    /// Staffing levels scale intakes as they scale groups.
    @Test func staffingLevelsScaleIntakes() throws {
        let text = WorkforceFlowTests.yaml(pos: 10, months: 6, extra: """
              intakes:
                - {on: 2025-03-03, grade: PO, count: 4}
            staffing_levels: [1, 0.5]
            """)
        let (s, variants) = try ScenarioReader.parse(text, file: "t.yaml")
        #expect(s.workforce.intakes.map(\.group.count) == [4])
        #expect(variants.map { $0.workforce.intakes[0].group.count } == [4, 2])
        #expect(variants.map { $0.workforce.practitioners[0].count } == [10, 5])
    }

    /// With no intakes and no attrition (or a rate of 0), nothing moves: the results are equal.
    @Test func zeroAttritionChangesNothing() throws {
        let (_, _, a, _) = try Sim.run(WorkforceFlowTests.yaml(pos: 3, psos: 2, months: 6, extra: ""))
        let (_, _, b, _) = try Sim.run(WorkforceFlowTests.yaml(pos: 3, psos: 2, months: 6, extra: "  attrition_per_year: {PO: 0, PSO: 0}"))
        let minutesA: [[Double]] = a[0].weeks.map { $0.minutesByActivity }
        let minutesB: [[Double]] = b[0].weeks.map { $0.minutesByActivity }
        #expect(minutesA == minutesB)
        let meanA: [Double] = a[0].weeks.map { $0.caseloadMean }
        let meanB: [Double] = b[0].weeks.map { $0.caseloadMean }
        #expect(meanA == meanB)
    }

    @Test func badFlowsAreRefused() throws {
        func problems(_ extra: String, pos: Int = 2) -> String {
            do { _ = try ScenarioReader.parse(WorkforceFlowTests.yaml(pos: pos, months: 6, extra: extra), file: "t.yaml"); return "" } catch { return "\(error)" }
        }
        let outside = problems("  intakes: [{on: 2026-03-02, grade: PO, count: 2}]")
        #expect(outside.contains("workforce.intakes[0].on") && outside.contains("inside the horizon") && outside.contains("2026-03-02"), "\(outside)")
        let order = problems("  intakes: [{on: 2025-04-01, grade: PO, count: 2}, {on: 2025-03-01, grade: PO, count: 1}]")
        #expect(order.contains("workforce.intakes[1].on") && order.contains("date order") && order.contains("2025-04-01"), "\(order)")
        #expect(problems("  intakes: [{on: 2025-03-03, grade: SPO, count: 2}]").contains("workforce.intakes[0].grade"))
        #expect(problems("  intakes: [{on: 2025-03-03, grade: PO, count: 0}]").contains("workforce.intakes[0].count"))
        #expect(problems("  intakes: [{on: 2025-03-03, count: 2}]").contains("needs 'grade'"))
        #expect(problems("  intakes: [{on: 2025-03-03, grade: PO}]").contains("needs 'count'"))
        #expect(problems("  intakes: [{on: 2025-03-03, grade: PSO, count: 2, cohort: pqip}]").contains("grade: PO"))
        #expect(problems("  intakes: [{on: 2025-03-03, grade: PO, count: 2, cohrt: pqip}]").contains("did you mean 'cohort'"))
        let rate = problems("  attrition_per_year: {PO: 1.5}")
        #expect(rate.contains("workforce.attrition_per_year.PO") && rate.contains("1.5"), "\(rate)")
        #expect(problems("  attrition_per_year: {SPO: 0.1}").contains("workforce.attrition_per_year"))
        let unlimited = "name: u\nstart: 2025-01-06\ncaseload: {initial: 5}\nworkforce: {unlimited: true, attrition_per_year: {PO: 0.1}}\n"
        #expect(throws: InputProblems.self) { _ = try ScenarioReader.parse(unlimited, file: "t.yaml") }
        // `probsim validate` exits 65 (invalid scenario) on a bad intake.
        let file = testsFolder.appendingPathComponent("flows-\(UUID().uuidString).yaml")
        try WorkforceFlowTests.yaml(pos: 2, months: 6, extra: "  intakes: [{on: 2024-03-03, grade: PO, count: 2}]").write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        do {
            try Probsim.run(["validate", file.path])
            Issue.record("a bad intake was accepted")
        } catch {
            #expect(ProbsimCommand.exitCode(for: error).rawValue == 65)
        }
    }
}
