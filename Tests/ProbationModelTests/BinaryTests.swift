import Foundation
import Testing
@testable import ProbationModel

/// The built binary, run as a user would, from another folder.
@Suite struct BinaryTests {
    func run(_ args: [String], in folder: URL) throws -> (status: Int32, out: String, err: String) {
        let p = Process()
        p.executableURL = Repository.binary!
        p.arguments = args
        p.currentDirectoryURL = folder
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    /// `cd scenarios && probsim validate custom-regime.yaml` finds `regimes/...` beside the scenario.
    @Test(.enabled(if: Repository.binary != nil, "the probsim binary is not built"))
    func regimePathFromTheScenariosFolder() throws {
        let r = try run(["validate", "custom-regime.yaml"], in: Repository.root.appendingPathComponent("scenarios"))
        #expect(r.status == 0, "\(r.err)")
    }

    /// `--check --quiet` with a failing expectation prints the failure on standard error and exits 1.
    @Test(.enabled(if: Repository.binary != nil, "the probsim binary is not built"))
    func quietCheckStillSaysWhatFailed() throws {
        let dir = try temporaryFolder("probsim-quiet")
        defer { try? FileManager.default.removeItem(at: dir) }
        try ScenarioBuilder(name: "q").horizon(months: 2).caseload(initial: 5)
            .expect(metric: "hours.total_per_week", max: 0).expect(metric: "hours.total_per_week", min: 0).text
            .write(to: dir.appendingPathComponent("q.yaml"), atomically: true, encoding: .utf8)
        let r = try run(["run", "q.yaml", "--check", "--quiet", "--out", "o"], in: dir)
        #expect(r.status == 1)
        #expect(r.out.isEmpty)
        #expect(r.err.contains("FAIL") && r.err.contains("1 expectation failed") && !r.err.contains("PASS"), "\(r.err)")
    }
}
