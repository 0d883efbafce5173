import Foundation
import Testing
@testable import ProbationModel

/// Feeds thousands of mutated scenario and regime files to the validator (fixed seed): each must
/// end in success or a list of problems (exit 65), never a crash, a hang or another error.
@Suite struct FuzzTests {
    /// SplitMix64: the test's own seeded generator for choosing mutations.
    struct Mutator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9e37_79b9_7f4a_7c15
            var z = state
            z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
            z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(1, n))) }

        static let extremes = ["1e308", "-1", "0", "99999999999999999999", "nan", ".inf", "-.inf", "2/0", "0x10", "''", "~", "[]", "{}", "1e-320", "-0"]

        mutating func mutate(_ text: String) -> String {
            var lines = text.components(separatedBy: "\n")
            for _ in 0...below(3) {
                guard !lines.isEmpty else { break }
                let i = below(lines.count)
                switch below(7) {
                case 0: lines.remove(at: i)
                case 1:
                    let j = below(lines.count)
                    let a = lines[i].split(separator: ":", maxSplits: 1), b = lines[j].split(separator: ":", maxSplits: 1)
                    if a.count == 2 && b.count == 2 { lines[i] = "\(a[0]):\(b[1])"; lines[j] = "\(b[0]):\(a[1])" }
                case 2: lines[i] = String(repeating: " ", count: below(7)) + lines[i].trimmingCharacters(in: .whitespaces)
                case 3:
                    let bytes = (0..<(1 + below(12))).map { _ in Character(Unicode.Scalar(UInt8(below(256)))) }
                    var l = lines[i]
                    l.insert(contentsOf: bytes, at: l.index(l.startIndex, offsetBy: below(l.count + 1)))
                    lines[i] = l
                case 4:
                    if let r = lines[i].range(of: #"-?[0-9]+(\.[0-9]+)?"#, options: .regularExpression) {
                        lines[i].replaceSubrange(r, with: Mutator.extremes[below(Mutator.extremes.count)])
                    }
                case 5: lines.insert(lines[i], at: i)
                default:
                    if let c = lines[i].indices.randomElementSeeded(&self) { lines[i].remove(at: c) }
                }
            }
            return lines.joined(separator: "\n")
        }
    }

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func mutatedScenariosAndRegimes() throws {
        let scenario = try String(contentsOf: FuzzTests.root.appendingPathComponent("scenarios/smoke.yaml"), encoding: .utf8)
            + (try String(contentsOf: FuzzTests.root.appendingPathComponent("scenarios/nsd-cohort.yaml"), encoding: .utf8))
                .components(separatedBy: "\n").filter { $0.hasPrefix("  ") || $0.hasPrefix("behaviour") }.joined(separator: "\n")
        let regime = RegimeLoader.builtInText("reset2024")! + "\n" + RegimeLoader.builtInText("ns2021")!.components(separatedBy: "rules:\n").last!
        var m = Mutator(state: 20251124)
        var outcomes = (valid: 0, invalid: 0)
        for k in 0..<3000 {
            let text = m.mutate(k % 3 == 2 ? regime : scenario)
            let start = Date()
            do {
                if k % 3 == 2 {
                    _ = try RegimeLoader.parse(text, file: "fuzz-\(k).yaml", origin: "fuzz")
                } else {
                    _ = try ScenarioReader.parse(text, file: "fuzz-\(k).yaml")
                }
                outcomes.valid += 1
            } catch let e as InputProblems {
                outcomes.invalid += 1
                if e.problems.isEmpty || e.problems.contains(where: { $0.message.isEmpty }) {
                    Issue.record("mutation \(k) (seed 20251124): a problem without a message")
                }
            } catch {
                Issue.record("mutation \(k) (seed 20251124): unexpected error \(error)")
            }
            let seconds = Date().timeIntervalSince(start)
            if seconds > 5 { Issue.record("mutation \(k) (seed 20251124) took \(seconds) s to validate") }
        }
        print("fuzz (seed 20251124): \(outcomes.valid) valid, \(outcomes.invalid) invalid")
        #expect(outcomes.invalid > 600)
    }
}

extension DefaultIndices where Elements == String {
    func randomElementSeeded(_ m: inout FuzzTests.Mutator) -> String.Index? {
        guard !isEmpty else { return nil }
        return self[index(startIndex, offsetBy: m.below(count))]
    }
}

/// Valid-but-odd scenarios (numbers pushed to extremes, lines deleted) are simulated, not only
/// validated: each run must finish with a summary or be refused as invalid, never crash.
@Suite struct RunFuzzTests {
    static let base = """
    name: runfuzz
    start: 2025-01-06
    horizon: {months: 5}
    warmup: {months: 1}
    replications: 1
    seed: 3
    regimes: [ns1992, ns2015, ns2021, reset2024]
    caseload:
      initial: 40
      arrivals_per_week: 2
      cases:
        - {id: x1, type: licence, start: 2025-02-03, custody_months: 30, tier: A3, rosh: very_high, flags: [nsd]}
        - {id: x2, type: community_order, start: 2024-06-30, months: 9, requirements: [rar, upw], tier: B1, rosh: high}
    behaviour:
      attendance: {A: 0.5, B: 0.9, C: 0.1, D: 1}
      acceptable_absence: 0.2
      recall: {per_unacceptable_absence: 0.9, fixed_term_share: 0.5, fixed_term_days: 14}
      monthly_hazards: {mappa: 0.2, nsd: 0.1, child_protection: 0.3}
    activities:
      reactive_events_per_month: 2
      f2f_appointment: {triangular: {min: 1, mode: 30, max: 600}}
    workforce:
      practitioners:
        - {grade: PO, count: 2, hours_per_week: 37, case_work_share: 0.75}
        - {grade: PSO, count: 1, hours_per_week: 20, case_work_share: 0.8}
      max_deferral_working_days: 10
    """

    @Test func oddScenariosRunToTheEnd() throws {
        var m = FuzzTests.Mutator(state: 99)
        // Extremes that keep each run small (a debug build simulates them): the validator fuzz
        // above covers huge numbers.
        let extremes = ["0", "1", "0.0001", "2", "0.5", "30"]
        var ran = 0
        for k in 0..<60 {
            var lines = RunFuzzTests.base.components(separatedBy: "\n")
            for _ in 0...m.below(2) {
                let i = m.below(lines.count)
                if let r = lines[i].range(of: #"[0-9]+(\.[0-9]+)?"#, options: .regularExpression), m.below(5) > 0 {
                    lines[i].replaceSubrange(r, with: extremes[m.below(extremes.count)])
                } else {
                    lines.remove(at: i)
                }
            }
            let text = lines.joined(separator: "\n")
            guard let (s, regimes) = try? ScenarioReader.parse(text, file: "runfuzz-\(k).yaml"),
                  s.activities.reactiveEventsPerMonth <= 5,
                  Double(s.caseload.initial) + s.caseload.arrivalsPerWeek * Double(s.start.days(to: s.end)) / 7 <= 2_000 else { continue }
            let runner = Runner(scenario: s, variants: regimes)
            let results = try runner.run(jobs: runner.allJobs, threads: 1)
            let summary = Summary(scenario: s, variants: regimes, results: results).json(wallSeconds: nil)
            #expect(summary["regimes"] != nil, "mutation \(k) (seed 99)")
            _ = Tables.standards(s, results) + Tables.hoursWeekly(s, results) + Tables.caseloadWeekly(s, results)
            _ = Report.html(scenario: s, variants: regimes, summary: Summary(scenario: s, variants: regimes, results: results).summary(), results: results)
            ran += 1
        }
        print("run fuzz (seed 99): \(ran) of 60 mutations simulated (the others were refused as invalid)")
        #expect(ran >= 15)
    }
}
