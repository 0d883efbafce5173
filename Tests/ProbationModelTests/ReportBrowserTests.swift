import Foundation
import Testing
@testable import ProbationModel

/// Renders the smoke report in a real browser (headless Chromium from Debian's packages) when one
/// is installed, and checks the screenshot is not blank: a page of charts compresses far worse
/// than an empty one.
@Suite struct ReportBrowserTests {
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    func screenshot(_ html: URL, _ png: URL) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: ReportBrowserTests.chromium!)
        p.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--screenshot=\(png.path)",
                       "--window-size=1100,2400", html.absoluteString]
        p.standardOutput = Pipe()
        p.standardError = Pipe()
        try p.run()
        p.waitUntilExit()
    }

    @Test(.enabled(if: chromium != nil, "no Chromium installed (apt-get install chromium)"))
    func reportRendersInABrowser() throws {
        let dir = try temporaryFolder("probsim-report")
        defer { try? FileManager.default.removeItem(at: dir) }
        let (s, regimes) = try ScenarioReader.load(path: Repository.root.appendingPathComponent("scenarios/smoke.yaml").path)
        let runner = Runner(scenario: s, variants: regimes)
        let results = try runner.run(jobs: runner.allJobs, threads: 2)
        let summary = Summary(scenario: s, variants: regimes, results: results).summary()
        let report = dir.appendingPathComponent("report.html"), blank = dir.appendingPathComponent("blank.html")
        try Report.html(scenario: s, variants: regimes, summary: summary, results: results).write(to: report, atomically: true, encoding: .utf8)
        try "<!DOCTYPE html><html><body></body></html>".write(to: blank, atomically: true, encoding: .utf8)
        try screenshot(report, dir.appendingPathComponent("report.png"))
        try screenshot(blank, dir.appendingPathComponent("blank.png"))
        let size = { (name: String) in (try? FileManager.default.attributesOfItem(atPath: dir.appendingPathComponent(name).path)[.size] as? Int) ?? 0 }
        print("report screenshot \(size("report.png")) bytes, blank page \(size("blank.png")) bytes")
        #expect(size("blank.png") > 0)
        #expect(size("report.png") > 5 * size("blank.png"))
    }
}
