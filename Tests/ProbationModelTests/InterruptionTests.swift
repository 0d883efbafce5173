import Foundation
import Testing

/// Ctrl-C during a run: the process stops promptly with exit 130, says what was kept, and the
/// previous results are untouched with no stray files. Runs the built `probsim` binary.
@Suite struct InterruptionTests {
    @Test(.enabled(if: Repository.binary != nil, "the probsim binary is not built"))
    func interruptKeepsPreviousResults() throws {
        let dir = try temporaryFolder("probsim-int")
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try "previous".write(to: out.appendingPathComponent("summary.json"), atomically: true, encoding: .utf8)
        let p = Process()
        p.executableURL = Repository.binary!
        p.arguments = ["run", Repository.root.appendingPathComponent("scenarios/national.yaml").path, "--jobs", "1", "--quiet", "--out", out.path]
        let err = Pipe()
        p.standardError = err
        p.standardOutput = Pipe()
        try p.run()
        Thread.sleep(forTimeInterval: 2)
        let sent = Date()
        p.interrupt()   // SIGINT, as Ctrl-C
        p.waitUntilExit()
        let seconds = Date().timeIntervalSince(sent)
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        print("interrupted run stopped \(seconds) s after SIGINT: \(message)")
        #expect(p.terminationStatus == 130)
        #expect(message.contains("keeps its previous results"))
        #expect(try String(contentsOf: out.appendingPathComponent("summary.json"), encoding: .utf8) == "previous")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["out"])
        #expect(seconds < 60)   // a hang guard, not a speed test: the run checks every 65,536 events
    }
}
