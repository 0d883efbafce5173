import ProbationRules
/// The metric paths a summary has, for `expect:` and `--check`: checked when the scenario is
/// read, so that a misspelt metric, standard or regime is refused up front, not found as
/// "no value" after a run.
public enum SummaryMetrics {
    /// The paths of the fixed metrics (``Metric``), in `summary.json` order.
    static let fixedPaths: [String] = Metric.allCases.map(\.rawValue)
    /// The fields of a standard (``StandardField``), in `summary.json` order.
    static let standardFields = StandardField.all.map(\.name)
    /// Names that were renamed, with what to write instead.
    static let renamed = ["cases": "'cases' is now 'cases_seen' (cases on the books at any time in the period); the mean caseload is 'caseload.mean'",
                          "dropped_hours": "'dropped_hours' is now 'unmet_hours.total' (by activity: 'unmet_hours.by_activity.<activity>')"]

    /// Why a metric path cannot be checked, or nil when it names a summary metric.
    ///
    /// - Parameters:
    ///   - path: the dotted path, e.g. `standards.monthly-f2f.met_rate`.
    ///   - standards: for each variant the expectation applies to, its name and the standard ids it scores.
    ///   - activities: the scenario's activity ids.
    public static func problem(with path: String, standards: [(variant: String, ids: [String])],
                               activities: [String] = ActivityTable.builtIn.kinds.map(\.id)) -> String? {
        if fixedPaths.contains(path) { return nil }
        if case .caseloadBand = MetricPath(path) { return nil }
        if let g = MetricPath.bandPrefixes.firstIndex(where: { path.hasPrefix($0) }) {
            let band = String(path.dropFirst(MetricPath.bandPrefixes[g].count))
            return "unknown caseload band '\(band)'" + hint(band, CaseloadBands.labels) + "; the bands are: \(CaseloadBands.labels.joined(separator: ", "))"
        }
        if let why = renamed[path] { return why }
        let parts = path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        if parts.count == 3 && ActivityFigure(rawValue: parts[0]) != nil && parts[1] == "by_activity" {
            let names = activities
            if names.contains(parts[2]) { return nil }
            return "unknown activity '\(parts[2])'" + hint(parts[2], names) + "; the activities are: \(names.joined(separator: ", "))"
        }
        if parts.count == 3 && parts[0] == "standards" {
            let id = parts[1]
            if !standardFields.contains(parts[2]) {
                return "unknown standard field '\(parts[2])'" + hint(parts[2], standardFields) + "; expected one of: \(standardFields.joined(separator: ", "))"
            }
            let all = standards.flatMap(\.ids).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
            guard all.contains(id) else {
                return "no regime run here scores a standard '\(id)'" + hint(id, all) + "; the standards are: \(all.joined(separator: ", "))"
            }
            let lacking = standards.filter { !$0.ids.contains(id) }.map(\.variant)
            if !lacking.isEmpty {
                let having = standards.filter { $0.ids.contains(id) }.map(\.variant)
                return "'\(id)' is not scored by \(lacking.joined(separator: ", ")); name the regime with 'regime:' (it is scored by \(having.joined(separator: ", ")))"
            }
            return nil
        }
        let examples = fixedPaths + ActivityFigure.allCases.map { $0.prefix + "<activity>" }
            + ["caseload_per_practitioner[.by_grade.<PO|PSO>].bands.<band>", "standards.<standard>.<field>"]
        return "unknown metric '\(path)'" + hint(path, fixedPaths) + "; expected one of: \(examples.joined(separator: ", "))"
    }

    static func hint(_ word: String, _ among: [String]) -> String {
        didYouMean(word, among: among).map { " (did you mean '\($0)'?)" } ?? ""
    }
}
