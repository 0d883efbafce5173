/// The console's standards table: every standard of the regimes run, in their rule order (from
/// the regime files, as in `summary.json`), with each regime's met rate.
extension ConsoleTable {
    static func standardsTable(summary: JSONValue, regimes: [String], cell: (JSONValue?) -> String) -> String {
        var ids: [String] = []
        for r in regimes {
            guard case .object(let pairs)? = summary["regimes"]?[r]?["standards"] else { continue }
            for (id, _) in pairs where !ids.contains(id) { ids.append(id) }
        }
        guard !ids.isEmpty else { return "" }
        var rows = [["standard met"] + regimes]
        for id in ids {
            rows.append([id] + regimes.map { r in
                summary["regimes"]?[r]?["standards"]?[id] == nil ? "n/a" : cell(summary["regimes"]?[r]?["standards"]?[id]?["met_rate"])
            })
        }
        let widths = rows[0].indices.map { c in rows.map { $0[c].count }.max() ?? 0 }
        var out = ""
        for (k, row) in rows.enumerated() {
            out += row.enumerated().map { c, s in c == 0 ? s.padding(toLength: widths[c], withPad: " ", startingAt: 0) : String(repeating: " ", count: widths[c] - s.count) + s }.joined(separator: "  ") + "\n"
            if k == 0 { out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n" }
        }
        return out
    }
}
