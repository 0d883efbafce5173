import ArgumentParser
import Foundation
import Testing
@testable import ProbationCommands
@testable import ProbationModel
@testable import ProbationRules

/// `probsim sweep`: designs, the tidy CSV, and common random numbers (point k is exactly a plain
/// run with the same `--set` values).
@Suite struct SweepTests {
    static let scenario = """
    name: sweepy
    start: 2025-01-06
    horizon: {months: 3}
    warmup: {months: 1}
    replications: 2
    seed: 11
    regimes: [ns2021]
    caseload: {initial: 40, arrivals_per_week: 1}
    workforce:
      practitioners:
        - {grade: PO, count: 1}
        - {grade: PSO, count: 1}
    """

    func temp() throws -> URL {
        let dir = try temporaryFolder("probsim-sweep")
        try SweepTests.scenario.write(to: dir.appendingPathComponent("s.yaml"), atomically: true, encoding: .utf8)
        return dir
    }

    @Test func csvIsTidyAndPointKIsAPlainRunWithTheSameSetValues() throws {
        let dir = try temp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("s.yaml").path
        let out = dir.appendingPathComponent("sweep")
        try Probsim.run(["sweep", file, "--quiet", "--jobs", "2", "--out", out.path, "--vary", "workforce.practitioners[0].count=1,3",
                 "--vary", "caseload.arrivals_per_week=0.5:1.5:1"])
        let csv = try String(contentsOf: out.appendingPathComponent("sweep.csv"), encoding: .utf8)
        let lines = csv.split(separator: "\n").map(String.init)
        #expect(lines[0] == "point,workforce.practitioners[0].count,caseload.arrivals_per_week,regime,replication,metric,value")
        let rows = lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows.allSatisfy { $0.count == 7 })
        #expect(rows.allSatisfy { $0[6].isEmpty || Double($0[6]) != nil })
        // 4 points (1 and 3 POs × 0.5 and 1.5 arrivals), first key slowest.
        let points = rows.map { [$0[0], $0[1], $0[2]] }.reduce(into: [[String]]()) { if !$0.contains($1) { $0.append($1) } }
        #expect(points == [["1", "1", "0.5"], ["2", "1", "1.5"], ["3", "3", "0.5"], ["4", "3", "1.5"]])
        let metrics = Set(rows.map { $0[5] })
        #expect(metrics.contains("wmt_capacity_percent") && metrics.contains("fte_needed"))
        #expect(rows.count == 4 * 2 * metrics.count)

        // Point 4 against the scenario read with the same values as --set and run on its own.
        let sets = try ["workforce.practitioners[0].count=3", "caseload.arrivals_per_week=1.5"].map { try Override(parsing: $0) }
        let (s, variants) = try ScenarioReader.load(path: file, overrides: sets)
        let runner = Runner(scenario: s, variants: variants)
        let results = try runner.run(jobs: runner.allJobs, threads: 1)
        let summary = Summary(scenario: s, variants: variants, results: results)
        var expected: [String] = []
        for r in results {
            let m = summary.measures(r)
            for name in metrics.sorted() { expected.append("\(r.regime),\(r.replication + 1),\(name),\(Tables.fixed(m[name] ?? .nan, 6))") }
        }
        let got = rows.filter { $0[0] == "4" }.map { $0[3...].joined(separator: ",") }
        #expect(got == expected)

        let json = try String(contentsOf: out.appendingPathComponent("sweep.json"), encoding: .utf8)
        #expect(json.contains("\"design\": \"grid\""))
        let report = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(report.contains("Response to workforce.practitioners[0].count"))
        #expect(report.contains("WMT capacity (%)"))
    }

    @Test func theSweepIsTheSameWhateverTheThreads() throws {
        let dir = try temp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("s.yaml").path
        for jobs in ["1", "3"] {
            try Probsim.run(["sweep", file, "--quiet", "--jobs", jobs, "--out", dir.appendingPathComponent("j\(jobs)").path,
                     "--design", "lhs", "--points", "3", "--vary", "caseload.arrivals_per_week=0.5:2"])
        }
        let a = try Data(contentsOf: dir.appendingPathComponent("j1/sweep.csv"))
        let b = try Data(contentsOf: dir.appendingPathComponent("j3/sweep.csv"))
        #expect(a == b)
    }

    /// Shards of a sweep, merged, write the same tables as the sweep run whole.
    @Test func shardsMergeIntoTheWholeSweep() throws {
        let dir = try temp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("s.yaml").path
        let common = ["--quiet", "--replications", "3", "--vary", "workforce.practitioners[0].count=1,2", "--set", "seed=5"]
        try Probsim.run(["sweep", file, "--out", dir.appendingPathComponent("whole").path] + common)
        for k in 1...2 { try Probsim.run(["sweep", file, "--shard", "\(k)/2", "--out", dir.appendingPathComponent("s\(k)").path] + common) }
        #expect(throws: ExitCode(65)) { try Probsim.run(["merge", dir.appendingPathComponent("s1").path, "--out", dir.appendingPathComponent("m").path]) }
        try Probsim.run(["merge", dir.appendingPathComponent("s2").path, dir.appendingPathComponent("s1").path, "--out", dir.appendingPathComponent("m").path])
        let whole = try String(contentsOf: dir.appendingPathComponent("whole/sweep.csv"), encoding: .utf8)
        #expect(try String(contentsOf: dir.appendingPathComponent("m/sweep.csv"), encoding: .utf8) == whole)
        let json = { (f: String) in try String(contentsOf: dir.appendingPathComponent(f), encoding: .utf8).split(separator: "\n").filter { !$0.contains("wall_seconds") } }
        #expect(try json("m/sweep.json") == json("whole/sweep.json"))
    }

    @Test func rangesAndListsMakeTheirValues() throws {
        #expect(try VaryOption.parse("k=0.1:0.3:0.1").gridValues() == ["0.1", "0.2", "0.3"])
        #expect(try VaryOption.parse("k=2:10:4").gridValues() == ["2", "6", "10"])
        #expect(try VaryOption.parse("regimes=[ns2021],[ns2021, reset2024]").gridValues() == ["[ns2021]", "[ns2021, reset2024]"])
        let grid = try SweepDesign.grid([VaryOption.parse("a=1,2,3"), VaryOption.parse("b=x,y")])
        #expect(grid.values == [["1", "x"], ["1", "y"], ["2", "x"], ["2", "y"], ["3", "x"], ["3", "y"]])
    }

    /// Each of the N strata of each key's range holds exactly one point.
    @Test(arguments: [1 as UInt64, 2, 20250106])
    func latinHypercubeHitsEveryStratumOnce(seed: UInt64) throws {
        let options = try ["a=0:1", "b=10:50", "c=-3:-1"].map { try VaryOption.parse($0) }
        let n = 17
        let design = try SweepDesign.latinHypercube(options, points: n, seed: seed)
        #expect(design.values.count == n)
        for (k, (low, high)) in [(0.0, 1.0), (10, 50), (-3, -1)].enumerated() {
            let strata = design.values.map { Int(((Double($0[k])! - low) / (high - low) * Double(n)).rounded(.down)) }
            #expect(strata.sorted() == Array(0..<n), "seed \(seed), key \(k): \(strata)")
        }
        #expect(try SweepDesign.latinHypercube(options, points: n, seed: seed) == design)
        #expect(try SweepDesign.latinHypercube(options, points: n, seed: seed + 1) != design)
        let stepped = try SweepDesign.latinHypercube([VaryOption.parse("n=1:10:1")], points: 10, seed: seed)
        #expect(stepped.values.map { Int($0[0])! }.sorted() == Array(1...10))
    }

    @Test(arguments: [
        (["--vary", "k=5:2:1"], "the range is empty"),
        (["--vary", "k"], "found no '='"),
        (["--vary", "k=1:5:0"], "the step must be a number above zero"),
        (["--vary", "caseload.initial=10:20"], "a grid needs a step"),
        (["--vary", "a=1,2", "--vary", "a=3"], "given twice"),
        (["--design", "lhs", "--vary", "a=1:2"], "needs --points"),
        (["--design", "lhs", "--points", "4", "--vary", "a=1,2"], "samples ranges"),
        ([String](), "at least one --vary"),
    ])
    func badVaryIsAUsageError(_ args: [String], _ message: String) throws {
        let dir = try temp()
        defer { try? FileManager.default.removeItem(at: dir) }
        do {
            try Probsim.run(["sweep", dir.appendingPathComponent("s.yaml").path, "--quiet", "--out", dir.appendingPathComponent("o").path] + args)
            Issue.record("expected a usage error for \(args)")
        } catch {
            #expect(ProbsimCommand.exitCode(for: error).rawValue == 64, "\(args): \(error)")
            #expect(ProbsimCommand.message(for: error).contains(message), "\(ProbsimCommand.message(for: error))")
        }
    }

    @Test func anUnknownKeyIsRefusedByTheReader() throws {
        let dir = try temp()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(throws: ExitCode(65)) {
            try Probsim.run(["sweep", dir.appendingPathComponent("s.yaml").path, "--quiet", "--vary", "caseload.arivals_per_week=1,2"])
        }
        #expect(!FileManager.default.fileExists(atPath: "output/sweepy-sweep"))
    }
}
