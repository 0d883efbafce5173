import Foundation
import Testing
@testable import ProbationModel

/// Golden summaries of the small shipped scenarios: any change to the model's numbers shows up
/// here. Re-record after an intended change with `PROBSIM_RECORD_GOLDEN=1 swift test --filter GoldenTests`
/// and explain the change in the commit message.
@Suite struct GoldenTests {
    @Test(arguments: ["smoke", "nsd-cohort"])
    func summaryMatchesGolden(_ name: String) throws {
        let path = Repository.root.appendingPathComponent("scenarios/\(name).yaml").path
        let (s, regimes) = try ScenarioReader.load(path: path)
        let runner = Runner(scenario: s, variants: regimes)
        let results = try runner.run(jobs: runner.allJobs, threads: 2)
        let text = Summary(scenario: s, variants: regimes, results: results).json(wallSeconds: nil).text() + "\n"
        let golden = Repository.root.appendingPathComponent("Tests/ProbationModelTests/Golden/\(name).summary.json")
        if ProcessInfo.processInfo.environment["PROBSIM_RECORD_GOLDEN"] == "1" {
            try text.write(to: golden, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: golden, encoding: .utf8)
        if text != expected {
            let a = text.split(separator: "\n"), b = expected.split(separator: "\n")
            let first = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }
            Issue.record("\(name): summary differs from the golden file at line \((first?.offset ?? min(a.count, b.count)) + 1): got \(first.map { String($0.element.0) } ?? "(length)"), expected \(first.map { String($0.element.1) } ?? "(length)"). Re-record with PROBSIM_RECORD_GOLDEN=1 if the change is intended.")
        }
    }
}
