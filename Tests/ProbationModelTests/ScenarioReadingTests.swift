import Foundation
import Testing
@testable import ProbationModel
@testable import ProbationRules

/// How scenario keys are read: a mapping replaces its default whole; empty lists; expectations
/// checked up front; regime files found from the scenario's own folder.
@Suite struct ScenarioReadingTests {
    let minimal = ScenarioBuilder(name: "t").caseload(initial: 10)

    func read(_ yaml: String) throws -> (Scenario, [Variant]) { try ScenarioReader.parse(yaml, file: "t.yaml") }
    func read(_ scenario: ScenarioBuilder) throws -> (Scenario, [Variant]) { try read(scenario.text) }

    func problems(_ yaml: String) -> [InputProblem] {
        do { _ = try read(yaml); return [] } catch let e as InputProblems { return e.problems } catch { return [] }
    }
    func problems(_ scenario: ScenarioBuilder) -> [InputProblem] { problems(scenario.text) }

    /// `rosh_monthly: {}` means no risk changes at all (it used to keep every default transition).
    @Test func emptyRoSHTransitionsMeanNone() throws {
        let s = try read(minimal.roshMonthly([:])).0
        #expect(s.behaviour.roshMonthly.values.allSatisfy { $0.isEmpty })
        let one = try read(minimal.roshMonthly(["low": ["medium": 0.1]])).0
        #expect(one.behaviour.roshMonthly[.medium] == nil && one.behaviour.roshMonthly[.high] == nil)
        #expect(one.behaviour.roshMonthly[.low]?.first?.1 == 0.1)
    }

    @Test func mappingsReplaceTheirDefaultWhole() throws {
        let s = try read(minimal.behaviour("monthly_hazards", ["nsd": 0.01])).0
        #expect(s.behaviour.monthlyHazards[.mappa] == nil && s.behaviour.monthlyHazards[.childProtection] == nil)
        let f = try read(minimal.caseload("flags", ["iom": 0.2])).0
        #expect(f.caseload.flagProbability == [.iom: 0.2])
        #expect(f.caseload.mappaByRoSH.isEmpty)
        let a = try read(minimal.behaviour("attendance", ["A": 0.5, "B": 0.6, "C": 0.7, "D": 0.8])).0
        #expect(a.behaviour.attendance == ["A": 0.5, "B": 0.6, "C": 0.7, "D": 0.8])
    }

    /// A letter table that leaves out a letter the caseload has is refused, not silently defaulted.
    @Test func letterTablesMustCoverTheCaseload() {
        let p = problems(minimal.behaviour("attendance", ["A": 0.5, "B": 0.6]))
        #expect(p.contains { $0.path == "behaviour.attendance" && $0.message.contains("C, D") }, "\(p)")
        let r = problems(minimal.caseload("rosh_by_tier_letter", ["A": ["high": 1]]))
        #expect(r.contains { $0.path == "caseload.rosh_by_tier_letter" && $0.message.contains("B, C, D") }, "\(r)")
        // Tiers of only A and B need only A and B.
        let ok = minimal.caseload("tiers", ["A3": 1, "B2": 1]).behaviour("attendance", ["A": 0.5, "B": 0.6])
        #expect(problems(ok).isEmpty)
    }

    @Test func emptyRequirementsOnALicenceAreValid() throws {
        func yaml(_ requirements: [Requirement]) -> ScenarioBuilder {
            ScenarioBuilder(name: "t").namedCase(id: "x", type: .licence, start: "2025-02-03", custodyMonths: 9, requirements: requirements)
        }
        #expect(problems(yaml([])).isEmpty)
        let bad = yaml([.upw])
        #expect(problems(bad).contains { $0.message.contains("not licences") })
    }

    /// `practitioners: []` would silently mean unlimited capacity: refused; `unlimited: true` says it.
    @Test func emptyWorkforceIsRefused() throws {
        let p = problems(minimal.workforce("practitioners", []))
        #expect(p.contains { $0.path == "workforce.practitioners" && $0.message.contains("unlimited: true") }, "\(p)")
        #expect(try read(minimal.workforce(.unlimited)).0.workforce.isUnlimited)
        #expect(!problems(minimal.workforce(.unlimited).workforce(.po(count: 1))).isEmpty)
    }

    @Test func unknownKeyMessageReadsAsASentence() {
        let p = problems(minimal.raw("workforce: {hours: 3}"))
        #expect(p.first?.message.contains("unknown key 'hours'; expected one of: practitioners") == true, "\(p)")
        let a = problems(minimal.activity("f2f_apointment", 3))
        #expect(a.first?.message.contains("unknown activity 'f2f_apointment' (did you mean 'f2f_appointment'?); the activities are: initial_appointment") == true, "\(a)")
    }

    /// Expectations naming an unknown standard, metric or regime fail `validate`, with the names.
    @Test func expectationsAreCheckedUpFront() throws {
        let base = minimal.regimes("ns1992", "ns2021")
        var p = problems(base.expect(regime: "ns2021", metric: "standards.monthly-f2g.met_rate", min: 0.5))
        #expect(p.contains { $0.path == "expect[0].metric" && $0.message.contains("did you mean 'monthly-f2f'") && $0.message.contains("first-appointment") }, "\(p)")
        p = problems(base.expect(metric: "standards.monthly-f2f.met_rate", min: 0.5))
        #expect(p.contains { $0.message.contains("not scored by ns1992") }, "\(p)")
        p = problems(base.expect(regime: "ns2012", metric: "fte_needed", max: 3))
        #expect(p.contains { $0.path == "expect[0].regime" && $0.message.contains("did you mean 'ns2021'") }, "\(p)")
        p = problems(base.expect(metric: "cases", min: 1))
        #expect(p.contains { $0.message.contains("cases_seen") }, "\(p)")
        p = problems(base.expect(regime: "ns2021", metric: "hours.by_activity.f2f_apointment", min: 1))
        #expect(p.contains { $0.message.contains("did you mean 'f2f_appointment'") }, "\(p)")
        // Staffing variants are regimes an expectation may name.
        let staffed = base.staffingLevels(1, 0.79).workforce(.po(count: 5))
        #expect(problems(staffed.expect(regime: "ns2021@79%", metric: "standards.monthly-f2f.met_rate", min: 0.1)).isEmpty)
        // A regime as written in `regimes` applies to each of its staffing variants.
        let (each, _) = try ScenarioReader.parse(staffed.expect(regime: "ns2021", metric: "fte_needed", max: 100).text, file: "t.yaml")
        #expect(each.expectations.map(\.regime) == ["ns2021@100%", "ns2021@79%"])
    }

    /// A user regime's own standard ids may be expected.
    @Test func userRegimeStandardsMayBeExpected() throws {
        let folder = Repository.root.appendingPathComponent("scenarios").path
        let text = try String(contentsOfFile: folder + "/custom-regime.yaml", encoding: .utf8)
        let (_, variants) = try ScenarioReader.parse(text, file: "custom-regime.yaml", folder: folder)
        let ids = ReplicationModel.standardIDs(of: variants[1].regime)
        let own = ids.first { !ReplicationModel.standardIDs(of: variants[0].regime).contains($0) }
        #expect(own != nil)
        if let own {
            let yaml = text + "\nexpect:\n  - {regime: \(variants[1].name), metric: standards.\(own).met_rate, min: 0}\n"
            #expect(throws: Never.self) { try ScenarioReader.parse(yaml, file: "custom-regime.yaml", folder: folder) }
        }
    }

    /// Regime files are read relative to the scenario's real folder, whatever the current folder.
    @Test func scenarioFolderIsAbsolute() {
        let folder = ScenarioReader.folder(of: "custom-regime.yaml")
        #expect(folder.hasPrefix("/"))
        #expect(folder == FileManager.default.currentDirectoryPath || folder == URL(fileURLWithPath: FileManager.default.currentDirectoryPath).resolvingSymlinksInPath().path)
    }
}
