import Foundation
import SimulationCore

/// A finished sweep: its design, the scenario at each point and each point's results, with the
/// tables and summaries written from them (`sweep.csv`, `sweep.json`).
package struct SweepResults {
    let design: SweepDesign
    let points: [Study]
    /// Results of each point, in (replication, variant) order.
    let results: [[ReplicationResult]]
    /// Per-replication figures of each variant of each point, by metric path: [point] → (variant
    /// name, figures by replication). The sweep's tables list every figure by its path.
    let measures: [[(variant: String, byReplication: [[String: Double]])]]
    /// Every metric name measured at any point, sorted.
    let metricNames: [String]

    package init(design: SweepDesign, points: [Study], results: [[ReplicationResult]]) {
        self.design = design
        self.points = points
        self.results = results
        measures = points.indices.map { p in
            let summary = Summary(study: points[p], results: results[p])
            return points[p].variants.map { v in
                (v.name, summary.of(v.name).map { Dictionary(summary.measures($0).named.map { ($0.path, $0.value) }, uniquingKeysWith: { a, _ in a }) })
            }
        }
        metricNames = Set(measures.flatMap { $0.flatMap { $0.byReplication.flatMap(\.keys) } }).sorted()
    }

    /// The metrics charted in the report and printed in the table, in order: those the contract
    /// names for planners, then each standard's met rate.
    var keyMetrics: [String] {
        ["fte_needed", "wmt_capacity_percent", "hours.total_per_week", "unmet_hours.total"] + standardIDs.map { "standards.\($0).met_rate" }
    }

    /// Standard ids scored at any point, in the summary's order.
    var standardIDs: [String] {
        var seen: [String] = []
        for (p, rs) in results.enumerated() {
            for id in Summary(study: points[p], results: rs).standardIDs where !seen.contains(id) { seen.append(id) }
        }
        return seen
    }

    /// `sweep.csv`: one row per (point, regime, replication, metric), with each varied key's value.
    ///
    /// Points and replications are numbered from 1; a metric without a value (a met rate with
    /// nothing due) has an empty cell, which pandas reads as NaN.
    func csv() -> String {
        let names = metricNames
        var out = Tables.row(["point"] + design.keys + ["regime", "replication", "metric", "value"])
        for p in points.indices {
            let prefix = [String(p + 1)] + design.values[p]
            for (variant, reps) in measures[p] {
                for (r, m) in reps.enumerated() {
                    for name in names {
                        out += Tables.row(prefix + [variant, String(r + 1), name, Tables.fixed(m[name] ?? .nan, 6)])
                    }
                }
            }
        }
        return out
    }

    /// A value as JSON: a number when it reads as one, else text.
    static func jsonValue(_ text: String) -> JSONValue {
        if let x = Double(text), x.isFinite { return .num(x) }
        return .string(text)
    }

    /// Mean and 95% interval of each metric of each variant at point `p`.
    func summary(_ p: Int) -> [(variant: String, stats: [(String, Estimate)])] {
        measures[p].map { v in
            (v.variant, metricNames.map { n in (n, Estimate(v.byReplication.map { $0[n] ?? .nan })) })
        }
    }

    /// `sweep.json`: how the sweep was made, and per point and regime the varied values and each
    /// metric's mean and 95% interval.
    package func json(scenario: Scenario, overrides: [String], wallSeconds: Double?) -> JSONValue {
        .object([
            ("scenario", .string(scenario.name)), ("seed", .int(Int(scenario.seed))), ("replications", .int(scenario.replications)),
            ("design", .string(design.kind.rawValue)), ("keys", .array(design.keys.map { .string($0) })),
            ("overrides", .array(overrides.map { .string($0) })),
            ("wall_seconds", wallSeconds.map { .num($0) } ?? .null), ("probsim_version", .string(probsimVersion)),
            ("points", .array(points.indices.map { p in
                .object([
                    ("point", .int(p + 1)),
                    ("values", .object(zip(design.keys, design.values[p]).map { ($0, SweepResults.jsonValue($1)) })),
                    ("regimes", .object(summary(p).map { ($0.variant, .object($0.stats.map { ($0.0, $0.1.json) })) })),
                ])
            })),
        ])
    }

    /// The files of a sweep's output folder.
    package func files(scenario: Scenario, overrides: [String], wallSeconds: Double?, record: JSONValue) -> [(String, Data)] {
        [
            ("sweep.csv", Data(csv().utf8)),
            ("sweep.json", Data((json(scenario: scenario, overrides: overrides, wallSeconds: wallSeconds).text() + "\n").utf8)),
            ("report.html", Data(SweepReport.html(self, scenario: scenario, overrides: overrides).utf8)),
            ("run.json", Data((record.text() + "\n").utf8)),
        ]
    }

    /// The table printed after a sweep: each point's values and the key metrics' means.
    package func table() -> String {
        let metrics = keyMetrics
        let header = ["point"] + design.keys + ["regime"] + metrics.map { $0.hasPrefix("standards.") ? String($0.dropFirst(10).dropLast(9)) + " met" : $0 }
        var rows: [[String]] = [header]
        for p in points.indices {
            for (variant, stats) in summary(p) {
                let means = metrics.map { m in stats.first { $0.0 == m }?.1.mean.map { String(format: "%.3g", $0) } ?? "-" }
                rows.append([String(p + 1)] + design.values[p] + [variant] + means)
            }
        }
        let widths = header.indices.map { c in rows.map { $0[c].count }.max() ?? 0 }
        return rows.map { r in
            let line = r.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(separator: "  ")
            return String(line.reversed().drop { $0 == " " }.reversed())
        }.joined(separator: "\n")
    }
}
