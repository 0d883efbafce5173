import ProbationRules
/// The report's tables of the figures planners read: staffing by grade, caseload and hours by
/// tier and phase, and the spread of cases per practitioner.
extension Report {
    /// The tables, from the typed summary, one row per variant (and grade).
    ///
    /// - Parameters:
    ///   - weeks: measured weeks (hours are shown per week).
    ///   - limited: whether any variant has a workforce (WMT and caseload spread need one).
    static func planners(names: [String], summary: StudySummary, weeks: Double, limited: Bool) -> String {
        func cell(_ e: Estimate?, _ places: Int, per: Double = 1) -> String {
            guard let e, let m = e.mean else { return "<td>–</td>" }
            let f = "%.\(places)f"
            var s = String(format: f, m / per)
            if let lo = e.low, let hi = e.high, hi > lo { s += " <small>(" + String(format: f, lo / per) + "–" + String(format: f, hi / per) + ")</small>" }
            return "<td>\(s)</td>"
        }
        let variants = names.compactMap { summary.variant(named: $0) }
        var body = "<h2>Staffing by grade</h2><table class=\"num\"><tr><th>Regime</th><th>FTE needed PO</th><th>FTE needed PSO</th>"
            + (limited ? "<th>WMT capacity % PO</th><th>WMT capacity % PSO</th>" : "") + "</tr>"
        for v in variants {
            body += "<tr><td>\(Charts.esc(v.name))</td>" + cell(v.fteNeededByGrade.po, 1) + cell(v.fteNeededByGrade.pso, 1)
                + (limited ? cell(v.wmtCapacityPercentByGrade.po, 0) + cell(v.wmtCapacityPercentByGrade.pso, 0) : "") + "</tr>"
        }
        body += "</table>"

        body += "<h2>Caseload and hours per week by tier and by phase</h2><div class=\"wide\"><table class=\"num\"><tr><th>Regime</th><th></th>"
            + ["A", "B", "C", "D"].map { "<th>tier \($0)</th>" }.joined()
            + SupervisionPhase.allCases.map { "<th>\(Charts.esc($0.rawValue.replacingOccurrences(of: "_", with: " ")))</th>" }.joined() + "</tr>"
        for v in variants {
            let c = v.caseload, h = v.hours
            let phases = [c.byPhase.custody, c.byPhase.communityOrder, c.byPhase.suspendedSentenceOrder, c.byPhase.licence, c.byPhase.pss]
            let hoursByPhase = [h.byPhase.custody, h.byPhase.communityOrder, h.byPhase.suspendedSentenceOrder, h.byPhase.licence, h.byPhase.pss]
            body += "<tr><td rowspan=\"2\">\(Charts.esc(v.name))</td><td>caseload</td>" + (c.byTier.all + phases).map { cell($0, 0) }.joined() + "</tr>"
            body += "<tr><td>hours/week</td>" + (h.byTier.all + hoursByPhase).map { cell($0, 0, per: weeks) }.joined() + "</tr>"
        }
        body += "</table></div>"

        guard limited else { return body }
        body += "<h2>Cases per practitioner: the spread</h2><p>At each week's start, averaged over the weeks: the 10th, 50th and 90th "
            + "percentiles and the largest caseload, and how many practitioners hold 0-9, 10-19, … cases.</p>"
        body += "<div class=\"wide\"><table class=\"num\"><tr><th>Regime</th><th>Grade</th><th>mean</th><th>p10</th><th>p50</th><th>p90</th><th>max</th>"
            + CaseloadBands.labels.map { "<th>\($0)</th>" }.joined() + "</tr>"
        for v in variants {
            let d = v.caseloadPerPractitioner
            for (grade, g) in [("all", d.all), ("PO", d.po), ("PSO", d.pso)] where g.mean.mean != nil {
                body += "<tr><td>\(Charts.esc(v.name))</td><td>\(grade)</td>" + [g.mean, g.p10, g.p50, g.p90, g.max].map { cell($0, 1) }.joined()
                    + g.bands.map { e in e.mean.map { String(format: "<td>%.1f</td>", $0) } ?? "<td>–</td>" }.joined() + "</tr>"
            }
        }
        return body + "</table></div>"
    }
}
