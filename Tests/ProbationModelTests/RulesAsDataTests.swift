import Foundation
import Testing
@testable import ProbationModel
@testable import ProbationRules

/// Rules as data to the edges (issue 16): standards come from the regime file, and no Swift code
/// names a built-in regime, rule or standard.
@Suite struct RulesAsDataTests {
    /// Every built-in regime name, rule id and standard id, searched for as a whole word in the
    /// code (comments aside) of every Swift file under Sources/.
    @Test func noSwiftCodeNamesABuiltInRegimeRuleOrStandard() throws {
        var names = Set<String>()
        for name in RegimeLoader.builtInNames {
            let regime = try RegimeLoader.load(name)
            names.insert(name)
            for rule in regime.rules { names.insert(rule.id) }
            for st in regime.standards { names.insert(st.id) }
        }
        #expect(names.count > 20)
        let sources = Repository.root.appendingPathComponent("Sources")
        let files = FileManager.default.enumerator(atPath: sources.path)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") } ?? []
        #expect(files.count > 50)
        let wordChars = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-_"))
        var found: [String] = []
        for file in files {
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let code = line.range(of: "//").map { String(line[..<$0.lowerBound]) } ?? String(line)
                for name in names {
                    var search = code.startIndex..<code.endIndex
                    while let r = code.range(of: name, range: search) {
                        let before = r.lowerBound == code.startIndex ? nil : code[code.index(before: r.lowerBound)].unicodeScalars.first
                        let after = r.upperBound == code.endIndex ? nil : code[r.upperBound].unicodeScalars.first
                        if !(before.map(wordChars.contains) ?? false) && !(after.map(wordChars.contains) ?? false) {
                            found.append("\(file):\(n + 1): \(name)")
                        }
                        search = r.upperBound..<code.endIndex
                    }
                }
            }
        }
        #expect(found.isEmpty, "\(found)")
    }

    /// A user regime with its own weekly rule (renamed parts) and its own enforcement rule shows
    /// exactly its own standards, ids and texts, in rule order, in summary.json, standards.csv,
    /// the console and the report.
    @Test func userStandardsReachEveryOutput() throws {
        let folder = try temporaryFolder("probsim-rules")
        defer { try? FileManager.default.removeItem(at: folder) }
        let regimePath = folder.appendingPathComponent("mine.yaml").path
        try """
        name: mine
        rules:
          - id: weekly-contact
            applies: {phases: [licence]}
            weekly: {contacts: 1, f2f: 1, weeks: 4}
            standards: {f2f: my-weekly-f2f, contacts: my-weekly-any}
            text: One face-to-face contact a week for four weeks after release.
          - id: my-enforcement
            standard: my-enf
            applies: {phases: [licence]}
            enforcement: {letter_working_days: 3}
            text: A letter within 3 working days of an unacceptable absence.
        """.write(toFile: regimePath, atomically: true, encoding: .utf8)
        let lic = NamedCase(id: "l", type: .licence, start: "2025-01-06", custodyMonths: 48, tier: "B2", rosh: .medium)
        let (scenario, regimes, results, summary) = try Sim.run(.exact(regimes: regimePath, cases: [lic]))
        // summary.json: exactly the regime's standards, in rule order, with their texts.
        guard case .object(let pairs)? = summary["regimes"]?["mine"]?["standards"] else {
            Issue.record("no standards object")
            return
        }
        #expect(pairs.map(\.0) == ["my-weekly-any", "my-weekly-f2f", "my-enf-letter"])
        #expect(pairs.first?.1["text"] == .string("One face-to-face contact a week for four weeks after release."))
        #expect(Sim.mean(summary, "mine", "standards.my-weekly-f2f.met") == 4)
        #expect(Sim.mean(summary, "mine", "standards.my-enf-letter.due") == 0)
        // standards.csv: the weekly ids in rule order, no built-in id.
        let csv = Tables.standards(scenario, results, variants: regimes)
        var ids: [Substring] = []
        for line in csv.split(separator: "\n").dropFirst() where !ids.contains(line.split(separator: ",")[4]) { ids.append(line.split(separator: ",")[4]) }
        #expect(ids == ["my-weekly-any", "my-weekly-f2f"])
        #expect(!csv.contains("nsd-") && !csv.contains("enforcement-"))
        // The console lists its standards.
        let typed = Summary(scenario: scenario, variants: regimes, results: results).summary()
        let console = ConsoleTable.text(summary: typed, variants: regimes, scenario: scenario)
        #expect(console.contains("my-weekly-any") && console.contains("my-weekly-f2f") && console.contains("my-enf-letter"))
        #expect(!console.contains("nsd-") && !console.contains("first-appointment"))
        // The report names them with their texts.
        let report = Report.html(scenario: scenario, variants: regimes, summary: typed, results: results)
        #expect(report.contains("my-weekly-f2f") && report.contains("A letter within 3 working days of an unacceptable absence."))
        #expect(!report.contains("nsd-weekly"))
    }

    /// Reset's re-suspension is a field of the suspension rule (as well as the scenario option).
    @Test func resuspensionIsASuspensionRuleField() throws {
        let folder = try temporaryFolder("probsim-resuspend")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("resuspend.yaml").path
        try """
        name: resuspend
        extends: reset2024
        rules:
          - id: reset-final-third
            role: planning
            applies: {phases: [community_order, suspended_sentence_order], requirements_any: [rar]}
            suspension: {from_fraction: 2/3, exempt: [mappa, nsd, very_high_rosh, child_protection, isc], reinstate: true, resuspend_when_exemption_lapses: true}
        """.write(toFile: path, atomically: true, encoding: .utf8)
        // A 12-month CO with RAR from 1 Jan 2025 whose RoSH moves every month: medium → high → very high → high → ...
        // (very high in Mar, May, Jul, Sep, Nov). Suspension from floor(2/3 × 365) = day 243, 1 Sep.
        // Reinstated on 1 Sep (very high while suspended): kept reinstated, Jan-Dec = 12 F2F. Suspended again on
        // 1 Oct (high), reinstated 1 Nov, suspended again 1 Dec: Jan-Sep + Nov = 10 F2F.
        let co = NamedCase(id: "co", type: .communityOrder, start: "2025-01-01", months: 12, requirements: [.rar], tier: "B2", rosh: .medium)
        func text(_ regime: String) -> ScenarioBuilder {
            ScenarioBuilder.exact(regimes: regime, cases: [co])
                .roshMonthly(["low": [:], "medium": ["high": 1], "high": ["very_high": 1], "very_high": ["high": 1]])
        }
        #expect(Sim.mean(try Sim.run(text("reset2024")).3, "reset2024", "contacts.f2f") == 12)
        #expect(Sim.mean(try Sim.run(text(path)).3, "resuspend", "contacts.f2f") == 10)
        let option = text("reset2024").reading("resuspend_when_exemption_lapses", true)
        #expect(Sim.mean(try Sim.run(option).3, "reset2024", "contacts.f2f") == 10)
    }

    /// Every example in docs/regime-format.md is a valid regime, and together they show all ten rule kinds.
    @Test func documentedExamplesLoad() throws {
        let doc = try String(contentsOf: Repository.root.appendingPathComponent("docs/regime-format.md"), encoding: .utf8)
        let blocks = doc.components(separatedBy: "```yaml\n").dropFirst().map { $0.components(separatedBy: "```")[0] }
        var kinds = Set<String>()
        for (k, block) in blocks.enumerated() {
            let regime = try RegimeLoader.parse("name: example\(k)\n" + block, file: "docs/regime-format.md", origin: "example\(k)")
            for rule in regime.rules { kinds.insert(String("\(rule.requirement)".prefix { $0 != "(" })) }
        }
        #expect(blocks.count == 10)
        #expect(kinds.count == RuleReader.requirementKeys.count)
    }
}
