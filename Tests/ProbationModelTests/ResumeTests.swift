import ArgumentParser
import Foundation
import Testing
@testable import ProbationCommands
@testable import ProbationModel

/// `probsim run --resume`: an interrupted run keeps its finished runs beside the output folder and
/// a resume gives the output an uninterrupted run gives; a resume of a different run is refused.
/// Interruptions are made in-process, through the Runner's shouldStop hook, after k finished runs.
@Suite struct ResumeTests {
    /// Two regimes at two staffing levels (four runs a replication), small enough for a debug build.
    static func scenario(replications: Int = 3) -> String {
        ScenarioBuilder(name: "resume").horizon(months: 8).warmup(months: 2).replications(replications).seed(41)
            .regimes("ns2021", "reset2024").staffingLevels(1.0, 0.6)
            .caseload(initial: 90, arrivalsPerWeek: 2)
            .workforce(.po(count: 1), .pso(count: 1))
            .text
    }

    func command(_ args: [String]) throws -> RunCommand {
        guard let c = try ProbsimCommand.parseAsRoot(["run"] + args) as? RunCommand else { throw ValidationError("not a run command") }
        return c
    }

    /// Runs, stopping as at Ctrl-C once `k` runs have finished (nil: never).
    func run(_ args: [String], stopAfter k: Int? = nil) throws {
        try command(args).execute(stopWhen: { finished in k.map { finished >= $0 } ?? false })
    }

    func runFiles(_ url: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).filter { $0.hasPrefix("run-") }.sorted()
    }

    @Test(arguments: [1, 2])
    func resumedRunEqualsUninterrupted(jobs: Int) throws {
        let dir = try temporaryFolder("probsim-resume")
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("s.yaml")
        try ResumeTests.scenario().write(to: file, atomically: true, encoding: .utf8)
        let full = dir.appendingPathComponent("full"), part = dir.appendingPathComponent("part")
        let partial = URL(fileURLWithPath: part.path + ".partial")
        try run([file.path, "--quiet", "--jobs", "\(jobs)", "--out", full.path])
        #expect(throws: ExitCode(130)) { try run([file.path, "--quiet", "--jobs", "\(jobs)", "--out", part.path], stopAfter: 5) }
        #expect(!FileManager.default.fileExists(atPath: part.path))
        let kept = runFiles(partial)
        #expect(kept.count >= 5 && kept.count < 12, "kept \(kept)")
        #expect(FileManager.default.fileExists(atPath: partial.appendingPathComponent("checkpoint.json").path))
        // A second interruption keeps what the first kept and adds to it.
        #expect(throws: ExitCode(130)) { try run([file.path, "--quiet", "--jobs", "\(jobs)", "--out", part.path, "--resume"], stopAfter: 1) }
        #expect(runFiles(partial).count > kept.count)
        try run([file.path, "--quiet", "--jobs", "\(jobs)", "--out", part.path, "--resume"])
        #expect(!FileManager.default.fileExists(atPath: partial.path), "the checkpoint is removed after a complete write")
        #expect(Probsim.stable(try Probsim.read(full, "summary.json")) == Probsim.stable(try Probsim.read(part, "summary.json")))
        for name in ["standards.csv", "hours_weekly.csv", "caseload_weekly.csv", "report.html"] {
            #expect(try Probsim.read(full, name) == Probsim.read(part, name), "\(name) differs after a resume")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["full", "part", "s.yaml"])
    }

    /// A stop asked for once every run has finished writes the output (nothing is left to resume).
    @Test func interruptionAfterTheLastRunWritesTheOutput() throws {
        let dir = try temporaryFolder("probsim-resume")
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("s.yaml")
        try ResumeTests.scenario(replications: 1).write(to: file, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out")
        try run([file.path, "--quiet", "--jobs", "1", "--out", out.path], stopAfter: 4)
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("summary.json").path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["out", "s.yaml"])
    }

    @Test func resumeOfADifferentRunIsRefused() throws {
        let dir = try temporaryFolder("probsim-resume")
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("s.yaml")
        try ResumeTests.scenario().write(to: file, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out")
        let partial = URL(fileURLWithPath: out.path + ".partial")
        let base = [file.path, "--quiet", "--jobs", "1", "--out", out.path]
        // Nothing to resume yet.
        #expect(throws: ExitCode(64)) { try run(base + ["--resume"]) }
        #expect(throws: ExitCode(130)) { try run(base, stopAfter: 2) }
        let kept = runFiles(partial)
        #expect(kept.count == 2)
        // A kept checkpoint is not discarded by a run without --resume.
        #expect(throws: ExitCode(64)) { try run(base) }
        for other in [["--seed", "42"], ["--replications", "4"], ["--regime", "ns2021@100%"], ["--set", "caseload.initial=31"]] {
            #expect(throws: ExitCode(65), "\(other)") { try run(base + other + ["--resume"]) }
        }
        #expect(throws: ExitCode(65)) { try run([file.path, "--quiet", "--out", out.path, "--shard", "1/2", "--resume"]) }
        // Another probsim version kept them.
        let idFile = partial.appendingPathComponent("checkpoint.json")
        let id = try Probsim.read(partial, "checkpoint.json")
        try id.replacingOccurrences(of: "\"\(probsimVersion)\"", with: "\"0.0.1\"").write(to: idFile, atomically: true, encoding: .utf8)
        #expect(throws: ExitCode(65)) { try run(base + ["--resume"]) }
        try id.write(to: idFile, atomically: true, encoding: .utf8)
        // The scenario file changed.
        try (ResumeTests.scenario() + "\n# edited\n").write(to: file, atomically: true, encoding: .utf8)
        #expect(throws: ExitCode(65)) { try run(base + ["--resume"]) }
        #expect(runFiles(partial) == kept, "a refused resume keeps the checkpoint as it was")
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test func identityDifferencesNameWhatDiffers() {
        let a = Checkpoint.Identity(probsimVersion: "1", scenarioFile: "a.yaml", scenarioFileHash: "ab", seed: 1, replications: 2,
                                    regimes: ["x"], shard: nil)
        var b = a
        #expect(Checkpoint.differences(a, b).isEmpty)
        b.seed = 9; b.replications = 3; b.regimes = ["y"]; b.scenarioFileHash = "cd"; b.probsimVersion = "2"; b.overrides = ["caseload.initial=5"]
        let why = Checkpoint.differences(a, b).joined(separator: "; ")
        for needle in ["seed 9, kept runs used seed 1", "3 replications, kept runs are of 2", "regimes y, kept runs are of x",
                       "scenario file a.yaml has changed", "probsim 2, kept runs were made by probsim 1",
                       "--set caseload.initial=5, kept runs used --set none"] {
            #expect(why.contains(needle), "\(why)")
        }
    }

    /// "keeps its previous results" only when the output folder had previous results; the resume command is exact.
    @Test func interruptionMessage() throws {
        let dir = try temporaryFolder("probsim-resume")
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("o u t")
        let c = try command(["s.yaml", "--seed", "3", "--out", out.path, "--quiet"])
        let checkpoint = Checkpoint(destination: out, identity: .init(probsimVersion: "1", scenarioFile: "s.yaml", scenarioFileHash: "0",
                                                                       seed: 3, replications: 1, regimes: ["x"], shard: nil))
        let none = c.interruptionMessage(checkpoint, total: 4, folder: OutputFolder(path: out.path))
        #expect(!none.contains("previous results") && none.contains("none was kept") && !none.contains("--resume"))
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        checkpoint.save(.init(replication: 0, regimeIndex: 0), ReplicationResult(regime: "x", replication: 0))
        let some = c.interruptionMessage(checkpoint, total: 4, folder: OutputFolder(path: out.path))
        #expect(some.contains("1 of 4 runs are kept in \(out.path).partial/") && some.contains("keeps its previous results"))
        #expect(some.contains("probsim run s.yaml --seed 3 --out '\(out.path)' --quiet --resume"), "\(some)")
    }
}
