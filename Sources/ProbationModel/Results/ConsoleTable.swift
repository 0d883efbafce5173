import Foundation

/// The summary table printed at the end of `probsim run`: one row per measure, one column per
/// variant, split into blocks of columns so that no line is wider than ``width``.
package enum ConsoleTable {
    /// The widest line printed (a terminal of 100 columns).
    static let width = 100

    /// A mean with its 95% interval half-width, e.g. `412.3 ±8.1` (or `85.0% ±1.2`); `-` with no value.
    static func cell(_ e: Estimate?, _ places: Int = 1, percent: Bool = false) -> String {
        guard let m = e?.mean else { return "-" }
        let k = percent ? 100.0 : 1.0
        var s = String(format: "%.\(places)f", m * k)
        if let lo = e?.low, let hi = e?.high, hi > lo {
            s += String(format: " ±%.\(places)f", (hi - lo) / 2 * k)
        }
        return s + (percent ? "%" : "")
    }

    /// The rows: a label and one cell per variant.
    static func rows(summary: StudySummary, variants: [Variant]) -> [(String, [String])] {
        let summaries = variants.map { summary.variant(named: $0.name) }
        func row(_ label: String, _ places: Int = 1, percent: Bool = false, _ figure: (VariantSummary) -> Estimate?) -> (String, [String]) {
            (label, summaries.map { cell($0.flatMap(figure), places, percent: percent) })
        }
        var out: [(String, [String])] = [
            row("caseload (mean on the books)", 0) { $0.caseload.mean },
            row("  of which in custody", 0) { $0.caseload.inCustodyMean },
            row("in custody held by a POM (apart)", 0) { $0.caseload.pomHeldMean },
            row("cases seen in the period", 0) { $0.casesSeen },
            row("hours per week") { $0.hours.totalPerWeek },
            row("FTE needed") { $0.fteNeeded },
            row("  court team FTE needed (apart)") { $0.courtFTENeeded },
            ("FTE in post", variants.map { $0.workforce.isUnlimited ? "unlimited" : String(format: "%.1f", $0.workforce.fteInPost) }),
            row("  case-holding FTE (after reductions)") { $0.caseHoldingFTE },
            row("WMT capacity %", 0) { $0.wmtCapacityPercent },
            row("deferrals", 0) { $0.deferrals },
            row("unmet hours (work never done)") { $0.unmet.hours },
            row("overtime hours") { $0.overtimeHours },
        ]
        // Every standard any variant scored, in the summary's order.
        var ids: [String] = []
        for v in summaries { for st in v?.standards ?? [] where !ids.contains(st.id) { ids.append(st.id) } }
        for id in ids { out.append(row("met: \(id)", 1, percent: true) { $0.figures.standard(id)?.metRate }) }
        return out
    }

    /// The table for `variants` (columns in their order) with the scenario's period as its title.
    package static func text(summary: StudySummary, variants: [Variant], scenario: Scenario) -> String {
        let table = rows(summary: summary, variants: variants)
        let labelWidth = table.map(\.0.count).max() ?? 0
        let columnWidths = variants.indices.map { c in max(variants[c].name.count, table.map { $0.1[c].count }.max() ?? 0) }
        // Greedy blocks of columns, each fitting in `width` (at least one column a block).
        var blocks: [[Int]] = []
        var used = labelWidth
        for c in variants.indices {
            if blocks.isEmpty || used + 2 + columnWidths[c] > width { blocks.append([]); used = labelWidth }
            blocks[blocks.count - 1].append(c)
            used += 2 + columnWidths[c]
        }
        var out = "\(scenario.name): \(scenario.warmupEnd.iso) to \(scenario.end.iso) (after warm-up), \(scenario.replications) replication\(scenario.replications == 1 ? "" : "s"); means ± 95% CI half-width\n"
        for (b, block) in blocks.enumerated() {
            if b > 0 { out += "\n" }
            func line(_ label: String, _ cells: [String]) -> String {
                var l = label.padding(toLength: labelWidth, withPad: " ", startingAt: 0)
                for (k, c) in block.enumerated() { l += "  " + String(repeating: " ", count: columnWidths[c] - cells[k].count) + cells[k] }
                return l + "\n"
            }
            out += line("", block.map { variants[$0].name })
            out += String(repeating: "-", count: labelWidth) + block.map { "  " + String(repeating: "-", count: columnWidths[$0]) }.joined() + "\n"
            for (label, cells) in table { out += line(label, block.map { cells[$0] }) }
        }
        return out
    }
}
