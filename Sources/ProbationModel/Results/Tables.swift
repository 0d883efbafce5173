import Foundation
import SimulationCore
import ProbationRules

/// The tidy CSV tables of the output folder: one row per observation, fixed precision, a header line.
public enum Tables {
    static func row(_ fields: [String]) -> String { fields.map(csvField).joined(separator: ",") + "\n" }

    static func csvField(_ s: String) -> String {
        s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }

    static func fixed(_ x: Double, _ places: Int = 4) -> String { x.isFinite ? String(format: "%.\(places)f", x) : "" }

    /// `standards.csv`: one row per (regime, replication, week, standard) with outcome counts; week_start is the week the standard fell due.
    /// Standards come in their regime's rule order (``Regime/standards``), any others after them alphabetically.
    public static func standards(_ scenario: Scenario, _ results: [ReplicationResult], variants: [Variant] = []) -> String {
        var out = row(["scenario", "regime", "replication", "week_start", "standard", "due", "met", "met_late", "missed_capacity",
                       "missed_nonattendance", "not_applicable", "met_rate"])
        for r in results {
            let order = variants.first { $0.name == r.regime }?.regime.standards.map(\.id) ?? []
            let position = Dictionary(order.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
            let ids = r.standardsByWeek.keys.sorted { (position[$0] ?? Int.max, $0) < (position[$1] ?? Int.max, $1) }
            for id in ids {
                for (week, c) in r.standardsByWeek[id]!.sorted(by: { $0.key < $1.key }) {
                    let due = c[0] + c[1] + c[2] + c[3]
                    out += row([scenario.name, r.regime, String(r.replication + 1), scenario.warmupEnd.adding(days: 7 * week).iso, id,
                                String(due)] + c.map(String.init) + [due > 0 ? fixed(Double(c[0]) / Double(due)) : ""])
                }
            }
        }
        return out
    }

    /// `hours_weekly.csv`: one row per (regime, replication, week, activity), hours done that week.
    public static func hoursWeekly(_ scenario: Scenario, _ results: [ReplicationResult]) -> String {
        var out = row(["scenario", "regime", "replication", "week_start", "activity", "hours"])
        for r in results {
            for w in r.weeks {
                for (k, a) in scenario.activities.kinds.enumerated() {
                    out += row([scenario.name, r.regime, String(r.replication + 1), w.weekStart.iso, a.id,
                                fixed((k < w.minutesByActivity.count ? w.minutesByActivity[k] : 0) / 60)])
                }
            }
        }
        return out
    }

    /// `unmet_work.csv`: one row per (regime, replication, activity): the work never done in the
    /// measured period (dropped after deferral, conventions §10), hours and pieces (by class of
    /// work in `summary.json`: `unmet_hours.by_class`).
    public static func unmetWork(_ scenario: Scenario, _ results: [ReplicationResult]) -> String {
        var out = row(["scenario", "regime", "replication", "activity", "unmet_hours", "unmet_items"])
        for r in results {
            for (k, a) in scenario.activities.kinds.enumerated() {
                out += row([scenario.name, r.regime, String(r.replication + 1), a.id,
                            fixed((k < r.unmetMinutesByActivity.count ? r.unmetMinutesByActivity[k] : 0) / 60),
                            String(k < r.unmetItemsByActivity.count ? r.unmetItemsByActivity[k] : 0)])
            }
        }
        return out
    }

    /// `caseload_weekly.csv`: one row per (regime, replication, week), measured at the week's start.
    public static func caseloadWeekly(_ scenario: Scenario, _ results: [ReplicationResult]) -> String {
        var out = row(["scenario", "regime", "replication", "week_start", "cases", "cases_in_custody", "caseload_mean",
                       "caseload_p90", "wmt_capacity_percent", "backlog_hours", "cases_pom_held"] + SupervisionPhase.allCases.map { "cases_\($0.rawValue)" }
                      + ["A", "B", "C", "D"].map { "cases_tier_\($0)" }
                      + ["wmt_capacity_percent_PO", "wmt_capacity_percent_PSO", "caseload_p10", "caseload_p50", "caseload_max"])
        for r in results {
            for w in r.weeks {
                let d = w.caseloadDistribution
                out += row([scenario.name, r.regime, String(r.replication + 1), w.weekStart.iso, String(w.cases), String(w.casesInCustody),
                            fixed(w.caseloadMean), fixed(w.caseloadP90), fixed(w.wmtPercent), fixed(w.backlogHours), String(w.casesPOMHeld)]
                            + SupervisionPhase.allCases.indices.map { String(w.casesByPhase.count > $0 ? w.casesByPhase[$0] : 0) }
                            + (0..<4).map { String(w.casesByTier.count > $0 ? w.casesByTier[$0] : 0) }
                            + [fixed(w.wmtPercentPO), fixed(w.wmtPercentPSO)]
                            + [1, 2, 4].map { d.count > $0 ? fixed(d[$0]) : "" })
            }
        }
        return out
    }

    /// `caseload_bands_weekly.csv`: one row per (regime, replication, week, grade, band): the
    /// practitioners (all, or of one grade) holding a number of cases in the band at the week's
    /// start. No rows with unlimited capacity.
    public static func caseloadBandsWeekly(_ scenario: Scenario, _ results: [ReplicationResult]) -> String {
        var out = row(["scenario", "regime", "replication", "week_start", "grade", "band", "practitioners"])
        for r in results {
            for w in r.weeks where w.caseloadDistribution.count == 48 {
                for (g, grade) in ["all", "PO", "PSO"].enumerated() {
                    for (b, band) in CaseloadBands.labels.enumerated() {
                        out += row([scenario.name, r.regime, String(r.replication + 1), w.weekStart.iso, grade, band,
                                    String(Int(w.caseloadDistribution[g * 16 + 5 + b]))])
                    }
                }
            }
        }
        return out
    }

    /// `measures.csv`: one row per (regime, replication, metric): every figure of `summary.json`
    /// for one replication (the values its means and intervals are taken over), by metric path.
    public static func measures(_ summary: Summary) -> String {
        var out = row(["scenario", "regime", "replication", "metric", "value"])
        for v in summary.study.variants {
            for r in summary.of(v.name) {
                for (path, value) in summary.measures(r).named {
                    out += row([summary.study.scenario.name, r.regime, String(r.replication + 1), path, fixed(value, 6)])
                }
            }
        }
        return out
    }

    /// `monthly.csv`: one row per (regime, replication, calendar month, measure), over the days of
    /// each month in the measured period (`month` is `YYYY-MM`). Measures are named as in
    /// `summary.json`: `caseload.mean`, `caseload.in_custody_mean`, `caseload.by_phase.<phase>`
    /// (means over the week starts in the month), `hours.total` and `hours.by_activity.<activity>`
    /// (hours done in the month), `fte_needed` (the month's case-work demand per week ÷ one FTE's
    /// case-work hours a week), `fte_in_post`, `case_holding_fte`, `wmt_capacity_percent`,
    /// `unmet_hours.total` (hours dropped in the month), and `standards.<id>.due` and
    /// `.met_rate` for the standards falling due in the month. A value with no meaning (no
    /// week start in the month, unlimited capacity, nothing due) is empty.
    public static func monthly(_ scenario: Scenario, _ results: [ReplicationResult], variants: [Variant] = []) -> String {
        var out = row(["scenario", "regime", "replication", "month", "measure", "value"])
        let activities = scenario.activities.kinds
        let court = activities.firstIndex { $0.id == "court_report" }
        for r in results {
            let variant = variants.first { $0.name == r.regime }
            let workforce = variant?.workforce ?? scenario.workforce
            let order = variant?.regime.standards.map(\.id) ?? []
            let position = Dictionary(order.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
            let ids = r.standardsByMonth.keys.sorted { (position[$0] ?? Int.max, $0) < (position[$1] ?? Int.max, $1) }
            for (m, month) in r.months.enumerated() {
                let lead = [scenario.name, r.regime, String(r.replication + 1), String(month.month.iso.prefix(7))]
                func add(_ measure: String, _ value: Double) { out += row(lead + [measure, fixed(value)]) }
                let weeks = Double(month.weeks)
                add("caseload.mean", weeks > 0 ? Double(month.cases) / weeks : .nan)
                add("caseload.in_custody_mean", weeks > 0 ? Double(month.casesInCustody) / weeks : .nan)
                for (k, phase) in SupervisionPhase.allCases.enumerated() {
                    add("caseload.by_phase.\(phase.rawValue)", weeks > 0 && k < month.casesByPhase.count ? Double(month.casesByPhase[k]) / weeks : .nan)
                }
                let minutes = { (k: Int) in k < month.minutesByActivity.count ? month.minutesByActivity[k] : 0 }
                add("hours.total", (month.minutesByActivity.reduce(0, +) - (court.map(minutes) ?? 0)) / 60)
                for (k, a) in activities.enumerated() { add("hours.by_activity.\(a.id)", minutes(k) / 60) }
                let monthWeeks = Double(month.days) / 7
                add("fte_needed", month.demandMinutes / 60 / monthWeeks / workforce.availableHoursPerFTEWeek)
                add("fte_in_post", workforce.isUnlimited ? .nan : workforce.hasFlows ? (month.fteInPostWeeks > 0 ? month.fteInPostSum / Double(month.fteInPostWeeks) : .nan)
                                                                             : workforce.fteInPost)
                add("case_holding_fte", month.caseHoldingWeeks > 0 ? month.caseHoldingFTESum / Double(month.caseHoldingWeeks) : .nan)
                add("wmt_capacity_percent", month.wmtWeeks > 0 ? month.wmtPercentSum / Double(month.wmtWeeks) : .nan)
                add("unmet_hours.total", month.unmetMinutes / 60)
                for id in ids {
                    guard let c = r.standardsByMonth[id]?[m] else { continue }
                    let due = c[0] + c[1] + c[2] + c[3]
                    add("standards.\(id).due", Double(due))
                    add("standards.\(id).met_rate", due > 0 ? Double(c[0]) / Double(due) : .nan)
                }
            }
        }
        return out
    }
}
