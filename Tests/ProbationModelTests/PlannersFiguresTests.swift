import Foundation
import Testing
@testable import ProbationModel
@testable import ProbationRules

/// The figures planners read: FTE and WMT capacity by grade, caseload and hours by tier and
/// phase, the spread of cases per practitioner; in the summary, the tidy tables and as metric paths.
@Suite struct PlannersFiguresTests {
    /// Runs the output tests' scenario (2 regimes, a PO and a PSO, 4 replications) into a folder.
    static func run() throws -> (dir: URL, out: URL) {
        let dir = try temporaryFolder("probsim-test")
        let file = dir.appendingPathComponent("s.yaml")
        try OutputTests.scenario().write(to: file, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out")
        try Probsim.run(["run", file.path, "--quiet", "--out", out.path])
        return (dir, out)
    }

    @Test func splitsAddUpAndBandsCountThePractitioners() throws {
        let (dir, out) = try PlannersFiguresTests.run()
        defer { try? FileManager.default.removeItem(at: dir) }
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(Probsim.read(out, "summary.json").utf8)) as? [String: Any])
        let regimes = try #require(summary["regimes"] as? [String: [String: Any]])
        #expect(regimes.count == 2)
        func mean(_ v: Any?) -> Double { ((v as? [String: Any])?["mean"] as? Double) ?? .nan }
        for (_, r) in regimes {
            let caseload = try #require(r["caseload"] as? [String: Any])
            let byTier = try #require(caseload["by_tier"] as? [String: Any])
            #expect(byTier.keys.sorted() == ["A", "B", "C", "D"])
            #expect(abs(byTier.values.map(mean).reduce(0, +) - mean(caseload["mean"])) < 1e-3)
            let hours = try #require(r["hours"] as? [String: Any])
            let total = mean(hours["total"])
            #expect(total > 0)
            let hoursByTier = try #require(hours["by_tier"] as? [String: Any])
            #expect(abs(hoursByTier.values.map(mean).reduce(0, +) - total) < 1e-2 * max(1, total))
            let hoursByPhase = try #require(hours["by_phase"] as? [String: Any])
            #expect(hoursByPhase.keys.sorted() == SupervisionPhase.allCases.map(\.rawValue).sorted())
            let byPhaseSum = hoursByPhase.values.map(mean).reduce(0, +)
            #expect(byPhaseSum <= total * (1 + 1e-6) + 1e-3 && byPhaseSum >= 0.95 * total)
            let spread = try #require(r["caseload_per_practitioner"] as? [String: Any])
            let bands = try #require(spread["bands"] as? [String: Any])
            #expect(bands.count == CaseloadBands.labels.count)
            // One PO and one PSO: two practitioners in some band each week, one of each grade.
            #expect(abs(bands.values.map(mean).reduce(0, +) - 2) < 1e-3)
            let p10 = mean(spread["p10"]), p50 = mean(spread["p50"]), p90 = mean(spread["p90"]), top = mean(spread["max"])
            #expect(p10 <= p50 && p50 <= p90 && p90 <= top)
            let byGrade = try #require(spread["by_grade"] as? [String: [String: Any]])
            for grade in ["PO", "PSO"] {
                let g = try #require(byGrade[grade])
                let gb = try #require(g["bands"] as? [String: Any])
                #expect(abs(gb.values.map(mean).reduce(0, +) - 1) < 1e-3)
                // One practitioner: every percentile is their caseload.
                #expect(abs(mean(g["p10"]) - mean(g["max"])) < 1e-3 && abs(mean(g["mean"]) - mean(g["p50"])) < 1e-3)
            }
            #expect(mean((r["fte_needed_by_grade"] as? [String: Any])?["PSO"]) > 0)
            #expect(mean((r["wmt_capacity_percent_by_grade"] as? [String: Any])?["PO"]) > 0)
        }
        // The tidy tables: bands by grade and week; every figure of every replication.
        let bandRows = try Probsim.read(out, "caseload_bands_weekly.csv").split(separator: "\n")
        #expect(bandRows.first == "scenario,regime,replication,week_start,grade,band,practitioners")
        #expect(bandRows.count == 1 + 2 * 4 * 26 * 3 * CaseloadBands.labels.count)
        let measures = try Probsim.read(out, "measures.csv").split(separator: "\n")
        #expect(measures.first == "scenario,regime,replication,metric,value")
        #expect(measures.contains { $0.hasPrefix("outputs,ns2021,1,caseload_per_practitioner.by_grade.PSO.bands.100+,") })
        #expect(measures.contains { $0.hasPrefix("outputs,reset2024,4,hours.by_tier.A,") })
        #expect(measures.contains { $0.hasPrefix("outputs,ns2021,2,fte_needed_by_grade.PO,") })
        let report = try Probsim.read(out, "report.html")
        #expect(report.contains("Staffing by grade") && report.contains("by tier and by phase") && report.contains("the spread"))
    }

    @Test func newFiguresAreMetricPaths() throws {
        let paths = ["caseload.by_tier.A", "hours.by_tier.D", "hours.by_phase.licence", "fte_needed_by_grade.PSO",
                     "wmt_capacity_percent_by_grade.PO", "caseload_per_practitioner.p10", "caseload_per_practitioner.max",
                     "caseload_per_practitioner.by_grade.PO.p50", "caseload_per_practitioner.bands.0-9",
                     "caseload_per_practitioner.by_grade.PSO.bands.100+"]
        for p in paths {
            let parsed = try #require(MetricPath(p), "\(p) is no metric path")
            #expect(parsed.description == p)
            #expect(SummaryMetrics.problem(with: p, standards: []) == nil)
        }
        let why = try #require(SummaryMetrics.problem(with: "caseload_per_practitioner.bands.100-109", standards: []))
        #expect(why.contains("unknown caseload band '100-109'") && why.contains("100+"))
        #expect(SummaryMetrics.problem(with: "caseload.by_tier.E", standards: []) != nil)
    }

    @Test func checkReadsTheNewFigures() throws {
        let dir = try temporaryFolder("probsim-test")
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("s.yaml")
        let text = ScenarioBuilder(name: "planners").horizon(months: 6).warmup(months: 2).replications(2).seed(3).regimes("ns2021")
            .caseload(initial: 60, arrivalsPerWeek: 1)
            .workforce(.po(count: 1), .pso(count: 1))
            .expect(metric: "caseload_per_practitioner.by_grade.PO.bands.0-9", max: 1)
            .expect(metric: "hours.by_tier.B", min: 0)
            .text
        try text.write(to: file, atomically: true, encoding: .utf8)
        try Probsim.run(["run", file.path, "--quiet", "--check", "--out", dir.appendingPathComponent("out").path])
    }
}
