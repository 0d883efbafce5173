import ArgumentParser
import Foundation
import Testing
@testable import ProbationCommands
@testable import ProbationModel
@testable import ProbationRules

/// One test per kind of bad input: the message says where, what was found and what was expected.
@Suite struct ScenarioValidationTests {
    func problems(_ yaml: String) -> [InputProblem] {
        do {
            _ = try ScenarioReader.parse(yaml, file: "bad.yaml")
            return []
        } catch let e as InputProblems {
            return e.problems
        } catch {
            Issue.record("unexpected error \(error)")
            return []
        }
    }

    func problems(_ scenario: ScenarioBuilder) -> [InputProblem] { problems(scenario.text) }

    /// Three lines: name, start, `caseload: {initial: 10}`.
    let minimal = ScenarioBuilder(name: "t").caseload(initial: 10)

    @Test func minimalIsValid() { #expect(problems(minimal).isEmpty) }

    @Test func misspeltKeyGetsDidYouMean() {
        let p = problems(minimal.raw("replicatons: 3"))
        #expect(p.count == 1)
        #expect(p.first?.line == 4)
        #expect(p.first?.path == "replicatons")
        #expect(p.first?.message.contains("did you mean 'replications'") == true)
    }

    @Test func nestedPathAndRange() {
        let yaml = minimal.caseload("sentences", ["licence": ["weight": 1, "custody_months": ["lognormal": ["median": 20, "sigma": -1]]]])
        let p = problems(yaml)
        #expect(p.contains { $0.path == "caseload.sentences.licence.custody_months" && $0.message.contains("sigma") })
    }

    @Test func probabilityOutOfRange() {
        let p = problems(minimal.acceptableAbsence(1.5))
        #expect(p.contains { $0.path == "behaviour.acceptable_absence" && $0.message.contains("from 0.0 to 1.0") && $0.message.contains("1.5") })
    }

    @Test func dateThatDoesNotExist() {
        let p = problems(minimal.start("2025-02-30"))
        #expect(p.contains { $0.path == "start" && $0.message.contains("2025-02-30") })
    }

    @Test func licenceNeedsCustodialLength() {
        // The case list indented under `caseload: {initial: 10}`; then a licence case on line 5.
        let p = problems(minimal.raw("  cases:\n    - {id: x, type: licence, start: 2025-01-01}"))
        let q = problems(ScenarioBuilder(name: "t").namedCase(id: "x", type: .licence, start: "2025-01-01"))
        #expect(!p.isEmpty)
        #expect(q.contains { $0.message.contains("custody_months") && $0.line == 5 })
    }

    @Test func warmupShorterThanHorizon() {
        let p = problems(minimal.horizon(months: 6).warmup(months: 6))
        #expect(p.contains { $0.path == "warmup" && $0.message.contains("shorter than the horizon") })
    }

    @Test func unknownRegimeAndTier() {
        let p = problems(minimal.regimes("ns2012"))
        #expect(p.contains { $0.path == "regimes[0]" && $0.message.contains("Did you mean") })
        let q = problems(ScenarioBuilder(name: "t").namedCase(id: "x", type: .communityOrder, start: "2025-01-01", tier: "E2"))
        #expect(q.contains { $0.message.contains("unknown tier 'E2'") })
    }

    @Test func weightsAllZero() {
        let p = problems(minimal.caseload("sentences", ["community_order": ["weight": 0, "months": 12]]))
        #expect(p.contains { $0.message.contains("all zero") })
    }

    @Test func hostileFilesAreRefused() {
        var bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n"
        for k in 1...40 { bomb += "b\(k): &b\(k) [*a, *a, *a, *a, *a, *a, *a, *a]\n" }
        #expect(problems(bomb).first?.message.contains("aliases") == true)
        #expect(problems(minimal.raw("name: u")).contains { $0.message.contains("duplicate key") })
        #expect(!problems(String(repeating: "[", count: 5000)).isEmpty)
        let deep = "a: " + String(repeating: "[", count: 50_000) + String(repeating: "]", count: 50_000)
        #expect(problems(deep).first?.message.contains("levels deep") == true)
        var indented = "a:\n"
        for k in 1...200 { indented += String(repeating: "  ", count: k) + "k:\n" }
        #expect(problems(indented).first?.message.contains("levels deep") == true)
        #expect(!problems("\u{1}\u{2}\u{3}binary").isEmpty)
        #expect(problems(String(repeating: "x: 1\n", count: 1_000_000)).first?.message.contains("4 MB") == true)
    }

    @Test func expectationsNameKnownMetrics() {
        let p = problems(minimal.expect(metric: "hours.per_week", max: 3))
        #expect(p.contains { $0.path == "expect[0].metric" && $0.message.contains("unknown metric") })
    }

    /// The command exits 65 on an invalid file and writes no output folder.
    @Test func validateAndRunExit65() throws {
        let dir = try temporaryFolder("probsim-bad")
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("bad.yaml").path
        try minimal.raw("replicatons: 3").text.write(toFile: file, atomically: true, encoding: .utf8)
        for args in [["validate", file], ["run", file, "--quiet", "--out", dir.appendingPathComponent("out").path]] {
            var command = try ProbsimCommand.parseAsRoot(args)
            #expect(throws: ExitCode(65)) { try command.run() }
        }
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out").path))
    }

    /// Every shipped scenario validates.
    @Test func shippedScenariosValidate() throws {
        let folder = Repository.root.appendingPathComponent("scenarios")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(files.contains("smoke.yaml"))
        for f in files {
            do { _ = try ScenarioReader.load(path: folder.appendingPathComponent(f).path) } catch {
                Issue.record("\(f): \(error)")
            }
        }
    }
}
