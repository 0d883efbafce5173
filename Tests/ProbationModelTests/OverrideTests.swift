import ArgumentParser
import Foundation
import Testing
@testable import ProbationCommands
@testable import ProbationModel
@testable import ProbationRules

/// `--set KEY=VALUE`: the parsed tree is edited before the reader reads it, so a value from the
/// command line is checked exactly like the file's, and its problems name the option.
@Suite struct OverrideTests {
    /// Its `caseload.initial` is on line 8.
    static let base = ScenarioBuilder(name: "overrides").horizon(months: 3).replications(2).seed(7).regimes("ns2021")
        .caseload(initial: 30).caseload("flags", ["mappa": 0.1])
        .workforce(.po(count: 2), .pso(count: 1))
    static let scenario = base.text

    func parse(_ sets: [String]) throws -> (Scenario, [Variant]) {
        try ScenarioReader.parse(OverrideTests.scenario, file: "o.yaml", overrides: sets.map { try Override(parsing: $0) })
    }

    /// The problems a set of overrides gets (empty if the scenario reads).
    func problems(_ sets: [String]) throws -> [InputProblem] {
        do { _ = try parse(sets); return [] } catch let e as InputProblems { return e.problems }
    }

    @Test func nestedKeysListItemsAndTopLevelKeysAreSet() throws {
        let (s, variants) = try parse(["caseload.flags.mappa=0.3", "workforce.practitioners[1].count=4", "replications=3",
                                       "regimes=[ns2021, reset2024]", "caseload.arrivals_per_week=2"])
        #expect(s.caseload.mappaByRoSH[.low] == 0.3)
        #expect(s.workforce.practitioners.map(\.count) == [2, 4])
        #expect(s.replications == 3)
        #expect(s.caseload.arrivalsPerWeek == 2)
        #expect(variants.map(\.name) == ["ns2021", "reset2024"])
    }

    @Test func anOverrideOfTheSameValueChangesNothing() throws {
        let (a, _) = try parse([])
        let (b, _) = try parse(["workforce.practitioners[0].count=2", "seed=7"])
        #expect(a.workforce.practitioners.map(\.count) == b.workforce.practitioners.map(\.count))
        #expect(a.seed == b.seed)
    }

    @Test func anUnknownKeyGetsDidYouMeanAndTheKeysAllowedThere() throws {
        let p = try problems(["caseload.flgs.mappa=0.3"])
        #expect(p.count == 1)
        #expect(p.first?.file == "--set caseload.flgs.mappa=0.3")
        #expect(p.first?.path == "caseload.flgs")
        #expect(p.first?.line == nil)
        #expect(p.first?.message.contains("did you mean 'flags'?") == true)
        #expect(p.first?.message.contains("expected one of: initial, arrivals_per_week") == true)
        let top = try problems(["replicatons=3"])
        #expect(top.first?.message.contains("did you mean 'replications'?") == true)
        let item = try problems(["workforce.practitioners[0].cont=3"])
        #expect(item.first?.path == "workforce.practitioners[0].cont")
        #expect(item.first?.message.contains("did you mean 'count'?") == true)
    }

    @Test func aValueOfTheWrongTypeGetsTheReadersOwnMessage() throws {
        let p = try problems(["workforce.practitioners[0].count=many"])
        #expect(p.map(\.description) == ["--set workforce.practitioners[0].count=many: workforce.practitioners[0].count: expected a whole number, found 'many'"])
        let range = try problems(["caseload.flags.mappa=3"])
        #expect(range.first?.message == "expected a number from 0.0 to 1.0, found 3")
    }

    @Test func pathsThatCannotBeFollowedSayWhatWasFound() throws {
        let missing = try problems(["workforce.practitioners[5].count=1"])
        #expect(missing.first?.path == "workforce.practitioners")
        #expect(missing.first?.message.contains("a list of 2 items ([0] to [1]); there is no item [5]") == true)
        let scalar = try problems(["replications.x=1"])
        #expect(scalar.first?.message.contains("found the value '2' where the key path needs a mapping") == true)
        let absentList = try problems(["behaviour.attendance[1]=1"])
        #expect(absentList.first?.message.contains("not in the file") == true)
        let misspeltList = try problems(["workforce.practitioner[0].count=1"])
        #expect(misspeltList.first?.path == "workforce.practitioner")
        #expect(misspeltList.first?.message.contains("did you mean 'practitioners'?") == true)
    }

    @Test func problemsOfTheFileKeepTheirLine() throws {
        let bad = OverrideTests.base.caseload("initial", "lots").text
        do {
            _ = try ScenarioReader.parse(bad, file: "o.yaml", overrides: [try Override(parsing: "seed=3")])
            Issue.record("expected a problem")
        } catch let e as InputProblems {
            #expect(e.problems.allSatisfy { $0.file == "o.yaml" })
            #expect(e.problems.first?.line == 8)
        }
    }

    @Test(arguments: ["replications", "=3", "a..b=1", "a[x]=1", "a[0=1", "x=[1,"])
    func malformedOverridesAreUsageErrors(_ text: String) {
        #expect(throws: OverrideSyntaxError.self) { try Override(parsing: text) }
        do {
            _ = try ProbsimCommand.parseAsRoot(["validate", "s.yaml", "--set", text])
            Issue.record("expected a usage error")
        } catch {
            #expect(ProbsimCommand.exitCode(for: error).rawValue == 64)
        }
    }

    @Test func keyPathsParseIntoSteps() throws {
        let o = try Override(parsing: "workforce.practitioners[0].count=45")
        #expect(o.steps == [.key("workforce"), .key("practitioners"), .index(0), .key("count")])
        #expect(o.value == "45")
        #expect(try Override(parsing: "description=a=b").value == "a=b")
    }

    @Test func runRecordsTheOverridesAndValidateRefusesABadOne() throws {
        let dir = try temporaryFolder("probsim-set")
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("s.yaml")
        try OverrideTests.scenario.write(to: file, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("o")
        var run = try ProbsimCommand.parseAsRoot(["run", file.path, "--quiet", "--out", out.path,
                                                  "--set", "replications=1", "--set", "workforce.practitioners[0].count=3"])
        try run.run()
        let info = try String(contentsOf: out.appendingPathComponent("run.json"), encoding: .utf8)
        #expect(info.contains("\"overrides\": [\n    \"replications=1\",\n    \"workforce.practitioners[0].count=3\"\n  ]"))
        let summary = try String(contentsOf: out.appendingPathComponent("summary.json"), encoding: .utf8)
        #expect(summary.contains("\"replications\": 1"))
        let object = try JSONSerialization.jsonObject(with: Data(summary.utf8)) as? [String: Any]
        let variant = (object?["regimes"] as? [String: Any])?.values.first as? [String: Any]
        #expect((variant?["fte_in_post"] as? [String: Any])?["mean"] as? Double == 4)
        var validate = try ProbsimCommand.parseAsRoot(["validate", file.path, "--set", "caseload.flags.mappa=2"])
        #expect(throws: ExitCode(65)) { try validate.run() }
    }
}
