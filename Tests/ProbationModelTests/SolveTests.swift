import ArgumentParser
import Foundation
import Testing
import SimulationCore
@testable import ProbationCommands
@testable import ProbationModel
@testable import ProbationRules

/// `probsim solve` on a small team: the answer's own run meets the target and one PO fewer does
/// not, at the interval and replications it reports.
@Suite struct SolveTests {
    static let scenario = """
    name: solvy
    start: 2025-01-06
    horizon: {months: 3}
    warmup: {months: 1}
    replications: 2
    seed: 11
    regimes: [ns2021]
    caseload: {initial: 60, arrivals_per_week: 1, custody_phase: false}
    workforce:
      practitioners:
        - {grade: PO, count: 1}
        - {grade: PSO, count: 1}
    """

    func temp() throws -> URL {
        let dir = try temporaryFolder("probsim-solve")
        try SolveTests.scenario.write(to: dir.appendingPathComponent("s.yaml"), atomically: true, encoding: .utf8)
        return dir
    }

    /// WMT capacity % of the scenario run on its own with `count` POs, over `replications`.
    func capacity(_ file: String, count: Int, replications: Int) throws -> (mean: Double, low: Double, high: Double) {
        let (s, variants) = try ScenarioReader.load(path: file, overrides: [try Override(parsing: "workforce.practitioners[0].count=\(count)")])
        let runner = Runner(scenario: s, variants: variants)
        let results = try runner.run(jobs: (0..<replications).map { Runner.Job(replication: $0, regimeIndex: 0) }, threads: 2)
        let summary = Summary(scenario: s, variants: variants, results: results)
        return StudentT.meanAndInterval(results.map { summary.measures($0)["wmt_capacity_percent"]! })
    }

    @Test func theAnswerMeetsTheTargetAndOneFewerDoesNot() throws {
        let dir = try temp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("s.yaml").path
        let out = dir.appendingPathComponent("solve")
        try Probsim.run(["solve", file, "--quiet", "--target", "wmt_capacity_percent<=100", "--vary", "workforce.practitioners[0].count",
                 "--low", "1", "--high", "8", "--out", out.path])
        let data = try Data(contentsOf: out.appendingPathComponent("solve.json"))
        let json = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        #expect(json["outcome"] as? String == "found")
        let value = try #require(json["value"] as? Int)
        let answer = try #require(json["answer"] as? [String: Any])
        let neighbour = try #require(json["neighbour"] as? [String: Any])
        #expect(neighbour["value"] as? Int == value - 1)
        let n = try #require(answer["replications"] as? Int)
        let own = try capacity(file, count: value, replications: n)
        #expect(own.high <= 100, "\(value) POs: \(own)")
        let m = try #require(neighbour["replications"] as? Int)
        let fewer = try capacity(file, count: value - 1, replications: m)
        #expect(fewer.mean > 100, "\(value - 1) POs: \(fewer)")
        // The figures written are those of the runs made on their own (common random numbers).
        let ci = try #require(answer["ci95"] as? [Double])
        #expect(abs(ci[1] - own.high) < 1e-3)
        #expect(abs((neighbour["mean"] as? Double ?? 0) - fewer.mean) < 1e-3)
        let csv = try String(contentsOf: out.appendingPathComponent("solve.csv"), encoding: .utf8)
        #expect(csv.hasPrefix("value,mean,ci95_low,ci95_high,replications,verdict,order_tried\n"))
        #expect(csv.contains("\n\(value),"))
        #expect(try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8).contains("The curve walked"))
    }

    @Test func aTargetMetNowhereIsExitOneWithTheFolderWritten() throws {
        let dir = try temp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("solve")
        #expect(throws: ExitCode(1)) {
            try Probsim.run(["solve", dir.appendingPathComponent("s.yaml").path, "--quiet", "--target", "wmt_capacity_percent<=1",
                     "--vary", "workforce.practitioners[0].count", "--low", "1", "--high", "3", "--out", out.path])
        }
        let json = try String(contentsOf: out.appendingPathComponent("solve.json"), encoding: .utf8)
        #expect(json.contains("\"outcome\": \"not_met\""))
        #expect(json.contains("\"value\": null"))
    }

    @Test(arguments: [
        (["--target", "wmt_capacity_percent<=100", "--vary", "workforce.practitioners[0].count", "--low", "5", "--high", "5"], "the range is empty"),
        (["--target", "wmt_capacty_percent>=1", "--vary", "workforce.practitioners[0].count"], "did you mean 'wmt_capacity_percent'"),
        (["--target", "wmt_capacity_percent=1", "--vary", "workforce.practitioners[0].count"], "expected METRIC>=X"),
        (["--target", "wmt_capacity_percent<=1", "--vary", "caseload.flags.mappa"], "give --low and --high"),
        (["--target", "wmt_capacity_percent<=1", "--vary", "a..b"], "an empty name"),
    ])
    func badInputIsAUsageError(_ args: [String], _ message: String) throws {
        let dir = try temp()
        defer { try? FileManager.default.removeItem(at: dir) }
        do {
            try Probsim.run(["solve", dir.appendingPathComponent("s.yaml").path, "--quiet", "--out", dir.appendingPathComponent("o").path] + args)
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
            try Probsim.run(["solve", dir.appendingPathComponent("s.yaml").path, "--quiet", "--target", "wmt_capacity_percent<=100",
                     "--vary", "workforce.practitioner[0].count", "--low", "1", "--high", "3"])
        }
    }
}
