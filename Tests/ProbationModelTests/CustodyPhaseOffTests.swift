import Foundation
import Testing
@testable import ProbationModel

/// `caseload.custody_phase: false` is the model without the custody phase: the smoke scenario
/// with the setting off gives every figure of `Golden/smoke.before-custody.summary.json`, exactly.
/// That file was recorded before the custody phase existed, and re-recorded (with the setting
/// off, `PROBSIM_RECORD_GOLDEN=1`) when the whole job's work (reviews, case administration,
/// MAPPA meetings, termination assessments) was added beside it: only figures added since (the
/// phase split, the custody activities, the custody rule's standard) may be new.
@Suite struct CustodyPhaseOffTests {
    @Test func smokeWithoutTheCustodyPhaseIsAsBefore() throws {
        let path = Repository.root.appendingPathComponent("scenarios/smoke.yaml").path
        var (s, regimes) = try ScenarioReader.load(path: path)
        s.reading.custodyPhase = false
        let runner = Runner(scenario: s, variants: regimes)
        let results = try runner.run(jobs: runner.allJobs, threads: 2)
        let text = Summary(scenario: s, variants: regimes, results: results).json(wallSeconds: nil).text()
        let golden = Repository.root.appendingPathComponent("Tests/ProbationModelTests/Golden/smoke.before-custody.summary.json")
        if ProcessInfo.processInfo.environment["PROBSIM_RECORD_GOLDEN"] == "1" {
            try (text + "\n").write(to: golden, atomically: true, encoding: .utf8)
            return
        }
        let now = try JSONSerialization.jsonObject(with: Data(text.utf8))
        let before = try JSONSerialization.jsonObject(with: Data(contentsOf: Repository.root.appendingPathComponent(
            "Tests/ProbationModelTests/Golden/smoke.before-custody.summary.json")))
        var differences: [String] = []
        var compared = 0
        /// Every leaf of `old` must be in `new` with the same value.
        func compare(_ old: Any, _ new: Any?, _ path: String) {
            if let o = old as? [String: Any] {
                guard let n = new as? [String: Any] else { differences.append("\(path): missing"); return }
                for (k, v) in o { compare(v, n[k], path + "." + k) }
            } else if let o = old as? [Any] {
                guard let n = new as? [Any], n.count == o.count else { differences.append("\(path): list differs"); return }
                for (k, v) in o.enumerated() { compare(v, n[k], path + "[\(k)]") }
            } else {
                compared += 1
                if "\(old)" != "\(new ?? "nil")" { differences.append("\(path): \(old) then, \(new ?? "nil") now") }
            }
        }
        compare(before, now, "")
        #expect(compared > 100)
        #expect(differences.isEmpty, "\(differences.prefix(5))")
    }
}
