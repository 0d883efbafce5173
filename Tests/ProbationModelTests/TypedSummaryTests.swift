import Foundation
import Testing
@testable import ProbationCommands
@testable import ProbationModel
@testable import ProbationRules

/// The typed summary (``StudySummary``) and `summary.json` say the same: every figure a metric
/// path names is found in both, with the same mean and interval, and every path reads back.
@Suite struct TypedSummaryTests {
    /// Two regimes at two staffing levels, one of them named with a dot (`ns2021@37.5%`).
    static let scenario = """
    name: typed
    start: 2025-01-06
    horizon: {months: 4}
    warmup: {months: 1}
    replications: 3
    seed: 11
    regimes: [ns2021, reset2024]
    staffing_levels: [1.0, 0.375]
    caseload: {initial: 50, arrivals_per_week: 1}
    workforce:
      practitioners:
        - {grade: PO, count: 4}
        - {grade: PSO, count: 2, hours_per_week: 18.5}
    """

    /// A mean and interval as summary.json writes them: `{"mean": m, "ci95": [lo, hi]}`.
    func written(_ v: JSONValue?) -> (Double?, Double?, Double?)? {
        guard let v, let mean = v["mean"] else { return nil }
        guard case .array(let ci)? = v["ci95"] else { return (mean.doubleValue, nil, nil) }
        return (mean.doubleValue, ci[0].doubleValue, ci[1].doubleValue)
    }

    @Test func everyFigureIsTheOneSummaryJSONWrites() throws {
        let (s, variants, results, _) = try Sim.run(TypedSummaryTests.scenario)
        let summary = Summary(scenario: s, variants: variants, results: results).summary()
        let json = summary.json(wallSeconds: nil)
        #expect(summary.variants.map(\.name) == ["ns2021@100%", "reset2024@100%", "ns2021@37.5%", "reset2024@37.5%"])
        for v in summary.variants {
            let object = json["regimes"]?[v.name]
            let paths = v.figures.named.map(\.path)
            #expect(paths.count == Metric.allCases.count + ActivityFigure.allCases.count * ActivityTable.builtIn.kinds.count + MetricPath.allBands.count
                    + v.standards.count * StandardField.all.count)
            for path in paths {
                let e = try #require(v.estimate(at: path), "\(v.name) \(path)")
                let w = try #require(written(object?.at(path: path)), "\(v.name) \(path) in summary.json")
                #expect(w.0 == e.mean && w.1 == e.low && w.2 == e.high, "\(v.name) \(path)")
                #expect(MetricPath(path)?.description == path)
            }
            #expect(v.estimate(at: "standards.no-such-standard.met_rate") == nil)
            #expect(v.estimate(at: "hours.by_activity.no_such_activity") == nil)
        }
        for d in summary.differences {
            for (path, e) in d.estimates {
                let w = try #require(written(json["differences"]?[d.name]?[path]))
                #expect(w.0 == e.mean && w.1 == e.low && w.2 == e.high, "\(d.name) \(path)")
            }
        }
    }

    /// Typed fields and metric paths name the same figures.
    @Test func fieldsAndPathsAgree() throws {
        let (s, variants, results, _) = try Sim.run(TypedSummaryTests.scenario)
        let v = try #require(Summary(scenario: s, variants: variants, results: results).summary().variant(named: "ns2021@37.5%"))
        #expect(v.estimate(at: "fte_needed") == v.fteNeeded)
        #expect(abs((v.estimate(at: "fte_in_post")?.mean ?? 0) - variants[2].workforce.fteInPost) < 1e-12)
        #expect(v.estimate(at: "hours.by_grade.PSO") == v.hours.byGrade.pso)
        #expect(v.estimate(at: "hours.by_activity.home_visit") == v.hours.byActivity[v.hours.activities.firstIndex(of: "home_visit")!])
        #expect(v.estimate(at: "standards.monthly-f2f.met_rate") == v.figures.standard("monthly-f2f")?.metRate)
        #expect(v.standards.map(\.id) == variants[2].regime.standards.map(\.id))
    }

    /// A variant named with a dot (`ns2021@37.5%`) is found whole by the console table, the
    /// report and `--check` (a walk of summary.json by dotted path split its name and found nothing).
    @Test func aVariantNamedWithADotIsShownWhole() throws {
        let (s, variants, results, _) = try Sim.run(TypedSummaryTests.scenario)
        let summary = Summary(scenario: s, variants: variants, results: results).summary()
        let table = ConsoleTable.text(summary: summary, variants: variants, scenario: s)
        let row = try #require(table.split(separator: "\n").first { $0.hasPrefix("FTE needed") })
        #expect(row.split(separator: " ").filter { $0 == "-" }.isEmpty, "\(row)")
        let html = Report.html(scenario: s, variants: variants, summary: summary, results: results)
        #expect(!html.contains("<tr><td>ns2021@37.5%</td><td>–</td>"))
        let check = [Expectation(regime: "ns2021@37.5%", metric: "fte_needed", min: 0, max: nil, place: "test")]
        #expect(Expectations.check(check, summary: summary, regimes: ["ns2021@37.5%"], quiet: true) == 0)
    }

    /// No value in any replication: no mean, no interval, written as nulls.
    @Test func anEstimateOfNothingHasNoValue() {
        let none = Estimate([.nan, .infinity])
        #expect(none.count == 0 && none.mean == nil && none.low == nil && none.high == nil)
        #expect(none.json.text(indent: nil) == #"{"mean":null,"ci95":null}"#)
        let one = Estimate([2, .nan])
        #expect(one.count == 1 && one.mean == 2 && one.low == 2 && one.high == 2)
    }
}
