import Foundation
import Testing
@testable import ProbationModel

/// Rules as data to the edges (issue 16): standards come from the regime file, and no Swift code
/// names a built-in regime, rule or standard.
@Suite struct RulesAsDataTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

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
        let sources = Self.root.appendingPathComponent("Sources")
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
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("probsim-rules-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
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
        let lic = "    - {id: l, type: licence, start: 2025-01-06, custody_months: 48, tier: B2, rosh: medium}"
        let (scenario, regimes, results, summary) = try Sim.run(Sim.exact(regimes: regimePath, cases: lic))
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
        let csv = Tables.standards(scenario, results, regimes: regimes)
        var ids: [Substring] = []
        for line in csv.split(separator: "\n").dropFirst() where !ids.contains(line.split(separator: ",")[4]) { ids.append(line.split(separator: ",")[4]) }
        #expect(ids == ["my-weekly-any", "my-weekly-f2f"])
        #expect(!csv.contains("nsd-") && !csv.contains("enforcement-"))
        // The console lists its standards.
        let console = ConsoleTable.text(summary: summary, regimes: ["mine"], scenario: scenario)
        #expect(console.contains("my-weekly-any") && console.contains("my-weekly-f2f") && console.contains("my-enf-letter"))
        #expect(!console.contains("nsd-") && !console.contains("first-appointment"))
        // The report names them with their texts.
        let report = Report.html(scenario: scenario, regimes: regimes, summary: summary, results: results)
        #expect(report.contains("my-weekly-f2f") && report.contains("A letter within 3 working days of an unacceptable absence."))
        #expect(!report.contains("nsd-weekly"))
    }
}
