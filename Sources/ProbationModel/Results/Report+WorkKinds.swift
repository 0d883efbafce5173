import ProbationRules
/// The report's table of hours by kind of work: the activity table's `group`s (contact,
/// assessment, enforcement, recall, reports, administration, ...), in first-seen table order.
extension Report {
    /// Hours per measured week of each kind of work, one column per variant: the sum of the mean
    /// hours of the kind's activities ÷ the measured weeks (means add, so no interval is shown).
    /// The court team's reports are marked as apart from case holders' work.
    static func workKinds(_ table: ActivityTable, names: [String], summary: StudySummary, weeks: Double) -> String {
        let court = table.index(bookedBy: "court_team")
        var html = "<h2>Hours per week by kind of work</h2><table class=\"num\"><tr><th>Kind of work</th>"
        html += names.map { "<th>\(Charts.esc($0))</th>" }.joined() + "</tr>"
        var totals = Array(repeating: 0.0, count: names.count)
        for group in table.groups {
            let rows = table.kinds.indices.filter { table.kinds[$0].group == group }
            let hours = names.map { name -> Double in
                guard let v = summary.variant(named: name) else { return 0 }
                return rows.reduce(0.0) { $0 + (v.figures[activity: table.kinds[$1].id]?.mean ?? 0) } / weeks
            }
            guard hours.contains(where: { $0 > 0 }) else { continue }
            let apart = rows.contains { $0 == court }
            if !apart { for k in totals.indices { totals[k] += hours[k] } }
            html += "<tr><td>\(Charts.esc(group))\(apart ? " <small>(court team, apart)</small>" : "")</td>"
            html += hours.map { "<td>\(String(format: "%.1f", $0))</td>" }.joined() + "</tr>"
        }
        html += "<tr><th>Case holders' total</th>" + totals.map { "<th>\(String(format: "%.1f", $0))</th>" }.joined() + "</tr></table>"
        return html
    }
}
