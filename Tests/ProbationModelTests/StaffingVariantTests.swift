import Foundation
import Testing
@testable import ProbationCommands
@testable import ProbationModel

/// `staffing_levels`: each variant carries its own workforce, and every output reads it.
@Suite struct StaffingVariantTests {
    static let scenario = """
    name: staffing
    start: 2025-01-06
    horizon: {months: 4}
    warmup: {months: 1}
    seed: 5
    regimes: [ns2021]
    staffing_levels: [1.0, 0.5]
    caseload: {initial: 60, arrivals_per_week: 1}
    workforce:
      practitioners:
        - {grade: PO, count: 4, hours_per_week: 37, case_work_share: 0.75}
        - {grade: PSO, count: 2, hours_per_week: 18.5, case_work_share: 0.8}
    """

    /// FTE in post at 100%: 4 × 37/37 + 2 × 18.5/37 = 4 + 1 = 5.
    /// At 50%: counts round to 2 POs and 1 PSO: 2 + 0.5 = 2.5.
    @Test func fteInPostFollowsTheStaffingLevel() throws {
        let (_, variants, _, summary) = try Sim.run(StaffingVariantTests.scenario)
        #expect(variants.map(\.name) == ["ns2021@100%", "ns2021@50%"])
        #expect(variants.map(\.workforce.fteInPost) == [5, 2.5])
        #expect(summary["regimes"]?["ns2021@100%"]?["fte_in_post"]?["mean"]?.doubleValue == 5)
        #expect(summary["regimes"]?["ns2021@50%"]?["fte_in_post"]?["mean"]?.doubleValue == 2.5)
    }

    /// Every metric an expectation may name has a value in the summary (fte_in_post included).
    @Test func everyFixedMetricCanBeChecked() throws {
        let (s, variants, results, _) = try Sim.run(StaffingVariantTests.scenario)
        let list = SummaryMetrics.fixedPaths.map { Expectation(regime: variants[0].name, metric: $0, min: -1e9, max: 1e12, place: "test") }
        let summary = Summary(scenario: s, variants: variants, results: results).summary()
        #expect(Expectations.check(list, summary: summary, regimes: [variants[0].name], quiet: true) == 0)
    }

    /// FTE needed divides the same demand by the hours one FTE of *that* workforce gives: with
    /// unlimited demand met alike, the two variants' FTE needed differ only through the demand.
    @Test func fteNeededUsesTheVariantsOwnHours() throws {
        let (s, variants, results, _) = try Sim.run(StaffingVariantTests.scenario)
        let summary = Summary(scenario: s, variants: variants, results: results)
        for r in results {
            let w = variants.first { $0.name == r.regime }!.workforce
            let expected = r.demandMinutes / 60 / s.measuredWeeks / w.availableHoursPerFTEWeek
            #expect(abs(summary.measures(r)["fte_needed"]! - expected) < 1e-9)
        }
        // 50%: 2 POs at 0.75 and 1 half-time PSO at 0.8: (2 × 0.75 + 0.5 × 0.8) / 2.5 = 0.76 of 37 h.
        let half = variants[1].workforce
        #expect(abs(half.availableHoursPerFTEWeek - 37 * 0.76 * half.availability) < 1e-9)
    }

    /// The console table and the report show each variant's own FTE in post.
    @Test func consoleAndReportShowEachVariantsStaff() throws {
        let (s, variants, results, _) = try Sim.run(StaffingVariantTests.scenario)
        let summary = Summary(scenario: s, variants: variants, results: results).summary()
        let table = ConsoleTable.text(summary: summary, variants: variants, scenario: s)
        let row = table.split(separator: "\n").first { $0.hasPrefix("FTE in post") }.map(String.init) ?? ""
        #expect(row.contains("5.0") && row.contains("2.5"), "\(row)")
        let html = Report.html(scenario: s, variants: variants, summary: summary, results: results)
        #expect(html.contains("ns2021@50%: 2.5 FTE in post"))
    }
}
