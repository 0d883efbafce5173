import ProbationRules
/// A figure of a variant with a fixed path in `summary.json`, in the order it is written there.
///
/// Each is a mean over replications in the summary and one number per replication in the
/// measures. Hours by activity and the standards' figures have paths of their own (see
/// ``MetricPath``).
public enum Metric: String, CaseIterable, Sendable {
    /// Cases on the books, the mean over measured weeks.
    case caseloadMean = "caseload.mean"
    /// Of which in custody (recalled), the mean over measured weeks.
    case caseloadInCustodyMean = "caseload.in_custody_mean"
    /// People in custody held by a prison offender manager (on no practitioner's caseload), the mean over measured weeks.
    case caseloadPOMHeldMean = "caseload.pom_held_mean"
    /// Everyone under probation supervision, POM-held included (the published count's definition), the mean over measured weeks.
    case caseloadUnderSupervisionMean = "caseload.under_supervision_mean"
    /// The share of everyone under supervision who is in custody (before release, or recalled), of the means.
    case caseloadCustodyShare = "caseload.custody_share"
    /// The drift of everyone under supervision: the least-squares slope of the weekly counts a
    /// year, over their mean (0.01: growing 1% a year).
    case caseloadTrendPerYear = "caseload.trend_per_year"
    /// Cases on the books by phase, the mean over measured weeks (recalled cases count as custody).
    case caseloadCustody = "caseload.by_phase.custody"
    case caseloadCommunityOrder = "caseload.by_phase.community_order"
    case caseloadSuspendedSentenceOrder = "caseload.by_phase.suspended_sentence_order"
    case caseloadLicence = "caseload.by_phase.licence"
    case caseloadPSS = "caseload.by_phase.pss"
    /// Cases on the books by tier letter, the mean over measured weeks.
    case caseloadTierA = "caseload.by_tier.A"
    case caseloadTierB = "caseload.by_tier.B"
    case caseloadTierC = "caseload.by_tier.C"
    case caseloadTierD = "caseload.by_tier.D"
    /// Cases on the books at any time in the measured period.
    case casesSeen = "cases_seen"
    case f2fContacts = "contacts.f2f"
    case homeVisits = "contacts.home_visit"
    case otherContacts = "contacts.other"
    /// Practitioner hours over the measured period.
    case hoursTotal = "hours.total"
    /// Practitioner hours per measured week.
    case hoursPerWeek = "hours.total_per_week"
    case poHours = "hours.by_grade.PO"
    case psoHours = "hours.by_grade.PSO"
    /// Case-work hours done for cases of each tier letter.
    case hoursTierA = "hours.by_tier.A"
    case hoursTierB = "hours.by_tier.B"
    case hoursTierC = "hours.by_tier.C"
    case hoursTierD = "hours.by_tier.D"
    /// Case-work hours done for cases in each phase (a recalled case's as custody).
    case hoursCustody = "hours.by_phase.custody"
    case hoursCommunityOrder = "hours.by_phase.community_order"
    case hoursSuspendedSentenceOrder = "hours.by_phase.suspended_sentence_order"
    case hoursLicence = "hours.by_phase.licence"
    case hoursPSS = "hours.by_phase.pss"
    /// Full-time equivalents the case work needs, demand included (the variant's own FTE week).
    case fteNeeded = "fte_needed"
    /// The same by the grade holding the case, each in its grade's FTE week.
    case fteNeededPO = "fte_needed_by_grade.PO"
    case fteNeededPSO = "fte_needed_by_grade.PSO"
    /// Full-time equivalents the court team's reports need.
    case courtFTENeeded = "court_fte_needed"
    /// The variant's FTE in post, court team included (no value with unlimited capacity).
    case fteInPost = "fte_in_post"
    /// Case holders' FTE less workload reductions, the mean over measured weeks.
    case caseHoldingFTE = "case_holding_fte"
    /// WMT points held over points available (reductions taken off), the mean over measured weeks.
    case wmtCapacityPercent = "wmt_capacity_percent"
    case wmtCapacityPercentPO = "wmt_capacity_percent_by_grade.PO"
    case wmtCapacityPercentPSO = "wmt_capacity_percent_by_grade.PSO"
    case caseloadPerPractitionerMean = "caseload_per_practitioner.mean"
    case caseloadPerPractitionerP10 = "caseload_per_practitioner.p10"
    case caseloadPerPractitionerP50 = "caseload_per_practitioner.p50"
    case caseloadPerPractitionerP90 = "caseload_per_practitioner.p90"
    case caseloadPerPractitionerMax = "caseload_per_practitioner.max"
    /// The same over one grade's practitioners.
    case caseloadPerPOMean = "caseload_per_practitioner.by_grade.PO.mean"
    case caseloadPerPOP10 = "caseload_per_practitioner.by_grade.PO.p10"
    case caseloadPerPOP50 = "caseload_per_practitioner.by_grade.PO.p50"
    case caseloadPerPOP90 = "caseload_per_practitioner.by_grade.PO.p90"
    case caseloadPerPOMax = "caseload_per_practitioner.by_grade.PO.max"
    case caseloadPerPSOMean = "caseload_per_practitioner.by_grade.PSO.mean"
    case caseloadPerPSOP10 = "caseload_per_practitioner.by_grade.PSO.p10"
    case caseloadPerPSOP50 = "caseload_per_practitioner.by_grade.PSO.p50"
    case caseloadPerPSOP90 = "caseload_per_practitioner.by_grade.PSO.p90"
    case caseloadPerPSOMax = "caseload_per_practitioner.by_grade.PSO.max"
    case backlogHours = "backlog_hours"
    case recalls
    /// Recalls by cause: non-compliance (unacceptable absences) and risk or offending (the monthly hazard).
    case recallsNonCompliance = "recalls_by_cause.non_compliance"
    case recallsRiskOrOffending = "recalls_by_cause.risk_or_offending"
    /// The court's outcomes of breach reports on community and suspended sentence orders.
    case breachContinue = "breach_outcomes.continue"
    case breachAmend = "breach_outcomes.amend"
    case breachRevoke = "breach_outcomes.revoke"
    case unacceptableAbsences = "unacceptable_absences"
    case deferrals
    /// Hours of work dropped after deferral: demand never met (conventions §10).
    case unmetHours = "unmet_hours.total"
    /// Unmet hours by the class the work was in when the day was full (conventions §10).
    case unmetHoursAboveMinimum = "unmet_hours.by_class.above_minimum"
    case unmetHoursReviewsAndAdmin = "unmet_hours.by_class.reviews_and_admin"
    case unmetHoursMinimumContacts = "unmet_hours.by_class.minimum_contacts"
    case unmetHoursRiskWork = "unmet_hours.by_class.risk_work"
    case unmetHoursStatutory = "unmet_hours.by_class.statutory"
    /// Pieces of work dropped after deferral.
    case unmetItems = "unmet_items.total"
    /// Hours worked beyond the case-work hours (`workforce.rationing.overtime_share`).
    case overtimeHours = "overtime_hours"
}

/// A figure kept by activity row: hours done, hours unmet, pieces of work unmet.
public enum ActivityFigure: String, CaseIterable, Sendable {
    case hours
    case unmetHours = "unmet_hours"
    case unmetItems = "unmet_items"

    /// The start of its paths: `hours.by_activity.`.
    public var prefix: String { rawValue + ".by_activity." }
}

/// A figure of a standard: the cases due, each outcome's count, or the share met.
public enum StandardField: Hashable, Sendable {
    /// Met, met late, missed for capacity or missed for non-attendance (not-applicable excluded).
    case due
    case outcome(StandardOutcome)
    /// Met on time over due (no value when nothing is due).
    case metRate

    /// Every field, in the order `summary.json` writes them.
    public static let all: [StandardField] = [.due] + StandardOutcome.allCases.map { .outcome($0) } + [.metRate]

    /// Its name in a metric path (`due`, `met_late`, `met_rate`).
    public var name: String {
        switch self {
        case .due: return "due"
        case .outcome(let o): return o.rawValue
        case .metRate: return "met_rate"
        }
    }

    /// The field named `name`, if there is one.
    public init?(name: String) {
        guard let field = StandardField.all.first(where: { $0.name == name }) else { return nil }
        self = field
    }
}

/// The path of a figure of a variant, as `expect:`, `--check`, `--target`, `--metric` and the
/// sweep's tables name it: `fte_needed`, `hours.by_activity.home_visit`,
/// `standards.monthly-f2f.met_rate`.
///
/// Parsing is total on the text: a standard id may itself contain dots (the field is what
/// follows the last one). ``SummaryMetrics`` explains why a path is refused.
package enum MetricPath: Hashable, Sendable, CustomStringConvertible {
    case metric(Metric)
    /// A figure of one activity (by id) over the measured period: its hours, unmet hours or unmet pieces.
    case byActivity(ActivityFigure, String)
    case standard(id: String, field: StandardField)
    /// Practitioners in one caseload band (``CaseloadBands/labels`` index) of a group (0 all,
    /// 1 POs, 2 PSOs): `caseload_per_practitioner.bands.10-19`,
    /// `caseload_per_practitioner.by_grade.PSO.bands.100+`.
    case caseloadBand(group: Int, band: Int)

    static let activityPrefix = ActivityFigure.hours.prefix
    static let standardPrefix = "standards."
    /// The prefix of a band's path by group (all, PO, PSO).
    static let bandPrefixes = ["caseload_per_practitioner.bands.", "caseload_per_practitioner.by_grade.PO.bands.",
                               "caseload_per_practitioner.by_grade.PSO.bands."]

    /// The path written as `text`, or nil when it names no figure.
    ///
    /// - Complexity: O(*m* + *a*) string comparisons for *m* metrics and *a* activities.
    package init?(_ text: String) {
        if let m = Metric(rawValue: text) {
            self = .metric(m)
        } else if let f = ActivityFigure.allCases.first(where: { text.hasPrefix($0.prefix) }) {
            let name = text.dropFirst(f.prefix.count)
            guard !name.isEmpty, !name.contains(".") else { return nil }
            self = .byActivity(f, String(name))
        } else if text.hasPrefix(MetricPath.standardPrefix) {
            let rest = text.dropFirst(MetricPath.standardPrefix.count)
            guard let dot = rest.lastIndex(of: "."), let field = StandardField(name: String(rest[rest.index(after: dot)...])) else { return nil }
            self = .standard(id: String(rest[..<dot]), field: field)
        } else if let g = MetricPath.bandPrefixes.firstIndex(where: { text.hasPrefix($0) }),
                  let b = CaseloadBands.labels.firstIndex(of: String(text.dropFirst(MetricPath.bandPrefixes[g].count))) {
            self = .caseloadBand(group: g, band: b)
        } else {
            return nil
        }
    }

    package var description: String {
        switch self {
        case .metric(let m): return m.rawValue
        case .byActivity(let f, let a): return f.prefix + a
        case .standard(let id, let field): return MetricPath.standardPrefix + id + "." + field.name
        case .caseloadBand(let g, let b): return MetricPath.bandPrefixes[g] + CaseloadBands.labels[b]
        }
    }

    /// Every band's path, all practitioners' bands first, then the POs', then the PSOs'.
    static let allBands: [MetricPath] = (0..<3).flatMap { g in CaseloadBands.labels.indices.map { MetricPath.caseloadBand(group: g, band: $0) } }
}

/// The bands of cases per practitioner that the caseload distribution counts practitioners in.
public enum CaseloadBands {
    /// `0-9`, `10-19`, …, `90-99`, `100+`.
    public static let labels: [String] = (0..<10).map { "\($0 * 10)-\($0 * 10 + 9)" } + ["100+"]
}
