import ProbationRules
/// The report's section on what gave way when days were full (conventions §10).
extension Report {
    /// Plain-English names of the classes of work, in ``ActivityKind/GivesWay`` order.
    static let classLabels = ["contacts above the minimum (professional judgement)", "reviews and case administration",
                              "minimum-standard contacts", "risk work", "statutory deadlines"]

    /// Overtime and unmet hours per measured week, one column per variant: by class of work, in
    /// the order the scenario's first variant gives way, then the activities with unmet work,
    /// most first (means over replications, with the intervals of the totals).
    static func gaveWay(_ table: ActivityTable, names: [String], summary: StudySummary, weeks: Double, order: [ActivityKind.GivesWay]) -> String {
        let variants = names.map { summary.variant(named: $0) }
        func cell(_ e: Estimate?, interval: Bool) -> String {
            guard let e, let m = e.mean else { return "<td>–</td>" }
            var text = String(format: "%.1f", m / weeks)
            if interval, let lo = e.low, let hi = e.high, hi > lo { text += String(format: " <small>(%.1f–%.1f)</small>", lo / weeks, hi / weeks) }
            return "<td>\(text)</td>"
        }
        var html = "<h2>What gave way</h2><p>When a day's work does not fit, practitioners first work up to "
            + "<code>workforce.rationing.overtime_share</code> beyond their hours; then work gives way class by class, first to last as listed "
            + "below. Work never done is unmet demand; a standard whose work was never done is missed (capacity). Hours per week.</p>"
        html += "<table class=\"num\"><tr><th></th>" + names.map { "<th>\(Charts.esc($0))</th>" }.joined() + "</tr>"
        html += "<tr><td>overtime worked</td>" + variants.map { cell($0?.figures.overtimeHours, interval: true) }.joined() + "</tr>"
        html += "<tr><th>unmet, all work</th>" + variants.map { cell($0?.figures.unmet.hours, interval: true) }.joined() + "</tr>"
        for c in order {
            html += "<tr><td>&nbsp;&nbsp;\(Charts.esc(classLabels[c.index]))</td>"
                + variants.map { cell($0?.figures.unmet.hoursByClass[c.index], interval: false) }.joined() + "</tr>"
        }
        let unmetRows = table.kinds.indices.filter { k in variants.contains { ($0?.figures.unmet.hoursByActivity[k].mean ?? 0) > 0 } }
            .sorted { a, b in (variants.first??.figures.unmet.hoursByActivity[a].mean ?? 0) > (variants.first??.figures.unmet.hoursByActivity[b].mean ?? 0) }
        if !unmetRows.isEmpty {
            html += "<tr><th>unmet by activity</th>" + names.map { _ in "<th></th>" }.joined() + "</tr>"
            for k in unmetRows {
                html += "<tr><td>&nbsp;&nbsp;\(Charts.esc(table.kinds[k].label))</td>"
                    + variants.map { cell($0?.figures.unmet.hoursByActivity[k], interval: false) }.joined() + "</tr>"
            }
        }
        return html + "</table>"
    }
}
