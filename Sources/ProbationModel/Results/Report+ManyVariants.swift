import SimulationCore
import Foundation
import ProbationRules

/// Parts of `report.html` that stay readable from 2 variants to 20: dot plots with intervals
/// instead of crowded bars, small multiples instead of 20 lines on one chart, and differences
/// signed around zero.
extension Report {
    /// The most lines drawn on one chart; more become small multiples, one chart per variant.
    static let linesPerChart = 6

    /// A mean and 95% interval, scaled (at the mean alone when the interval has no value).
    static func point(_ e: Estimate?, scale: Double = 1) -> Charts.ResponsePoint? {
        guard let e, let m = e.mean else { return nil }
        if let lo = e.low, let hi = e.high {
            return Charts.ResponsePoint(x: 0, mean: m * scale, low: lo * scale, high: hi * scale)
        }
        return Charts.ResponsePoint(x: 0, mean: m * scale, low: m * scale, high: m * scale)
    }

    /// One dot plot per standard: each variant's met rate (%) with its interval, on an axis fitted to the data.
    static func standardsDots(_ summary: StudySummary, names: [String], standardIDs: [String]) -> String {
        var s = "<p>Standards met rate by regime: one plot per standard, each variant's met rate with its 95% interval, on an axis fitted to the rates.</p><div class=\"multiples\">"
        for id in standardIDs {
            let rows = names.map { r in (label: r, point: point(summary.variant(named: r)?.figures.standard(id)?.metRate, scale: 100)) }
            guard rows.contains(where: { $0.point != nil }) else { continue }
            s += Charts.dots(title: id, xLabel: "met rate (%)", rows: rows)
        }
        return s + "</div>"
    }

    /// One dot plot per measure: each comparison's paired difference from the first variant, signed
    /// around zero (below the first variant left, above it right), with its interval.
    static func differenceDots(_ diffs: [PairedDifference], keys: [String]) -> String {
        var s = "<div class=\"multiples\">"
        for k in keys {
            let percent = k.hasSuffix("met_rate")
            let rows = diffs.map { (label: $0.name, point: point($0.estimate(at: k), scale: percent ? 100 : 1)) }
            guard rows.contains(where: { $0.point != nil }) else { continue }
            let label = k == "hours.total_per_week" ? "hours per week" : k == "fte_needed" ? "FTE needed" : percent ? "met rate (percentage points)" : k
            s += Charts.dots(title: k, xLabel: "difference in \(label)", rows: rows, zero: true)
        }
        return s + "</div>"
    }

    /// Weekly lines: one chart when there are few series, else one small chart per variant. With
    /// `weekStart` (the first measured week's start) the x axis is the calendar, with `markers`.
    static func weeklyLines(title: String, yLabel: String, names: [String], series: (String) -> [(String, [Double])],
                            reference: (Double, String)? = nil, weekStart: Day? = nil, markers: [(Day, String)] = []) -> String {
        let all = names.flatMap(series)
        let xLabel = weekStart == nil ? "week after warm-up" : "week (month it starts in)"
        if all.count <= linesPerChart {
            return Charts.lines(title: title, yLabel: yLabel, xLabel: xLabel, series: all, reference: reference, weekStart: weekStart, markers: markers)
        }
        var s = "<p><small>\(Charts.esc(title)): one chart per variant.</small></p><div class=\"multiples\">"
        for n in names {
            s += Charts.lines(title: n, yLabel: yLabel, xLabel: xLabel, series: series(n), width: 480, height: 280, reference: reference,
                              weekStart: weekStart, markers: markers)
        }
        return s + "</div>"
    }

    /// Hours per week by activity: grouped bars for a few variants, a table for many.
    static func activityHours(_ activities: [ActivityKind], names: [String], values: [[(mean: Double, low: Double, high: Double)?]]) -> String {
        if names.count <= linesPerChart {
            return Charts.bars(title: "Hours per week by activity", yLabel: "hours per week", groups: activities.map { $0.id.replacingOccurrences(of: "_", with: " ") },
                               series: names, values: values)
        }
        var s = "<div class=\"wide\"><table class=\"num\"><tr><th>Variant</th>" + activities.map { "<th>\(Charts.esc($0.id.replacingOccurrences(of: "_", with: " ")))</th>" }.joined() + "</tr>"
        for (k, n) in names.enumerated() {
            s += "<tr><td>\(Charts.esc(n))</td>" + activities.indices.map { a in "<td>\(values[a][k].map { String(format: "%.1f", $0.mean) } ?? "–")</td>" }.joined() + "</tr>"
        }
        return s + "</table></div>"
    }
}
