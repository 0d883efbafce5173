import Foundation
import Testing
import SimulationCore
@testable import ProbationModel
@testable import ProbationRules

@Suite struct RegimeFileTests {
    let calendar = WorkingDayCalendar(fromYear: 2024, toYear: 2030)

    func write(_ text: String, name: String = "custom.yaml") throws -> String {
        let dir = try temporaryFolder("probsim-tests")
        let path = dir.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// The planner's bit-mask scopes and exemptions give the same answers as the rules' own
    /// sets, for every rule of every built-in regime, on 3 × 6 × 6 × 4 × 4 × 3 case variants.
    @Test func compiledScopesAgreeWithRuleScopes() throws {
        let requirementSets: [Set<Requirement>] = [[], [.upw], [.rar], [.rar, .upw], [.curfew], [.curfew, .exclusion, .drr]]
        let flagSets: [Set<CohortFlag>] = [[], [.mappa], [.nsd], [.childProtection, .iom], [.isc], [.mappa, .nsd, .childProtection]]
        var checked = 0
        for name in RegimeLoader.builtInNames {
            let regime = try RegimeLoader.load(name)
            let rules = regime.rules
            let packed = PlannerRules(regime).suspensions
            for type in SentenceType.allCases {
                for reqs in requirementSets { for flags in flagSets { for rosh in RoSH.allCases {
                    let spec = CaseSpec(id: "x", type: type, start: Day(number: 20_000), months: 12, custodyMonths: 18,
                                        requirements: reqs, rosh: rosh, flags: flags)
                    let masks = CaseMasks(spec)
                    for phase in SupervisionPhase.allCases { for custody in [nil, 6, 30] as [Int?] {
                        for rule in rules {
                            let compiled = CompiledScope(rule.scope)
                            if compiled.holds(for: masks, phase: phase, custodyMonths: custody)
                                != rule.scope.holds(for: spec, phase: phase, custodyMonths: custody) {
                                Issue.record("\(name) \(rule.id) disagrees for \(type) \(reqs) \(flags) \(rosh) \(phase) \(String(describing: custody))")
                            }
                            if case .suspension(_, let exemptions, _, _) = rule.requirement {
                                for e in exemptions where masks.exempt(e) != e.holds(for: spec) { Issue.record("\(name) \(rule.id) exemption \(e)") }
                                // The planner's packed form of the same exemptions.
                                for s in packed where rules[s.rule].id == rule.id
                                    && s.exempts(masks) != exemptions.contains(where: { $0.holds(for: spec) }) {
                                    Issue.record("\(name) \(rule.id) packed exemptions")
                                }
                            }
                            checked += 1
                        }
                    } }
                } } }
            }
        }
        #expect(checked > 100_000)
    }

    /// A plan made until a horizon (as the model makes them: nothing from the first of the month
    /// after the run's end) is the whole plan's bookings before it, with the same standards,
    /// suspensions and custody handover, for every built-in regime, sentence type, custody
    /// length, cut, re-release and reinstatement below, at horizons on a month's first day and mid-month.
    @Test func aPlanUntilAHorizonIsTheWholePlanBeforeIt() throws {
        var checked = 0
        let start = try #require(Day(year: 2025, month: 3, day: 17))
        let horizons = try [(2025, 4, 1), (2025, 7, 14), (2026, 5, 1), (2027, 1, 1), (2029, 6, 20)].map { y, m, d in
            try #require(Day(year: y, month: m, day: d))
        }
        for name in RegimeLoader.builtInNames {
            let planner = ContactPlanner(regime: try RegimeLoader.load(name), calendar: calendar)
            for type in SentenceType.allCases { for rosh in [RoSH.low, .veryHigh] { for flags in [[], [.nsd, .mappa]] as [Set<CohortFlag>] {
                for custody in [18, 40] {
                    let spec = CaseSpec(id: "x", type: type, start: start, months: 24, custodyMonths: custody,
                                        requirements: [.rar], rosh: rosh, flags: flags)
                    for cut in [nil, start.adding(days: 40), start.adding(days: 300)] as [Day?] {
                        for released in [nil, cut] as [Day?] { for lifted in [false, true] {
                            let whole = planner.plan(spec, from: cut, releasedOn: released, suspensionLifted: lifted)
                            for horizon in horizons {
                                let part = planner.plan(spec, from: cut, until: horizon, releasedOn: released, suspensionLifted: lifted)
                                let what = "\(name) \(type) \(rosh) \(flags) custody \(custody) cut \(cut?.iso ?? "-") released \(released?.iso ?? "-") lifted \(lifted) until \(horizon.iso)"
                                #expect(part.bookings == whole.bookings.filter { $0.day < horizon }, "\(what)")
                                #expect(part.standards == whole.standards, "\(what)")
                                #expect(part.suspended == whole.suspended && part.handover == whole.handover, "\(what)")
                                checked += 1
                            }
                        } }
                    }
                }
            } } }
        }
        #expect(checked >= 5_760)   // 4 regimes × 3 types × 2 RoSH × 2 flag sets × 2 custody lengths × 3 cuts × 2 × 2 × 5 horizons
    }

    @Test func everyBuiltInLoads() throws {
        for name in RegimeLoader.builtInNames {
            let r = try RegimeLoader.load(name)
            #expect(r.name == name)
            #expect(!r.rules.isEmpty)
            #expect(r.rules.allSatisfy { !$0.text.isEmpty && !$0.source.isEmpty })
        }
        #expect(try RegimeLoader.load("reset2024").base == "ns2021")
    }

    @Test func customRegimeExtendsNS2021() throws {
        let path = try write("""
        name: fortnightly-2021
        extends: ns2021
        remove: [sentence-plan]
        rules:
          - id: monthly-f2f
            applies: {phases: [community_order, suspended_sentence_order, licence]}
            per_calendar_month: {count: 2}
            text: Two attended F2F a month.
            source: local policy
        """)
        let r = try RegimeLoader.load(path)
        #expect(r.base == "ns2021")
        #expect(!r.rules.contains { $0.id == "sentence-plan" })
        let spec = CaseSpec(id: "x", type: .communityOrder, start: Day(iso: "2025-01-01")!, months: 12, requirements: [.rar], tier: "C2")
        let p = ContactPlanner(regime: r, calendar: calendar).plan(spec)
        #expect(p.f2fCount == 24)
        #expect(StandardScorer.outcomesIfAllAttended(p).filter { $0.0.standard == "monthly-f2f" }.allSatisfy { $0.1 == .met })
    }

    @Test func misspeltKeyIsReportedWithLineAndSuggestion() throws {
        let path = try write("""
        name: bad
        extends: ns2021
        rules:
          - id: monthly-f2f
            per_calender_month: {count: 2}
        """)
        #expect {
            _ = try RegimeLoader.load(path)
        } throws: { error in
            let text = "\(error)"
            return text.contains("\(path):5:5") && text.contains("rules[0].per_calender_month")
                && text.contains("did you mean 'per_calendar_month'?")
        }
    }

    /// The enforcement and recall fields of conventions §7 are checked like the rest.
    @Test func enforcementAndRecallFieldsAreValidated() throws {
        let path = try write("""
        name: bad
        extends: ns2015
        rules:
          - id: enforcement-community
            enforcement: {letter_working_days: 6, summons_working_days: 10, letter_with_breech: false}
          - id: recall-action
            recall: {action_working_days: 1, emergency_working_days: -1}
        """)
        #expect {
            _ = try RegimeLoader.load(path)
        } throws: { error in
            let text = "\(error)"
            return text.contains("\(path):5:") && text.contains("rules[0].enforcement.letter_with_breech")
                && text.contains("did you mean 'letter_with_breach'?")
                && text.contains("'summons_working_days' needs 'breach_working_days'")
                && text.contains("rules[1].recall.emergency_working_days")
        }
        let good = try write("""
        name: good
        extends: ns2015
        rules:
          - id: enforcement-community
            enforcement: {letter_working_days: 6, breach_working_days: 6, summons_working_days: 10, letter_with_breach: true, warnings_spent_on_breach: false}
        """, name: "good.yaml")
        let rule = try RegimeLoader.load(good).rules.first { $0.id == "enforcement-community" }
        var expected = EnforcementPolicy(letter: 6, breach: 6, summons: 10)
        expected.warningsSpentOnBreach = false
        #expect(rule?.requirement == .enforcement(expected))
    }

    @Test func unknownBaseAndBadValuesAreReported() throws {
        let path = try write("""
        name: bad
        extends: ns2012
        rules:
          - id: x
            phase_point: {fraction: 7/6}
        """)
        #expect {
            _ = try RegimeLoader.load(path)
        } throws: { error in
            let text = "\(error)"
            return text.contains("Did you mean 'ns2015'?") && text.contains("rules[0].phase_point.fraction")
                && text.contains("expected a number from 0.0 to 1.0")
        }
    }

    @Test func cyclicExtendsIsRefused() throws {
        let a = try write("name: a\nextends: b.yaml\n", name: "a.yaml")
        let folder = (a as NSString).deletingLastPathComponent
        try "name: b\nextends: a.yaml\n".write(toFile: folder + "/b.yaml", atomically: true, encoding: .utf8)
        #expect {
            _ = try RegimeLoader.load(a)
        } throws: { "\($0)".contains("cycle") }
    }

    @Test func aliasBombIsRefusedBeforeExpansion() throws {
        var text = "name: bomb\na: &a [x, x, x, x, x, x, x, x, x]\n"
        var previous = "a"
        for level in ["b", "c", "d", "e", "f", "g", "h", "i", "j"] {
            text += "\(level): &\(level) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ", ") + "]\n"
            previous = level
        }
        let path = try write(text)
        #expect {
            _ = try RegimeLoader.load(path)
        } throws: { "\($0)".contains("YAML aliases") }
    }

    @Test func brokenYAMLGivesPosition() throws {
        let path = try write("name: x\nrules: [\n  - id: a\n")
        #expect {
            _ = try RegimeLoader.load(path)
        } throws: { "\($0)".contains("not valid YAML") }
    }
}
