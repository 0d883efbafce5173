import Foundation
import ProbationRules

/// What `probsim solve` writes and prints: `solve.json`, `solve.csv`, `report.html`, the text
/// answer and the one JSON line of `--format json`.
package struct SolveResults {
    var scenario: Scenario
    var regime: String
    var key: String
    var solver: Solver
    package var result: Solver.Result
    var overrides: [String]

    package init(scenario: Scenario, regime: String, key: String, solver: Solver, result: Solver.Result, overrides: [String]) {
        self.scenario = scenario; self.regime = regime; self.key = key; self.solver = solver; self.result = result; self.overrides = overrides
    }

    /// A value of the setting as text: whole, or with as many decimals as the tolerance needs.
    package func text(_ v: Double) -> String {
        if solver.whole { return String(Int(v)) }
        let places = max(0, min(10, Int(ceil(-log10(solver.tolerance))) + 1))
        var s = String(format: "%.\(places)f", v)
        while s.contains(".") && (s.hasSuffix("0") || s.hasSuffix(".")) { s.removeLast() }
        return s
    }

    static func stat(_ p: SolvePoint?) -> JSONValue {
        guard let p else { return .null }
        let s = p.stat
        return .object([("value", .num(p.value)), ("mean", .num(s.mean)), ("ci95", .array([.num(s.low), .num(s.high)])),
                        ("replications", .int(p.samples.count)), ("verdict", .string(p.verdict.rawValue))])
    }

    /// The values tried, in order of value.
    var curve: [SolvePoint] { result.walked.sorted { $0.value < $1.value } }

    /// Replications the answer and its failing neighbour needed (the decisive points).
    var replicationsNeeded: Int {
        [result.point(at: result.answer), result.neighbour].compactMap { $0?.samples.count }.max() ?? solver.startReplications
    }

    /// What the answer means, in words: "the smallest workforce.practitioners[0].count that meets ...".
    var question: String { "the \(result.smallest ? "smallest" : "largest") \(key) that meets \(solver.target) under \(regime)" }

    package func json(wallSeconds: Double?) -> JSONValue {
        .object([
            ("scenario", .string(scenario.name)), ("seed", .int(Int(scenario.seed))), ("regime", .string(regime)),
            ("key", .string(key)), ("target", .string(solver.target.description)),
            ("low", .num(solver.low)), ("high", .num(solver.high)), ("whole_numbers", .bool(solver.whole)),
            ("tolerance", solver.whole ? .null : .num(solver.tolerance)),
            ("outcome", .string(result.outcome.rawValue)), ("direction", .string(result.smallest ? "smallest" : "largest")),
            ("value", result.answer.map { .num($0) } ?? .null),
            ("answer", SolveResults.stat(result.point(at: result.answer))), ("neighbour", SolveResults.stat(result.neighbour)),
            ("replications_needed", .int(replicationsNeeded)), ("replications_start", .int(solver.startReplications)),
            ("replications_cap", .int(solver.maxReplications)), ("cap_reached_at", .array(result.capped.map { .num($0) })),
            ("overrides", .array(overrides.map { .string($0) })),
            ("wall_seconds", wallSeconds.map { .num($0) } ?? .null), ("probsim_version", .string(probsimVersion)),
            ("curve", .array(curve.map { SolveResults.stat($0) })),
        ])
    }

    /// The line `--format json` prints: `value` is the answer (null when the target is not met).
    package func line(folder: String) -> JSONValue {
        let a = result.point(at: result.answer)
        return .object([
            ("value", result.answer.map { .num($0) } ?? .null), ("outcome", .string(result.outcome.rawValue)),
            ("key", .string(key)), ("target", .string(solver.target.description)), ("regime", .string(regime)),
            ("mean", a.map { .num($0.stat.mean) } ?? .null), ("ci95", a.map { .array([.num($0.stat.low), .num($0.stat.high)]) } ?? .null),
            ("replications_needed", .int(replicationsNeeded)), ("cap_reached", .bool(!result.capped.isEmpty)), ("folder", .string(folder)),
        ])
    }

    /// `solve.csv`: one row per value tried.
    package func csv() -> String {
        var out = Tables.row(["value", "mean", "ci95_low", "ci95_high", "replications", "verdict", "order_tried"])
        let order = result.walked.map(\.value)
        for p in curve {
            let s = p.stat
            out += Tables.row([text(p.value), Tables.fixed(s.mean, 6), Tables.fixed(s.low, 6), Tables.fixed(s.high, 6), String(p.samples.count),
                               p.verdict.rawValue, String((order.firstIndex(of: p.value) ?? 0) + 1)])
        }
        return out
    }

    func describe(_ p: SolvePoint) -> String {
        let s = p.stat
        return "at \(text(p.value)): mean \(String(format: "%.4g", s.mean)) (95% \(String(format: "%.4g", s.low)) to \(String(format: "%.4g", s.high))), \(p.samples.count) replications"
    }

    /// The answer in words, with the decisive points.
    package func summaryText() -> String {
        switch result.outcome {
        case .found:
            var s = "\(question): \(text(result.answer!))\n  meets it \(describe(result.point(at: result.answer)!))"
            if let n = result.neighbour { s += "\n  fails \(describe(n))" }
            return s
        case .metAcrossRange:
            return "\(question): \(text(result.answer!)) (the whole range meets the target, so this is the end of the range; " +
                "\(result.smallest ? "lower --low" : "raise --high") to find where it stops)\n  \(describe(result.point(at: result.answer)!))"
        case .notMet:
            let ends = [result.walked[0], result.walked[1]]
            let towards = result.smallest ? "raise --high" : "lower --low"
            return "\(solver.target) is not met anywhere from \(text(solver.low)) to \(text(solver.high)) under \(regime): " +
                "\(describe(ends[0])) (--low), \(describe(ends[1])) (--high). The metric \(result.rises ? "rises" : "falls") with \(key), so \(towards)."
        }
    }

    /// The curve walked, as a table.
    package func table() -> String {
        var rows = [["value", "mean", "95% interval", "replications", "verdict"]]
        for p in curve {
            let s = p.stat
            rows.append([text(p.value), String(format: "%.4g", s.mean), String(format: "%.4g to %.4g", s.low, s.high), String(p.samples.count), p.verdict.rawValue])
        }
        let widths = rows[0].indices.map { c in rows.map { $0[c].count }.max() ?? 0 }
        return rows.map { r in r.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(separator: "  ") }
            .map { String($0.reversed().drop { $0 == " " }.reversed()) }.joined(separator: "\n")
    }

    package func html() -> String {
        var body = "<h1>\(Charts.esc(scenario.name)): solve</h1><p class=\"lead\">\(Charts.esc(scenario.description))</p>"
        body += "<p class=\"answer\">\(Charts.esc(summaryText()).replacingOccurrences(of: "\n", with: "<br>"))</p>"
        body += "<table><tr><th>Target</th><td>\(Charts.esc(solver.target.description))</td></tr>"
        body += "<tr><th>Setting</th><td>\(Charts.esc(key)), from \(text(solver.low)) to \(text(solver.high))\(solver.whole ? " (whole numbers)" : ", to within \(text(solver.tolerance))")</td></tr>"
        body += "<tr><th>Regime</th><td>\(Charts.esc(regime))</td></tr>"
        body += "<tr><th>Replications</th><td>\(solver.startReplications) to start, doubled at a value until its 95% interval clears the threshold (at most \(solver.maxReplications)); \(replicationsNeeded) at the decisive values\(result.capped.isEmpty ? "" : "; the cap was reached at \(result.capped.map(text).joined(separator: ", ")), where the verdict rests on the mean")</td></tr>"
        if !overrides.isEmpty { body += "<tr><th>--set</th><td>\(overrides.map(Charts.esc).joined(separator: "<br>"))</td></tr>" }
        body += "</table><h2>The curve walked</h2>"
        let points = curve.map { p in Charts.ResponsePoint(x: p.value, mean: p.stat.mean, low: p.stat.low, high: p.stat.high) }
        body += Charts.response(title: "\(solver.target.metric) against \(key)", xLabel: key, yLabel: SweepReport.label(solver.target.metric),
                                series: [(regime, points)], reference: (solver.target.threshold, "target \(solver.target)"))
        body += ReportPage.table(["value", "mean", "95% interval", "replications", "verdict"], curve.map { p in
            [text(p.value), String(format: "%.4g", p.stat.mean), String(format: "%.4g to %.4g", p.stat.low, p.stat.high), String(p.samples.count), p.verdict.rawValue]
        })
        return ReportPage.html(title: "\(scenario.name) solve", body: body)
    }
}
