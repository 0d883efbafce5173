import Foundation

/// `report.html` of a sweep: the response of the key metrics to each varied key, a line per
/// regime (or, when other keys vary too, small multiples: a chart per regime, a line per
/// combination of the other keys), every point with its 95% interval.
enum SweepReport {
    /// A metric's axis label, with its unit.
    static func label(_ metric: String) -> String {
        switch metric {
        case "fte_needed": return "FTE needed"
        case "wmt_capacity_percent": return "WMT capacity (%)"
        case "hours.total_per_week": return "hours per week"
        case "unmet_hours.total": return "unmet hours (work never done)"
        default:
            if metric.hasPrefix("standards.") && metric.hasSuffix(".met_rate") { return "\(metric.dropFirst(10).dropLast(9)) met rate" }
            return metric
        }
    }

    /// The mean and interval of a metric at a point, placed at `x` (at the mean alone when the interval has no value).
    static func point(_ x: Double, _ estimate: Estimate?) -> Charts.ResponsePoint? {
        guard let e = estimate, let m = e.mean else { return nil }
        if let lo = e.low, let hi = e.high { return Charts.ResponsePoint(x: x, mean: m, low: lo, high: hi) }
        return Charts.ResponsePoint(x: x, mean: m, low: m, high: m)
    }

    static func html(_ sweep: SweepResults, scenario: Scenario, overrides: [String]) -> String {
        let design = sweep.design
        let stats = sweep.points.indices.map { p in sweep.summary(p).map { ($0.variant, Dictionary(uniqueKeysWithValues: $0.stats)) } }
        let variants = stats.flatMap { $0.map(\.0) }.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        var body = "<h1>\(Charts.esc(scenario.name)): sweep</h1><p class=\"lead\">\(Charts.esc(scenario.description))</p>"
        let distinct = design.keys.indices.map { k in design.values.map { $0[k] }.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } } }
        body += "<table><tr><th>Design</th><td>\(design.kind == .grid ? "grid (every combination)" : "Latin hypercube") of \(design.values.count) points</td></tr>"
        for (k, key) in design.keys.enumerated() {
            let vs = distinct[k]
            body += "<tr><th>\(Charts.esc(key))</th><td>\(vs.count <= 12 ? vs.map(Charts.esc).joined(separator: ", ") : "\(vs.count) values from \(Charts.esc(vs.min { (Double($0) ?? 0) < (Double($1) ?? 0) } ?? "")) to \(Charts.esc(vs.max { (Double($0) ?? 0) < (Double($1) ?? 0) } ?? ""))")</td></tr>"
        }
        body += "<tr><th>Replications</th><td>\(scenario.replications) at each point (seed \(scenario.seed), the same at every point)</td></tr>"
        body += "<tr><th>Regimes</th><td>\(variants.map(Charts.esc).joined(separator: ", "))</td></tr>"
        if !overrides.isEmpty { body += "<tr><th>--set</th><td>\(overrides.map(Charts.esc).joined(separator: "<br>"))</td></tr>" }
        body += "</table>"
        for (k, key) in design.keys.enumerated() {
            let numeric = distinct[k].allSatisfy { Double($0) != nil }
            func x(_ p: Int) -> Double { numeric ? Double(design.values[p][k])! : Double(distinct[k].firstIndex(of: design.values[p][k])!) }
            let others = design.keys.indices.filter { $0 != k }
            // Points that share the other keys' values form a line; in a hypercube none do, so points scatter.
            let scatter = design.kind == .lhs && !others.isEmpty
            let combos = scatter ? [""] : sweep.points.indices.map { p in others.map { "\(design.keys[$0])=\(design.values[p][$0])" }.joined(separator: ", ") }
                .reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
            func members(_ combo: String) -> [Int] {
                sweep.points.indices.filter { p in scatter || others.map { "\(design.keys[$0])=\(design.values[p][$0])" }.joined(separator: ", ") == combo }
            }
            body += "<h2>Response to \(Charts.esc(key))</h2>"
            if scatter { body += "<p>Each dot is one point of the hypercube; the other keys vary too, so dots are not joined.</p>" }
            for metric in sweep.keyMetrics {
                func line(_ variant: String, _ combo: String) -> [Charts.ResponsePoint] {
                    members(combo).compactMap { p in stats[p].first { $0.0 == variant }.flatMap { point(x(p), $0.1[metric]) } }
                }
                let chart = { (title: String, s: [(name: String, points: [Charts.ResponsePoint])], width: Int) in
                    Charts.response(title: title, xLabel: key, yLabel: label(metric), series: s, connect: !scatter,
                                    xTicks: numeric ? nil : distinct[k], width: width)
                }
                // Regimes that do not score a standard have no line for it.
                let shown = variants.filter { v in combos.contains { !line(v, $0).isEmpty } }
                if shown.isEmpty { continue }
                if combos.count == 1 && shown.count <= Charts.palette.count {
                    body += chart(label(metric), shown.map { ($0, line($0, combos[0])) }, 720)
                } else {
                    body += "<h3>\(Charts.esc(label(metric)))</h3><div class=\"multiples\">"
                    for v in shown {
                        body += chart(v, combos.map { (combos.count == 1 ? v : $0, line(v, $0)) }, 480)
                    }
                    body += "</div>"
                }
            }
        }
        body += "<h2>Every point</h2>"
        var rows: [[String]] = []
        for p in sweep.points.indices {
            for (variant, stat) in stats[p] {
                rows.append([String(p + 1)] + design.values[p] + [variant] + sweep.keyMetrics.map { m in
                    guard let s = point(0, stat[m]) else { return "–" }
                    return String(format: "%.3g", s.mean) + (s.high > s.low ? String(format: " (%.3g–%.3g)", s.low, s.high) : "")
                })
            }
        }
        body += ReportPage.table(["point"] + design.keys + ["regime"] + sweep.keyMetrics.map(label), rows)
        return ReportPage.html(title: "\(scenario.name) sweep", body: body)
    }
}
