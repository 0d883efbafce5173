import Testing
import SimulationCore
@testable import ProbationModel

/// The test-support builder itself: the text it writes (other tests assert line numbers in it)
/// and what the reader makes of its presets.
@Suite struct ScenarioBuilderTests {
    /// Top-level keys in the usual order whatever the order of the parts; a mapping of one scalar
    /// key on one line, of several keys as a block; lists of mappings as `- {...}` items; raw lines last.
    @Test func layout() {
        let b = ScenarioBuilder(name: "t").raw("# note").caseload(initial: 10).seed(3).horizon(months: 2)
        #expect(b.text == "name: t\nstart: 2025-01-06\nhorizon: {months: 2}\nseed: 3\ncaseload: {initial: 10}\n# note\n")
        let c = ScenarioBuilder(name: "t").caseload(initial: 30).caseload("flags", ["mappa": 0.1])
            .namedCase(id: "x", type: .licence, start: "2025-02-03", custodyMonths: 9, requirements: [])
            .workforce(.po(count: 2, hoursPerWeek: 18.5), .pso())
        #expect(c.text == """
            name: t
            start: 2025-01-06
            caseload:
              initial: 30
              flags: {mappa: 0.1}
              cases:
                - {id: x, type: licence, start: 2025-02-03, custody_months: 9, requirements: []}
            workforce:
              practitioners:
                - {grade: PO, count: 2, hours_per_week: 18.5}
                - {grade: PSO, count: 1}

            """)
    }

    /// A part given again replaces the first in place; whole numbers are written without a decimal point.
    @Test func aPartGivenAgainReplacesTheFirst() {
        let b = ScenarioBuilder(name: "t").attendance(0.5).acceptableAbsence(1).attendance(1).staffingLevels(1.0, 0.6)
        #expect(b.text == "name: t\nstart: 2025-01-06\nstaffing_levels: [1, 0.6]\nbehaviour:\n  attendance: 1\n  acceptable_absence: 1\n")
    }

    /// `exact` reads as its doc comment says.
    @Test func exactPreset() throws {
        let c = NamedCase(id: "co", type: .communityOrder, start: "2025-01-01", months: 12, requirements: [.rar], tier: "B2", rosh: .medium)
        let (s, variants) = try ScenarioReader.parse(ScenarioBuilder.exact(regimes: "ns2021", cases: [c]).text, file: "t.yaml")
        #expect(variants.map(\.name) == ["ns2021"])
        #expect(s.start == Day(iso: "2025-01-01")! && s.end == Day(iso: "2028-01-01")!)
        #expect(s.behaviour.attendance == ["A": 1, "B": 1, "C": 1, "D": 1])
        #expect(s.behaviour.roshMonthly.values.allSatisfy { $0.isEmpty })
        #expect(s.behaviour.monthlyHazards.values.allSatisfy { $0 == 0 })
        #expect(s.professionalJudgement == ["A": 0, "B": 0, "C": 0, "D": 0])
        #expect(s.activities.kinds.allSatisfy { !$0.isScheduled })
        #expect(s.workforce.isUnlimited)
        #expect(s.caseload.cases.map(\.id) == ["co"])
    }
}
