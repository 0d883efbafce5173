import ArgumentParser
import Foundation
import Testing
@testable import ProbationCommands
@testable import ProbationModel

/// `probsim sensitivity`: one-at-a-time swings on common random numbers, largest first.
@Suite struct SensitivityTests {
    static let scenario = """
    name: sens
    start: 2025-01-06
    horizon: {months: 3}
    warmup: {months: 1}
    replications: 3
    seed: 4
    regimes: [ns2021]
    caseload: {initial: 40, arrivals_per_week: 2}
    workforce:
      practitioners:
        - {grade: PO, count: 2}
        - {grade: PSO, count: 1}
    """

    func temp() throws -> URL {
        let dir = try temporaryFolder("probsim-sens")
        try SensitivityTests.scenario.write(to: dir.appendingPathComponent("s.yaml"), atomically: true, encoding: .utf8)
        return dir
    }

    @Test func swingsAreRankedAndTheBaseIsAPlainRun() throws {
        let dir = try temp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("s.yaml").path
        let out = dir.appendingPathComponent("o")
        // Arrivals from 0 to 6 a week move the hours far more than one more PSO does.
        try Probsim.run(["sensitivity", file, "--quiet", "--out", out.path, "--metric", "hours.total_per_week",
                 "--vary", "workforce.practitioners[1].count=1:2", "--vary", "caseload.arrivals_per_week=0:6"])
        let data = try Data(contentsOf: out.appendingPathComponent("sensitivity.json"))
        let json = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        let metric = ((json["regimes"] as! [String: Any])["ns2021"] as! [String: Any])["hours.total_per_week"] as! [String: Any]
        let swings = metric["swings"] as! [[String: Any]]
        #expect(swings.map { $0["key"] as? String } == ["caseload.arrivals_per_week", "workforce.practitioners[1].count"])
        let arrivals = (swings[0]["swing"] as! [String: Any])["ci95"] as! [Double]
        #expect(arrivals[0] > 0, "more arrivals, more hours: \(arrivals)")
        // The base is the scenario as given, run on its own.
        let (s, variants) = try ScenarioReader.load(path: file)
        let runner = Runner(scenario: s, variants: variants)
        let summary = Summary(scenario: s, variants: variants, results: try runner.run(jobs: runner.allJobs, threads: 1)).json(wallSeconds: nil)
        let plain = summary["regimes"]?["ns2021"]?.at(path: "hours.total_per_week")?["mean"]?.doubleValue ?? .nan
        #expect(abs((metric["base"] as! [String: Any])["mean"] as! Double - plain) < 1e-3)
        let csv = try String(contentsOf: out.appendingPathComponent("sensitivity.csv"), encoding: .utf8)
        let lines = csv.split(separator: "\n")
        #expect(lines.first == "key,level,key_value,regime,replication,metric,value")
        #expect(lines.count == 1 + 5 * 3)
        #expect(try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8).contains("<svg"))
    }

    @Test(arguments: [
        (["--vary", "caseload.initial=10:20"], "at least one --metric"),
        (["--metric", "fte_needed"], "at least one --vary"),
        (["--metric", "fte_neded", "--vary", "caseload.initial=10:20"], "did you mean 'fte_needed'"),
        (["--metric", "fte_needed", "--vary", "caseload.initial=10:10"], "LOW and HIGH are equal"),
        (["--metric", "fte_needed", "--vary", "caseload.initial=10,20,30"], "give two values"),
    ])
    func badInputIsAUsageError(_ args: [String], _ message: String) throws {
        let dir = try temp()
        defer { try? FileManager.default.removeItem(at: dir) }
        do {
            try Probsim.run(["sensitivity", dir.appendingPathComponent("s.yaml").path, "--quiet", "--out", dir.appendingPathComponent("o").path] + args)
            Issue.record("expected a usage error for \(args)")
        } catch {
            #expect(ProbsimCommand.exitCode(for: error).rawValue == 64, "\(args): \(error)")
            #expect(ProbsimCommand.message(for: error).contains(message), "\(ProbsimCommand.message(for: error))")
        }
    }
}
