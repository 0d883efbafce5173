import Foundation
import Testing
@testable import ProbationModel
@testable import ProbationRules

/// The capacity measures (docs/outputs.md) by hand on a small named caseload, workload
/// reductions cutting available hours exactly, and the new workforce keys refused when wrong.
@Suite struct CapacityMeasuresTests {
    /// Reductions cut a practitioner's minutes a day exactly: 37 h × 60 / 5 = 444 minutes at a
    /// case-work share of 1 and no leave or sickness. A PQiP trainee from month 0 keeps 20%
    /// (88.8), from month 6 40% (177.6), from 12 60% (266.4), from 18 all (444); an NQO keeps 80%
    /// (355.2) for 9 months. Available WMT points are cut alike (2,176 × 0.2 = 435.2).
    @Test func reductionsCutAvailableHoursExactly() {
        var w = WorkforceSettings()
        w.sicknessShare = 0
        w.leaveDaysPerYear = 0
        var trainee = PractitionerGroup(grade: .PSO, count: 1)
        trainee.caseWorkShare = 1
        trainee.cohort = .pqip
        var nqo = PractitionerGroup(grade: .PO, count: 1)
        nqo.caseWorkShare = 1
        nqo.cohort = .nqo
        w.practitioners = [PractitionerGroup(grade: .PO, count: 1), trainee, nqo]
        w.practitioners[0].caseWorkShare = 1
        var d = Diaries(w)
        // What is kept is 1 − the reduction, computed as such (1 − 0.8 is not 0.2 in floating point).
        let traineeKeep: Double = 1 - 0.8
        let nqoKeep0: Double = 1 - 0.2
        let minutes: [Double] = [444, 444 * traineeKeep, 444 * nqoKeep0]
        let points: [Double] = [2176, 2176 * traineeKeep, 2176 * nqoKeep0]
        #expect(d.dailyMinutes == minutes)
        #expect(d.availablePoints == points)
        #expect(abs(d.caseHoldingFTE - (1 + 0.2 + 0.8)) < 1e-12)
        let steps: [(Double, Double, Double)] = [(6, 1 - 0.6, 1 - 0.2), (9, 1 - 0.6, 1), (12, 1 - 0.4, 1), (18, 1, 1)]
        for (months, keep, nqoKeep) in steps {
            d.applyReductions(monthsFromStart: months)
            let expected: [Double] = [444, 444 * keep, 444 * nqoKeep]
            #expect(d.dailyMinutes == expected, "month \(months)")
            #expect(d.availablePoints[1] == 2176 * keep)
        }
    }

    /// The court team writes a report for every sentence passed during the run: a community order
    /// at its start and a custodial sentence at its sentence date (the custody phase's start), but
    /// none for a case sentenced before the run. Three cases, one fast report (4.8 h) each where
    /// written: the order of 1 March and the custodial sentence of 3 February get one; the
    /// licence sentenced in 2024 does not: 2 × 4.8 = 9.6 hours.
    @Test func courtReportsForEverySentencePassedDuringTheRun() throws {
        let text = ScenarioBuilder.exact(regimes: "ns2021", cases: [])
            .horizon(months: 12)
            .caseload("cases", [["id": "co", "type": "community_order", "start": "2025-03-03", "months": 12, "requirements": ["rar"], "tier": "B2", "rosh": "medium"],
                                ["id": "c1", "type": "licence", "sentenced": "2025-02-03", "custody_months": 12, "tier": "C2", "rosh": "medium"],
                                ["id": "c2", "type": "licence", "sentenced": "2024-06-03", "custody_months": 24, "tier": "C2", "rosh": "medium"]])
            .workforce("court_team", ["fte": 1, "reports_per_sentence": 1, "mix": ["fast": 1], "hours": ["fast": 4.8]])
        let (_, _, _, s) = try Sim.run(text)
        #expect(abs((Sim.mean(s, "ns2021", "hours.by_activity.court_report") ?? 0) - 9.6) < 1e-6)
    }

    /// One B2 community order of 12 months with RAR, sentenced on the start (1 January 2025),
    /// held by the PO (allocation ties go to the first); 60 weeks measured (420 days, no
    /// warm-up), no leave or sickness (availability 1). Its work is 975 minutes = 16.25 h (see
    /// the closed-form test). Workforce: a PO, 37 h, NQO with 3 months served (20% off in months
    /// 0-5: January to June 2025); a PSO, 18.5 h, PQiP with 12 months served (40% off in months
    /// 0-5); non-case share PO 0.3, PSO 0.2; a court team of 2 FTE writing one fast report (4.8 h)
    /// per sentence. Weeks start on 1 January and every 7 days: weeks 0-25 (to 25 June) are
    /// reduced, weeks 26-59 (from 2 July) are not; the order holds 115 points in weeks 0-52 (to
    /// 31 December 2025) and none after.
    @Test func capacityMeasuresByHand() throws {
        let co = NamedCase(id: "co", type: .communityOrder, start: "2025-01-01", months: 12, requirements: [.rar], tier: "B2", rosh: .medium)
        let text = ScenarioBuilder.exact(regimes: "ns2021", cases: [co]).horizon(weeks: 60)
            .workforce(.po(count: 1, hoursPerWeek: 37, cohort: "nqo", monthsInTraining: 3), .pso(count: 1, hoursPerWeek: 18.5, cohort: "pqip", monthsInTraining: 12))
            .alwaysAtWork()
            .workforce("non_case_share", ["PO": 0.3, "PSO": 0.2])
            .workforce("court_team", ["fte": 2, "reports_per_sentence": 1, "mix": ["fast": 1], "hours": ["fast": 4.8]])
        let (_, _, _, s) = try Sim.run(text)
        func v(_ path: String) throws -> Double { try #require(Sim.mean(s, "ns2021", path), "\(path)") }
        func near(_ a: Double, _ b: Double) -> Bool { abs(a - b) < 1e-4 }   // the summary rounds to 4 decimals
        // Case work 16.25 h; the court report's 4.8 h are reported apart, not in the total.
        #expect(try v("hours.total") == 16.25)
        #expect(try v("hours.by_activity.court_report") == 4.8)
        // FTE in post: 1 + 18.5 / 37 + 2 (court team) = 3.5.
        #expect(try v("fte_in_post") == 3.5)
        // Case-holding FTE, the mean over 60 weeks: PO (26 × 0.8 + 34 × 1) / 60 = 0.91333, PSO
        // 0.5 × (26 × 0.6 + 34 × 1) / 60 = 0.41333: 1.32667.
        let poKeep: Double = (26 * 0.8 + 34) / 60
        let psoKeep: Double = (26 * 0.6 + 34) / 60
        #expect(try near(v("case_holding_fte"), poKeep + 0.5 * psoKeep))
        // FTE needed: 16.25 h / 60 weeks / (37 × the hours-weighted case-work share
        // (1 × 0.7 + 0.5 × 0.8) / 1.5 = 0.73333) = 16.25 / 60 / 27.1333 = 0.0099816.
        let weightedShare: Double = (0.7 + 0.4) / 1.5
        #expect(try near(v("fte_needed"), 16.25 / 60 / (37 * weightedShare)))
        // By grade: PO 16.25 / 60 / (37 × 0.7 = 25.9) = 0.0104569; PSO holds nothing: 0.
        #expect(try near(v("fte_needed_by_grade.PO"), 16.25 / 60 / 25.9))
        #expect(try v("fte_needed_by_grade.PSO") == 0)
        // Court: 4.8 h / 60 weeks / (37 × (1 − the PO non-case share 0.3) = 25.9) = 0.0030888.
        #expect(try near(v("court_fte_needed"), 4.8 / 60 / 25.9))
        // WMT, means over the 60 weekly snapshots, reductions in the denominator:
        // PO: 26 weeks × 115 / (2,176 × 0.8) + 27 weeks × 115 / 2,176 + 7 weeks × 0 = 5.2409%.
        let poReduced: Double = 26 * 115 / (2176 * 0.8)
        let poFull: Double = 27 * 115 / 2176
        let po = 100 * (poReduced + poFull) / 60
        #expect(try near(v("wmt_capacity_percent_by_grade.PO"), po))
        #expect(try v("wmt_capacity_percent_by_grade.PSO") == 0)
        // All: the PSO's 1,088 points (60% of them in weeks 0-25) join the denominator:
        // 26 × 115 / (1,740.8 + 652.8) + 27 × 115 / (2,176 + 1,088), over 60 weeks = 3.6645%.
        let allReduced: Double = 26 * 115 / (2176 * 0.8 + 1088 * 0.6)
        let allFull: Double = 27 * 115 / 3264
        let all = 100 * (allReduced + allFull) / 60
        #expect(try near(v("wmt_capacity_percent"), all))
    }

    /// A group without `case_work_share` takes 1 − its grade's `non_case_share`; wrong new keys
    /// are refused with where and what.
    @Test func workforceKeysAreReadAndChecked() throws {
        let base = ScenarioBuilder(name: "w").caseload(initial: 10).workforce(.po(count: 1), .pso(count: 1, caseWorkShare: 0.9))
        let (s, _) = try ScenarioReader.parse(base.workforce("non_case_share", ["PO": 0.35]).text, file: "w.yaml")
        #expect(s.workforce.practitioners.map(\.caseWorkShare) == [0.65, 0.9])
        #expect(s.workforce.nonCaseShare == [.PO: 0.35, .PSO: 0.25])
        func problems(_ b: ScenarioBuilder) -> [String] {
            do { _ = try ScenarioReader.parse(b.text, file: "w.yaml"); return [] } catch let e as InputProblems {
                return e.problems.map { "\($0.path): \($0.message)" }
            } catch { return ["\(error)"] }
        }
        #expect(problems(ScenarioBuilder(name: "w").caseload(initial: 10).workforce(.po(count: 1, cohort: "pqpi"))).contains { $0.contains("did you mean 'pqip'") })
        #expect(problems(ScenarioBuilder(name: "w").caseload(initial: 10).workforce(.po(count: 1, monthsInTraining: 3))).contains { $0.contains("needs a 'cohort'") })
        #expect(problems(base.workforce("court_team", ["mix": ["oral": 0.5, "fast": 0.4]])).contains { $0.contains("must add up to 1") })
        #expect(problems(base.workforce("non_case_share", ["PO": 1.5])).contains { $0.contains("non_case_share") })
        #expect(problems(base.workforce("court_team", ["ftee": 2])).contains { $0.contains("did you mean 'fte'") })
    }
}
