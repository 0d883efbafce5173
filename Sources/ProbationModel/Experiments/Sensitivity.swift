import Foundation
import SimulationCore
import ProbationRules

/// One-at-a-time sensitivity: the base scenario, then each key at its low and its high value with
/// every other key at the base, all on the same seed, so each swing (high − low) is a paired
/// difference over replications with its own 95% interval.
package struct Sensitivity {
    /// A key swung from `low` to `high` (YAML text), and its value in the scenario (nil if defaulted).
    package struct Swing: Sendable {
        var key: String
        var low: String
        var high: String
        var base: String?

        package init(key: String, low: String, high: String, base: String? = nil) {
            self.key = key; self.low = low; self.high = high; self.base = base
        }
    }

    var swings: [Swing]
    var metrics: [String]
    /// Point 0 is the base; point 1 + 2k is swing k's low, 2 + 2k its high.
    var points: [Study]
    var results: [[ReplicationResult]]
    /// Per point, per variant name, the figures of each replication.
    let measured: [[String: [ReplicationMeasures]]]

    package init(swings: [Swing], metrics: [String], points: [Study], results: [[ReplicationResult]]) {
        self.swings = swings
        self.metrics = metrics
        self.points = points
        self.results = results
        measured = points.indices.map { p in
            let summary = Summary(study: points[p], results: results[p])
            return Dictionary(uniqueKeysWithValues: points[p].variants.map { v in (v.name, summary.of(v.name).map(summary.measures)) })
        }
    }

    /// The points to run: the base, then each swing's low and high.
    package static func pointOverrides(_ swings: [Swing]) throws -> [[Override]] {
        [[]] + (try swings.flatMap { s in
            [[try Override(path: s.key, value: s.low, option: "--vary")], [try Override(path: s.key, value: s.high, option: "--vary")]]
        })
    }

    /// The base point's variants (every point runs the same ones).
    var variants: [String] { points.first?.variants.map(\.name) ?? [] }

    /// Metric `metric` of variant `variant` at point `p`, by replication.
    func samples(_ p: Int, _ variant: String, _ metric: String) -> [Double] {
        let path = MetricPath(metric)
        return (measured[p][variant] ?? []).map { m in path.flatMap { m[$0] } ?? .nan }
    }

    static func stat(_ xs: [Double]) -> (mean: Double, low: Double, high: Double) {
        let finite = xs.filter(\.isFinite)
        return finite.isEmpty ? (.nan, .nan, .nan) : StudentT.meanAndInterval(finite)
    }

    /// One row of a metric's table: a swing with the metric at its low and high, and the paired swing.
    struct Row {
        var swing: Swing
        var low: (mean: Double, low: Double, high: Double)
        var high: (mean: Double, low: Double, high: Double)
        var difference: (mean: Double, low: Double, high: Double)
    }

    /// The base and the rows of a metric under a variant, the largest swing first.
    func rows(_ variant: String, _ metric: String) -> (base: (mean: Double, low: Double, high: Double), rows: [Row]) {
        let base = Sensitivity.stat(samples(0, variant, metric))
        let rows = swings.indices.map { k -> Row in
            let lo = samples(1 + 2 * k, variant, metric), hi = samples(2 + 2 * k, variant, metric)
            return Row(swing: swings[k], low: Sensitivity.stat(lo), high: Sensitivity.stat(hi), difference: Sensitivity.stat(zip(hi, lo).map { $0 - $1 }))
        }
        let size = { (r: Row) in r.difference.mean.isFinite ? abs(r.difference.mean) : -1 }
        return (base, rows.enumerated().sorted { (size($0.element), -$0.offset) > (size($1.element), -$1.offset) }.map(\.element))
    }

    static func json(_ s: (mean: Double, low: Double, high: Double)) -> JSONValue {
        .object([("mean", .num(s.mean)), ("ci95", .array([.num(s.low), .num(s.high)]))])
    }

    /// `sensitivity.json`: per regime and metric, the base and each key's swing, largest first.
    package func json(scenario: Scenario, overrides: [String], wallSeconds: Double?) -> JSONValue {
        .object([
            ("scenario", .string(scenario.name)), ("seed", .int(Int(scenario.seed))), ("replications", .int(scenario.replications)),
            ("keys", .array(swings.map { s in .object([("key", .string(s.key)), ("low", SweepResults.jsonValue(s.low)), ("high", SweepResults.jsonValue(s.high)),
                                                       ("base", s.base.map(SweepResults.jsonValue) ?? .null)]) })),
            ("overrides", .array(overrides.map { .string($0) })),
            ("wall_seconds", wallSeconds.map { .num($0) } ?? .null), ("probsim_version", .string(probsimVersion)),
            ("regimes", .object(variants.map { v in (v, .object(metrics.map { m in
                let (base, rows) = self.rows(v, m)
                return (m, .object([("base", Sensitivity.json(base)), ("swings", .array(rows.map { r in .object([
                    ("key", .string(r.swing.key)), ("low_value", SweepResults.jsonValue(r.swing.low)), ("high_value", SweepResults.jsonValue(r.swing.high)),
                    ("at_low", Sensitivity.json(r.low)), ("at_high", Sensitivity.json(r.high)), ("swing", Sensitivity.json(r.difference)),
                ]) }))]))
            })) })),
        ])
    }

    /// `sensitivity.csv`: one row per (key, level, regime, replication, metric); the base has key `base`.
    package func csv() -> String {
        var out = Tables.row(["key", "level", "key_value", "regime", "replication", "metric", "value"])
        let labels = [("base", "base", "")] + swings.flatMap { [($0.key, "low", $0.low), ($0.key, "high", $0.high)] }
        for (p, (key, level, value)) in labels.enumerated() {
            for v in variants {
                for m in metrics {
                    for (r, x) in samples(p, v, m).enumerated() {
                        out += Tables.row([key, level, value, v, String(r + 1), m, Tables.fixed(x, 6)])
                    }
                }
            }
        }
        return out
    }

    static func text(_ s: (mean: Double, low: Double, high: Double)) -> String {
        String(format: "%.4g (%.4g to %.4g)", s.mean, s.low, s.high)
    }

    /// The tables printed after the run: per regime and metric, each key's swing, largest first.
    package func table() -> String {
        var blocks: [String] = []
        for v in variants {
            for m in metrics {
                let (base, rows) = self.rows(v, m)
                var lines = [["key", "low", "at low", "high", "at high", "swing (high - low)"]]
                for r in rows {
                    lines.append([r.swing.key, r.swing.low, Sensitivity.text(r.low), r.swing.high, Sensitivity.text(r.high),
                                  String(format: "%+.4g (%+.4g to %+.4g)", r.difference.mean, r.difference.low, r.difference.high)])
                }
                let widths = lines[0].indices.map { c in lines.map { $0[c].count }.max() ?? 0 }
                let body = lines.map { l in l.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(separator: "  ") }
                    .map { String($0.reversed().drop { $0 == " " }.reversed()) }
                blocks.append("\(m) under \(v): base \(Sensitivity.text(base))\n" + body.joined(separator: "\n"))
            }
        }
        return blocks.joined(separator: "\n\n")
    }

    package func html(scenario: Scenario, overrides: [String]) -> String {
        var body = "<h1>\(Charts.esc(scenario.name)): sensitivity</h1><p class=\"lead\">\(Charts.esc(scenario.description))</p>"
        body += "<p>Each key is moved to its low and then its high value with every other setting at the scenario's; every run uses the same seed, "
        body += "so each swing is a paired difference over \(scenario.replications) replications. Bars run from the metric at the low value to the metric at the high value; "
        body += "whiskers are 95% intervals; the line is the base.</p>"
        if !overrides.isEmpty { body += "<p>--set: \(overrides.map(Charts.esc).joined(separator: ", "))</p>" }
        for m in metrics {
            body += "<h2>\(Charts.esc(SweepReport.label(m)))</h2><div class=\"multiples\">"
            for v in variants {
                let (base, rows) = self.rows(v, m)
                body += Charts.tornado(title: v, xLabel: SweepReport.label(m), base: base.mean, bars: rows.map { r in
                    Charts.TornadoBar(label: r.swing.key, lowLabel: r.swing.low, highLabel: r.swing.high,
                                      low: Charts.ResponsePoint(x: 0, mean: r.low.mean, low: r.low.low, high: r.low.high),
                                      high: Charts.ResponsePoint(x: 0, mean: r.high.mean, low: r.high.low, high: r.high.high))
                })
            }
            body += "</div>"
            for v in variants {
                let (base, rows) = self.rows(v, m)
                body += "<h3>\(Charts.esc(v)): base \(Charts.esc(Sensitivity.text(base)))</h3>"
                body += ReportPage.table(["key", "low", "at low", "high", "at high", "swing (high − low)"], rows.map { r in
                    [r.swing.key, r.swing.low, Sensitivity.text(r.low), r.swing.high, Sensitivity.text(r.high),
                     String(format: "%+.4g (%+.4g to %+.4g)", r.difference.mean, r.difference.low, r.difference.high)]
                })
            }
        }
        return ReportPage.html(title: "\(scenario.name) sensitivity", body: body)
    }
}
