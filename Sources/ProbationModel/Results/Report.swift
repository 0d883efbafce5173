import Foundation
import SimulationCore
import ProbationRules

/// `report.html`: one self-contained page (inline CSS and SVG, no network) showing how the regimes differ.
package enum Report {
    /// The staff line of the scenario table: the FTE in post of each variant, or one figure when all agree.
    static func staffText(_ variants: [Variant]) -> String {
        func text(_ w: WorkforceSettings) -> String { w.isUnlimited ? "unlimited capacity (no workforce given)" : String(format: "%.1f FTE in post", w.fteInPost) }
        let all = variants.map { text($0.workforce) }
        if Set(all).count <= 1 { return all.first ?? "" }
        return zip(variants, all).map { "\(Charts.esc($0.name)): \($1)" }.joined(separator: "<br>")
    }

    /// The page for `variants` (in their order), from the study summary and, for the weekly
    /// charts, the replication results.
    package static func html(scenario: Scenario, variants: [Variant], summary: StudySummary, results: [ReplicationResult]) -> String {
        let names = variants.map(\.name)
        /// A figure of variant `r`: its mean and interval (the mean alone when the interval has no value).
        func stat(_ r: String, _ figure: (VariantSummary) -> Estimate?) -> (mean: Double, low: Double, high: Double)? {
            guard let e = summary.variant(named: r).flatMap(figure), let m = e.mean else { return nil }
            if let lo = e.low, let hi = e.high { return (m, lo, hi) }
            return (m, m, m)
        }
        func weekly(_ r: String, _ value: (WeekRow) -> Double) -> [Double] {
            let rs = results.filter { $0.regime == r }
            guard let n = rs.map({ $0.weeks.count }).min(), n > 0 else { return [] }
            return (0..<n).map { w in rs.map { value($0.weeks[w]) }.reduce(0, +) / Double(rs.count) }
        }
        // Over-time charts run on the calendar, marked at each timeline change and release surge.
        var markers: [(Day, String)] = []
        for v in variants {
            for stage in v.stages.dropFirst() {
                guard let from = stage.from else { continue }
                let label = "\(stage.regime.name) from \(from.iso)"
                if !markers.contains(where: { $0.0 == from && $0.1 == label }) { markers.append((from, label)) }
            }
        }
        for surge in scenario.caseload.releases { markers.append((surge.on, "\(surge.count) released \(surge.on.iso)")) }
        for intake in scenario.workforce.intakes {
            markers.append((intake.on, "\(intake.group.count) \(intake.group.grade.rawValue)\(intake.group.cohort.map { " (\($0.rawValue))" } ?? "") join \(intake.on.iso)"))
        }
        markers.sort { ($0.0, $0.1) < ($1.0, $1.1) }
        let weekStart = scenario.warmupEnd
        var body = ""
        body += "<h1>\(Charts.esc(scenario.name))</h1><p class=\"lead\">\(Charts.esc(scenario.description))</p>"
        body += "<table><tr><th>Period measured</th><td>\(scenario.warmupEnd.iso) to \(scenario.end.iso) (simulation from \(scenario.start.iso))</td></tr>"
        body += "<tr><th>Replications</th><td>\(scenario.replications) (seed \(scenario.seed))</td></tr>"
        body += "<tr><th>Regimes</th><td>\(variants.map { "<b>\(Charts.esc($0.name))</b>: \(Charts.esc($0.regime.description))" }.joined(separator: "<br>"))</td></tr>"
        body += "<tr><th>Staff</th><td>\(staffText(variants))</td></tr></table>"

        // At a glance.
        body += "<h2>At a glance</h2><table class=\"num\"><tr><th>Regime</th><th>Caseload (mean)</th><th>Cases seen</th><th>Hours per week</th><th>FTE needed</th><th>FTE in post</th><th>WMT capacity %</th><th>Deferrals</th><th>Unmet hours (work never done)</th></tr>"
        for v in variants {
            let r = v.name
            func c(_ places: Int, _ figure: (VariantSummary) -> Estimate?) -> String {
                guard let s = stat(r, figure) else { return "–" }
                return String(format: "%.\(places)f", s.mean) + (s.high > s.low ? String(format: " <small>(%.\(places)f–%.\(places)f)</small>", s.low, s.high) : "")
            }
            body += "<tr><td>\(Charts.esc(r))</td><td>\(c(0) { $0.caseload.mean })</td><td>\(c(0) { $0.casesSeen })</td><td>\(c(1) { $0.hours.totalPerWeek })</td><td>\(c(1) { $0.fteNeeded })</td>" +
                "<td>\(v.workforce.isUnlimited ? "unlimited" : String(format: "%.1f", v.workforce.fteInPost))</td><td>\(c(0) { $0.wmtCapacityPercent })</td>" +
                "<td>\(c(0) { $0.deferrals })</td><td>\(c(1) { $0.unmet.hours })</td></tr>"
        }
        body += "</table>"
        body += againstPublished(scenario.expectations, names: names, summary: summary)

        // Hours by activity.
        let activities = scenario.activities.kinds.filter { a in names.contains { (stat($0, { $0.figures[activity: a.id] ?? Estimate([]) })?.mean ?? 0) > 0 } }
        let weeks = max(scenario.measuredWeeks, 1e-9)
        let court = scenario.activities.index(bookedBy: "court_team")
        body += workKinds(scenario.activities, names: names, summary: summary, weeks: weeks)
        body += gaveWay(scenario.activities, names: names, summary: summary, weeks: weeks, order: variants.first?.workforce.rationing.order ?? RationingSettings().order)
        body += "<h2>Practitioner hours per week by activity</h2>"
        body += activityHours(activities, names: names,
                              values: activities.map { a in names.map { r in stat(r, { $0.figures[activity: a.id] ?? Estimate([]) }).map { ($0.mean / weeks, $0.low / weeks, $0.high / weeks) } } })
        body += weeklyLines(title: "Total hours per week over time", yLabel: "hours per week", names: names,
                            series: { r in [(r, weekly(r) { w in (w.minutesByActivity.reduce(0, +) - (court.flatMap { $0 < w.minutesByActivity.count ? w.minutesByActivity[$0] : nil } ?? 0)) / 60 })] },
                            weekStart: weekStart, markers: markers)

        // Standards.
        let standardIDs = summary.standardIDs
        let standardTexts = summary.standardTexts
        body += "<h2>Standards met (with 95% intervals)</h2>"
        body += standardsDots(summary, names: names, standardIDs: standardIDs)
        body += "<div class=\"wide\"><table class=\"num\"><tr><th>Standard</th>" + names.map { "<th>\(Charts.esc($0)) due</th><th>met</th><th>late</th><th>missed (capacity)</th><th>missed (non-attendance)</th>" }.joined() + "</tr>"
        for id in standardIDs {
            body += "<tr><td>\(Charts.esc(id))<br><small>\(Charts.esc(standardTexts[id] ?? ""))</small></td>"
            for r in names {
                for f in [StandardField.due, .outcome(.met), .outcome(.metLate), .outcome(.missedCapacity), .outcome(.missedNonAttendance)] {
                    body += "<td>\(stat(r, { $0.figures.standard(id)?[f] }).map { String(format: "%.1f", $0.mean) } ?? "–")</td>"
                }
            }
            body += "</tr>"
        }
        body += "</table></div>"

        // FTE and WMT.
        body += "<h2>FTE needed against FTE available</h2>"
        let limited = variants.contains { !$0.workforce.isUnlimited }
        let fteGroups = variants.map { v -> [(mean: Double, low: Double, high: Double)?] in
            let inPost = v.workforce.fteInPost
            return [stat(v.name, { $0.fteNeeded })] + (limited ? [v.workforce.isUnlimited ? nil : (inPost, inPost, inPost)] : [])
        }
        let fteSeries = ["FTE needed"] + (limited ? ["FTE in post"] : [])
        body += Charts.bars(title: "FTE needed and FTE in post", yLabel: "full-time equivalents", groups: names, series: fteSeries, values: fteGroups)
        if limited {
            body += "<h2>WMT capacity over time</h2>"
            body += weeklyLines(title: "WMT capacity % (case points over available points)", yLabel: "capacity (%)", names: names,
                                series: { r in [(r, weekly(r) { $0.wmtPercent })] }, reference: (100, "100% capacity"), weekStart: weekStart, markers: markers)
            body += "<h2>Caseload per practitioner</h2>"
            body += weeklyLines(title: "Cases per practitioner (mean and 90th percentile)", yLabel: "cases", names: names,
                                series: { r in [("\(r) mean", weekly(r) { $0.caseloadMean }), ("\(r) p90", weekly(r) { $0.caseloadP90 })] },
                                weekStart: weekStart, markers: markers)
        }
        body += planners(names: names, summary: summary, weeks: weeks, limited: limited)
        // Differences.
        if names.count > 1 {
            let diffs = summary.differences
            body += "<h2>Differences between regimes (paired over replications)</h2>"
            let keys = ["hours.total_per_week", "fte_needed"] + standardIDs.map { "standards.\($0).met_rate" }
            body += "<table class=\"num\"><tr><th>Difference</th>" + keys.map { "<th>\($0)</th>" }.joined() + "</tr>"
            for d in diffs {
                body += "<tr><td>\(Charts.esc(d.name))</td>" + keys.map { k in
                    guard let e = d.estimate(at: k), let m = e.mean else { return "<td>–</td>" }
                    var s = String(format: "%+.3g", m)
                    if let lo = e.low, let hi = e.high, hi > lo {
                        s += String(format: " <small>(%+.3g to %+.3g)</small>", lo, hi)
                    }
                    return "<td>\(s)</td>"
                }.joined() + "</tr>"
            }
            body += "</table>"
            body += "<p>Each difference is paired over replications (common random numbers): left of zero is lower than \(Charts.esc(names[0])), right is higher; blue is clearly lower, orange clearly higher, grey an interval that includes zero.</p>"
            body += differenceDots(diffs, keys: keys)
        }
        body += "<p class=\"foot\">probsim \(probsimVersion). Hours are practitioner minutes of contacts and tasks booked in diaries with finite capacity; intervals are 95% Student-t intervals over replications.</p>"
        return """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>probsim: \(Charts.esc(scenario.name))</title>
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <style>
        body{font-family:system-ui,-apple-system,Segoe UI,Helvetica,Arial,sans-serif;max-width:1000px;margin:1.5em auto;padding:0 1em;color:#222}
        h1{margin-bottom:.2em}h2{margin-top:1.6em;border-bottom:1px solid #ccc;padding-bottom:.2em}.lead{color:#555}
        table{border-collapse:collapse;margin:.8em 0;font-size:14px}th,td{border:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}
        table.num td{text-align:right}table.num td:first-child{text-align:left}small{color:#666}
        .wide{overflow-x:auto}.multiples{display:grid;grid-template-columns:repeat(auto-fill,minmax(320px,1fr));gap:.4em 1em}svg.chart{width:100%;height:auto;display:block;margin:.6em 0;font-family:inherit}.foot{color:#666;font-size:12px;margin-top:2em}
        @media print{body{max-width:none}h2{page-break-after:avoid}svg.chart{page-break-inside:avoid}}
        </style></head><body>
        \(body)
        </body></html>

        """
    }
}
