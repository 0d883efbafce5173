import Foundation
import Testing
@testable import ProbationModel

/// `report.html` for 2 variants and for 20: dot plots and small multiples instead of crowded
/// charts, signed differences, and legends that wrap inside the chart instead of running off it.
@Suite struct ReportManyVariantsTests {
    static func scenario(levels: String, regimes: String = "ns1992, ns2015, ns2021, reset2024") -> String {
        """
        name: many
        start: 2025-01-06
        horizon: {months: 3}
        warmup: {months: 1}
        replications: 2
        seed: 3
        regimes: [\(regimes)]
        staffing_levels: \(levels)
        caseload: {initial: 40, arrivals_per_week: 1}
        workforce:
          practitioners:
            - {grade: PO, count: 2}
            - {grade: PSO, count: 2}
        """
    }

    func report(_ levels: String, regimes: String = "ns1992, ns2015, ns2021, reset2024") throws -> (String, Int) {
        let (s, variants, results, _) = try Sim.run(ReportManyVariantsTests.scenario(levels: levels, regimes: regimes), threads: 2)
        let summary = Summary(scenario: s, variants: variants, results: results).summary()
        return (Report.html(scenario: s, variants: variants, summary: summary, results: results), variants.count)
    }

    /// Every text of every chart starts inside the chart's width.
    func textsInside(_ html: String) -> Bool {
        var ok = true
        for svg in html.components(separatedBy: "<svg").dropFirst() {
            guard let vb = svg.range(of: "viewBox=\"0 0 "), let width = Double(svg[vb.upperBound...].prefix { $0 != " " }) else { continue }
            for part in svg.components(separatedBy: "<text x=\"").dropFirst() {
                if let x = Double(part.prefix { $0 != "\"" }), x > width { ok = false }
            }
        }
        return ok
    }

    @Test func twentyVariantsGetSmallMultiplesAndSignedDifferences() throws {
        let (html, count) = try report("[1.0, 0.9, 0.8, 0.7, 0.6]")
        #expect(count == 20)
        #expect(html.contains("one chart per variant"))
        #expect(html.contains("class=\"multiples\""))
        #expect(html.contains("left of zero is lower than ns1992@100%"))
        #expect(!html.contains("absolute difference"))
        #expect(textsInside(html))
    }

    @Test func twoVariantsKeepOneChartPerMeasure() throws {
        let (html, count) = try report("[1.0]", regimes: "ns2021, reset2024")
        #expect(count == 2)
        #expect(!html.contains("one chart per variant"))
        #expect(html.contains("Hours per week by activity"))
        #expect(textsInside(html))
    }
}
