import ArgumentParser
import Foundation
import Testing
@testable import ProbationModel
@testable import ProbationRules

/// The output folder: determinism across threads and shards, tidy tables, the report, atomic writes.
@Suite struct OutputTests {
    /// Two regimes, a PO and a PSO; its second expectation (at most `maxHoursPerWeek`) fails as given.
    static func scenario(maxHoursPerWeek: Double = 0.5) -> String {
        ScenarioBuilder(name: "outputs").horizon(months: 8).warmup(months: 2).replications(4).seed(99).regimes("ns2021", "reset2024")
            .caseload(initial: 80, arrivalsPerWeek: 1.5)
            .workforce(.po(count: 1), .pso(count: 1))
            .expect(regime: "ns2021", metric: "cases_seen", min: 1)
            .expect(metric: "hours.total_per_week", max: maxHoursPerWeek)
            .text
    }

    @Test func sameBytesWhateverTheThreadsAndShards() throws {
        let dir = try temporaryFolder("probsim-test")
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("s.yaml")
        try OutputTests.scenario().write(to: file, atomically: true, encoding: .utf8)
        try Probsim.run(["run", file.path, "--quiet", "--jobs", "1", "--out", dir.appendingPathComponent("one").path])
        try Probsim.run(["run", file.path, "--quiet", "--jobs", "3", "--out", dir.appendingPathComponent("three").path])
        for k in 1...3 {
            try Probsim.run(["run", file.path, "--quiet", "--jobs", "2", "--shard", "\(k)/3", "--out", dir.appendingPathComponent("shard\(k)").path])
        }
        try Probsim.run(["merge"] + (1...3).map { dir.appendingPathComponent("shard\($0)").path } + ["--out", dir.appendingPathComponent("merged").path])
        let one = dir.appendingPathComponent("one")
        for other in ["three", "merged"] {
            let o = dir.appendingPathComponent(other)
            #expect(Probsim.stable(try Probsim.read(one, "summary.json")) == Probsim.stable(try Probsim.read(o, "summary.json")), "summary.json differs: \(other)")
            for csv in ["standards.csv", "hours_weekly.csv", "caseload_weekly.csv", "caseload_bands_weekly.csv", "unmet_work.csv", "measures.csv", "monthly.csv"] {
                #expect(try Probsim.read(one, csv) == Probsim.read(o, csv), "\(csv) differs: \(other)")
            }
        }
        // A shard of a different seed is refused.
        try Probsim.run(["run", file.path, "--quiet", "--seed", "5", "--shard", "1/3", "--out", dir.appendingPathComponent("other").path])
        #expect(throws: ExitCode(65)) {
            try Probsim.run(["merge", dir.appendingPathComponent("other").path, dir.appendingPathComponent("shard2").path,
                     dir.appendingPathComponent("shard3").path, "--out", dir.appendingPathComponent("bad").path])
        }
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("bad").path))
    }

    @Test func tidyTablesAndReport() throws {
        let dir = try temporaryFolder("probsim-test")
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("s.yaml")
        try OutputTests.scenario().write(to: file, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out")
        try Probsim.run(["run", file.path, "--quiet", "--out", out.path])
        let weeks = 26   // 2025-03-06 to 2025-09-06 (184 days): 26 whole weeks from the warm-up end
        let caseload = try Probsim.read(out, "caseload_weekly.csv").split(separator: "\n")
        #expect(caseload.first == """
                scenario,regime,replication,week_start,cases,cases_in_custody,caseload_mean,caseload_p90,wmt_capacity_percent,backlog_hours,\
                cases_pom_held,cases_custody,cases_community_order,cases_suspended_sentence_order,cases_licence,cases_pss,\
                cases_tier_A,cases_tier_B,cases_tier_C,cases_tier_D,wmt_capacity_percent_PO,wmt_capacity_percent_PSO,\
                caseload_p10,caseload_p50,caseload_max
                """)
        #expect(caseload.count == 1 + 2 * 4 * weeks)
        let hours = try Probsim.read(out, "hours_weekly.csv").split(separator: "\n")
        #expect(hours.first == "scenario,regime,replication,week_start,activity,hours")
        #expect(hours.count == 1 + 2 * 4 * weeks * ActivityTable.builtIn.kinds.count)
        let standards = try Probsim.read(out, "standards.csv").split(separator: "\n")
        #expect(standards.first?.hasPrefix("scenario,regime,replication,week_start,standard,due,met") == true)
        #expect(standards.dropFirst().allSatisfy { $0.split(separator: ",", omittingEmptySubsequences: false).count == 12 })
        // monthly.csv: tidy, one row per measure; 7 calendar months touch 2025-03-06 to 2025-09-06.
        let monthly = try Probsim.read(out, "monthly.csv").split(separator: "\n")
        #expect(monthly.first == "scenario,regime,replication,month,measure,value")
        #expect(monthly.dropFirst().allSatisfy { $0.split(separator: ",", omittingEmptySubsequences: false).count == 6 })
        #expect(monthly.filter { $0.split(separator: ",")[4] == "caseload.mean" }.count == 2 * 4 * 7)
        #expect(Set(monthly.dropFirst().map { $0.split(separator: ",")[3] }) == ["2025-03", "2025-04", "2025-05", "2025-06", "2025-07", "2025-08", "2025-09"])
        for measure in ["caseload.by_phase.licence", "hours.total", "hours.by_activity.f2f_appointment", "fte_needed", "fte_in_post",
                        "wmt_capacity_percent", "unmet_hours.total", "standards.monthly-f2f.met_rate"] {
            #expect(monthly.contains { $0.split(separator: ",")[4] == measure }, "monthly.csv lacks \(measure)")
        }
        let report = try Probsim.read(out, "report.html")
        #expect(report.components(separatedBy: "<svg").count - 1 >= 6)
        for needle in ["ns2021", "reset2024", "Hours per week by activity", "Standards met rate", "FTE needed", "WMT capacity", "Cases per practitioner", "Differences between regimes"] {
            #expect(report.contains(needle), "report lacks \(needle)")
        }
        #expect(!report.contains("http://") || report.contains("http://www.w3.org/2000/svg"))
        let runInfo = try Probsim.read(out, "run.json")
        #expect(runInfo.contains("\"seed\": 99") && runInfo.contains("scenario_file_fnv1a64"))
    }

    @Test func checkExitsOneWhenAnExpectationFails() throws {
        let dir = try temporaryFolder("probsim-test")
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("s.yaml")
        try OutputTests.scenario().write(to: file, atomically: true, encoding: .utf8)
        #expect(throws: ExitCode(1)) { try Probsim.run(["run", file.path, "--quiet", "--check", "--out", dir.appendingPathComponent("o").path]) }
        let ok = OutputTests.scenario(maxHoursPerWeek: 100000)
        try ok.write(to: file, atomically: true, encoding: .utf8)
        try Probsim.run(["run", file.path, "--quiet", "--check", "--out", dir.appendingPathComponent("o").path])
    }

    /// A failed write leaves the previous results in place and no temporary folder.
    @Test func failedWriteKeepsPreviousResults() throws {
        let dir = try temporaryFolder("probsim-test")
        defer { try? FileManager.default.removeItem(at: dir) }
        let dest = dir.appendingPathComponent("results")
        try OutputFolder(path: dest.path).write([("a.txt", Data("old".utf8))])
        #expect(throws: OutputError.self) {
            try OutputFolder(path: dest.path).write([("a.txt", Data("new".utf8)), ("no/such/dir/b.txt", Data())])
        }
        #expect(try String(contentsOf: dest.appendingPathComponent("a.txt"), encoding: .utf8) == "old")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["results"])
        try OutputFolder(path: dest.path).write([("a.txt", Data("new".utf8))])
        #expect(try String(contentsOf: dest.appendingPathComponent("a.txt"), encoding: .utf8) == "new")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["results"])
    }
}
