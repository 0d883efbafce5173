/// The report's section "Against published figures": the scenario's `expect:` entries that
/// name a published figure (`published:`), each with probsim's mean and 95% interval.
extension Report {
    static func againstPublished(_ expectations: [Expectation], names: [String], summary: StudySummary) -> String {
        let targets = expectations.filter { $0.published != nil }
        guard !targets.isEmpty else { return "" }
        var html = "<h2>Against published figures</h2><p>The scenario's calibration targets (its <code>expect:</code> entries with "
            + "<code>published:</code>): the published figure, the range the scenario accepts, and probsim's mean with its 95% interval "
            + "(<code>probsim run SCENARIO --check</code> checks them).</p>"
        html += "<table class=\"num\"><tr><th>Figure</th><th>Published</th><th>Accepted range</th><th>Variant</th><th>probsim</th><th>Within</th></tr>"
        for e in targets {
            for r in names where e.regime == nil || e.regime == r {
                let estimate = summary.variant(named: r)?.estimate(at: e.metric)
                let range = [e.min.map { "≥ \(JSONValue.format($0))" }, e.max.map { "≤ \(JSONValue.format($0))" }].compactMap { $0 }.joined(separator: ", ")
                var value = "–"
                var within = "no value"
                if let est = estimate, let m = est.mean {
                    value = JSONValue.format(m)
                    if let lo = est.low, let hi = est.high, hi > lo { value += " <small>(\(JSONValue.format(lo))–\(JSONValue.format(hi)))</small>" }
                    within = (e.min.map { m >= $0 } ?? true) && (e.max.map { m <= $0 } ?? true) ? "yes" : "<b>no</b>"
                }
                html += "<tr><td><code>\(Charts.esc(e.metric))</code></td><td>\(Charts.esc(e.published ?? ""))</td><td>\(range)</td>"
                    + "<td>\(Charts.esc(r))</td><td>\(value)</td><td>\(within)</td></tr>"
            }
        }
        return html + "</table>"
    }
}
