import Foundation
import Testing
@testable import ProbationModel
@testable import ProbationRules

/// Feeds thousands of mutated scenario and regime files to the validator (fixed seed): each must
/// end in success or a list of problems (exit 65), never a crash, a hang or another error.
@Suite struct FuzzTests {
    @Test func mutatedScenariosAndRegimes() throws {
        let scenario = try String(contentsOf: Repository.root.appendingPathComponent("scenarios/smoke.yaml"), encoding: .utf8)
            + (try String(contentsOf: Repository.root.appendingPathComponent("scenarios/nsd-cohort.yaml"), encoding: .utf8))
                .components(separatedBy: "\n").filter { $0.hasPrefix("  ") || $0.hasPrefix("behaviour") }.joined(separator: "\n")
        let regime = RegimeLoader.builtInText("reset2024")! + "\n" + RegimeLoader.builtInText("ns2021")!.components(separatedBy: "rules:\n").last!
        var m = Mutator(state: 20251124)
        var outcomes = (valid: 0, invalid: 0)
        for k in 0..<3000 {
            let text = m.mutate(k % 3 == 2 ? regime : scenario)
            let start = Date()
            do {
                if k % 3 == 2 {
                    _ = try RegimeLoader.parse(text, file: "fuzz-\(k).yaml", origin: "fuzz")
                } else {
                    _ = try ScenarioReader.parse(text, file: "fuzz-\(k).yaml")
                }
                outcomes.valid += 1
            } catch let e as InputProblems {
                outcomes.invalid += 1
                if e.problems.isEmpty || e.problems.contains(where: { $0.message.isEmpty }) {
                    Issue.record("mutation \(k) (seed 20251124): a problem without a message")
                }
            } catch {
                Issue.record("mutation \(k) (seed 20251124): unexpected error \(error)")
            }
            let seconds = Date().timeIntervalSince(start)
            if seconds > 5 { Issue.record("mutation \(k) (seed 20251124) took \(seconds) s to validate") }
        }
        print("fuzz (seed 20251124): \(outcomes.valid) valid, \(outcomes.invalid) invalid")
        #expect(outcomes.invalid > 600)
    }
}
