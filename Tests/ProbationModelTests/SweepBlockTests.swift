import ArgumentParser
import Foundation
import Testing
@testable import ProbationModel
@testable import ProbationRules

/// The scenario's `sweep:` block: the same sweep as `--vary`, replaced by `--vary`, ignored by
/// `run`, and checked when the file is read.
@Suite struct SweepBlockTests {
    static func scenario(_ block: String) -> String {
        SweepTests.scenario + "\n" + block + "\n"
    }

    /// The problems the reader finds in the scenario with `block`.
    func problems(_ block: String) -> [InputProblem] {
        do {
            _ = try ScenarioReader.study(parsing: SweepBlockTests.scenario(block), file: "s.yaml")
            return []
        } catch let e as InputProblems {
            return e.problems
        } catch {
            return [InputProblem(file: "", path: "", message: "\(error)")]
        }
    }

    /// A file without its timing fields.
    func stable(_ text: String) -> String {
        text.replacingOccurrences(of: #""wall_seconds": ?[0-9.eE+-]+"#, with: "", options: .regularExpression)
    }

    @Test func blockSweepIsTheVarySweepByteForByte() throws {
        let dir = try temporaryFolder("probsim-sweep-block")
        defer { try? FileManager.default.removeItem(at: dir) }
        let plain = dir.appendingPathComponent("plain.yaml")
        try SweepTests.scenario.write(to: plain, atomically: true, encoding: .utf8)
        let blocked = dir.appendingPathComponent("plain-block.yaml")
        try SweepBlockTests.scenario("""
            sweep:
              vary:
                workforce.practitioners[0].count: [1, 3]
                caseload.arrivals_per_week: {low: 0.5, high: 1.50, step: 1}
            """).write(to: blocked, atomically: true, encoding: .utf8)
        let fromVary = dir.appendingPathComponent("vary"), fromBlock = dir.appendingPathComponent("block")
        try Probsim.run(["sweep", plain.path, "--quiet", "--jobs", "2", "--out", fromVary.path,
                         "--vary", "workforce.practitioners[0].count=1,3", "--vary", "caseload.arrivals_per_week=0.5:1.50:1"])
        try Probsim.run(["sweep", blocked.path, "--quiet", "--jobs", "1", "--out", fromBlock.path])
        #expect(try Probsim.read(fromVary, "sweep.csv") == Probsim.read(fromBlock, "sweep.csv"))
        #expect(stable(try Probsim.read(fromVary, "sweep.json")) == stable(try Probsim.read(fromBlock, "sweep.json")))
        #expect(try Probsim.read(fromBlock, "sweep.csv").hasPrefix("point,workforce.practitioners[0].count,caseload.arrivals_per_week,"))

        // A --vary on the command line replaces the whole block.
        let replaced = dir.appendingPathComponent("replaced")
        try Probsim.run(["sweep", blocked.path, "--quiet", "--out", replaced.path, "--vary", "caseload.initial=30,50"])
        #expect(try Probsim.read(replaced, "sweep.csv").hasPrefix("point,caseload.initial,regime,"))

        // `run` ignores the block: the same bytes as the file without it.
        try Probsim.run(["run", plain.path, "--quiet", "--out", dir.appendingPathComponent("run-plain").path])
        try Probsim.run(["run", blocked.path, "--quiet", "--out", dir.appendingPathComponent("run-block").path])
        #expect(Probsim.stable(try Probsim.read(dir.appendingPathComponent("run-plain"), "summary.json"))
                == Probsim.stable(try Probsim.read(dir.appendingPathComponent("run-block"), "summary.json")))
    }

    @Test func latinHypercubeFromTheBlock() throws {
        let dir = try temporaryFolder("probsim-sweep-block")
        defer { try? FileManager.default.removeItem(at: dir) }
        let plain = dir.appendingPathComponent("s.yaml")
        try SweepTests.scenario.write(to: plain, atomically: true, encoding: .utf8)
        let blocked = dir.appendingPathComponent("b.yaml")
        try SweepBlockTests.scenario("sweep: {vary: {caseload.arrivals_per_week: {low: 0.5, high: 2}}, design: lhs, points: 3}")
            .write(to: blocked, atomically: true, encoding: .utf8)
        try Probsim.run(["sweep", plain.path, "--quiet", "--replications", "1", "--out", dir.appendingPathComponent("v").path,
                         "--design", "lhs", "--points", "3", "--vary", "caseload.arrivals_per_week=0.5:2"])
        try Probsim.run(["sweep", blocked.path, "--quiet", "--replications", "1", "--out", dir.appendingPathComponent("b").path])
        #expect(try Probsim.read(dir.appendingPathComponent("v"), "sweep.csv") == Probsim.read(dir.appendingPathComponent("b"), "sweep.csv"))
    }

    @Test func noVaryAndNoBlockIsAUsageError() throws {
        let dir = try temporaryFolder("probsim-sweep-block")
        defer { try? FileManager.default.removeItem(at: dir) }
        let plain = dir.appendingPathComponent("s.yaml")
        try SweepTests.scenario.write(to: plain, atomically: true, encoding: .utf8)
        #expect(throws: ValidationError.self) { try Probsim.run(["sweep", plain.path, "--quiet", "--out", dir.appendingPathComponent("o").path]) }
        #expect(throws: (any Error).self) { try Probsim.run(["sweep", plain.path, "--quiet", "--points", "4"]) }
    }

    @Test func badBlocksAreRefusedAtTheirPlace() {
        let cases: [(String, String)] = [
            ("sweep: {vary: {caseload.flags.mappa: 0.3}}", "expected a list of values [V1, V2, ...] or a range {low: L, high: H, step: S}, found '0.3'"),
            ("sweep: {vary: {caseload.flags.mappa: []}}", "found an empty list"),
            ("sweep: {vary: {caseload.flags.mappa: {low: 0.5, high: 0.1, step: 0.1}}}", "the range is empty"),
            ("sweep: {vary: {caseload.flags.mappa: {low: 0.1, high: 0.5}}}", "a grid needs a step"),
            ("sweep: {vary: {caseload.flags.mappa: {low: 0.1}}}", "a range needs 'high'"),
            ("sweep: {vary: {caseload.flags.mappa: {low: 0.1, high: x}}}", "expected a number, found 'x'"),
            ("sweep: {vary: {caseload.flags.mappa: [0.1, 0.2]}, design: lhs, points: 4}", "samples ranges"),
            ("sweep: {vary: {caseload.flags.mappa: {low: 0.1, high: 0.5}}, design: lhs}", "design: lhs needs 'points: N'"),
            ("sweep: {vary: {caseload.flags.mappa: [0.1]}, points: 4}", "'points' is for design: lhs"),
            ("sweep: {vary: {caseload.flags.mappa: [0.1]}, design: cube}", "unknown value 'cube'"),
            ("sweep: {vary: {caseload.flags.mappa: [0.1]}, varry: 1}", "unknown key 'varry'"),
            ("sweep: {design: grid}", "a sweep needs 'vary'"),
            ("sweep: {vary: [caseload.flags.mappa]}", "expected a mapping of scenario key paths"),
            ("sweep: {vary: {'caseload..mappa': [0.1]}}", "sweep.vary"),
        ]
        for (block, message) in cases {
            let found = problems(block)
            #expect(found.contains { $0.message.contains(message) && $0.path.hasPrefix("sweep") && $0.line != nil }, "\(block): \(found)")
        }
        #expect(problems("sweep: {vary: {caseload.flags.mappa: [0.1, 0.2], 'workforce.practitioners[0].count': {low: 1, high: 3, step: 1}}}").isEmpty)
    }

    @Test func validateChecksTheBlocksKeys() throws {
        let dir = try temporaryFolder("probsim-sweep-block")
        defer { try? FileManager.default.removeItem(at: dir) }
        let good = dir.appendingPathComponent("good.yaml")
        try SweepBlockTests.scenario("sweep: {vary: {caseload.arrivals_per_week: [1, 2]}}").write(to: good, atomically: true, encoding: .utf8)
        try Probsim.run(["validate", good.path])
        let bad = dir.appendingPathComponent("bad.yaml")
        try SweepBlockTests.scenario("sweep: {vary: {caseload.arivals_per_week: [1, 2]}}").write(to: bad, atomically: true, encoding: .utf8)
        #expect(throws: ExitCode(65)) { try Probsim.run(["validate", bad.path]) }
        let worse = dir.appendingPathComponent("worse.yaml")
        try SweepBlockTests.scenario("sweep: {vary: {caseload.arrivals_per_week: 2}}").write(to: worse, atomically: true, encoding: .utf8)
        #expect(throws: ExitCode(65)) { try Probsim.run(["validate", worse.path]) }
    }
}
