/// A cohort of practitioners whose WMT workload is reduced while they train or settle in
/// (published-figures §1b and §4 C5, from the hmpps-workload seed data).
public enum WorkloadCohort: String, Sendable, CaseIterable {
    /// Professional Qualification in Probation trainees: 80%, 60%, 40% in months 0-6, 6-12, 12-18.
    case pqip
    /// Newly qualified officers: 20% for their first 9 months.
    case nqo

    /// The share of available WMT points and case hours removed after `months` in the cohort.
    public func reduction(afterMonths months: Double) -> Double {
        switch self {
        case .pqip: return months < 6 ? 0.8 : months < 12 ? 0.6 : months < 18 ? 0.4 : 0
        case .nqo: return months < 9 ? 0.2 : 0
        }
    }
}

/// The kinds of pre-sentence report (published-figures §4 B16, B18).
public enum CourtReportKind: String, Sendable, CaseIterable {
    /// An oral report on the day.
    case oral
    /// A fast delivery (written) report.
    case fast
    /// A standard delivery report.
    case standard
}

/// The court team (`workforce.court_team`): pre-sentence reports for the sentences the run
/// simulates, reported apart from case holders (not in their diaries, hours or FTE).
public struct CourtTeamSettings: Sendable {
    /// The team's FTE in post (added to `fte_in_post`, not to `case_holding_fte`).
    public var fte = 0.0
    /// Reports per sentence (a community or suspended sentence order starting in the run).
    /// ASSUMPTION 0.5: 98,154 reports in 2019/20 (B16, P) over about 200,000 sentences a year
    /// that probation supervises (E).
    public var reportsPerSentence = 0.5
    /// The mix of kinds: 52% oral, 45% fast, 3% standard (B16, P, 2019/20).
    public var mix: [CourtReportKind: Double] = [.oral: 0.52, .fast: 0.45, .standard: 0.03]
    /// Hours per report: standard 10.2 and fast 4.8 (C6, D from WMT points); oral 1 (ASSUMPTION:
    /// no WMT points, delivered on the day, B18).
    public var hours: [CourtReportKind: Double] = [.oral: 1, .fast: 4.8, .standard: 10.2]

    public init() {}

    /// The mean hours of one report (the mix's weights normalised).
    public var meanHoursPerReport: Double {
        let total = CourtReportKind.allCases.reduce(0.0) { $0 + (mix[$1] ?? 0) }
        guard total > 0 else { return 0 }
        return CourtReportKind.allCases.reduce(0.0) { $0 + (mix[$1] ?? 0) * (hours[$1] ?? 0) } / total
    }
}

extension WorkforceSettings {
    /// ASSUMPTION: a quarter of contracted hours for training, supervision and meetings for
    /// both grades (the former single case-work share of 0.75); no published split by grade.
    public static let defaultNonCaseShare: [PractitionerGroup.Grade: Double] = [.PO: 0.25, .PSO: 0.25]

    /// The court team's case-work hours a week per FTE: 37 × (1 − the PO non-case share) × availability.
    public var courtHoursPerFTEWeek: Double { 37 * (1 - (nonCaseShare[.PO] ?? 0.25)) * availability }

    /// Case-work hours a week one FTE of `grade` gives: 37 × the case-work share of the grade's
    /// groups (weighted by their contracted hours; 1 − the grade's non-case share when it has
    /// none) × availability.
    public func availableHoursPerFTEWeek(_ grade: PractitionerGroup.Grade) -> Double {
        let groups = practitioners.filter { $0.grade == grade }
        let heads = groups.reduce(0.0) { $0 + Double($1.count) * $1.hoursPerWeek }
        let share = heads > 0 ? groups.reduce(0.0) { $0 + Double($1.count) * $1.hoursPerWeek * $1.caseWorkShare } / heads
                              : 1 - (nonCaseShare[grade] ?? 0.25)
        return 37 * share * availability
    }

    /// The WMT reduction of a group's practitioner `monthsFromStart` months after their own start
    /// (the scenario's start for a group in post then, an intake's start for joiners): its
    /// cohort's and its standing `reduction`, combined as 1 − (1 − cohort) × (1 − standing).
    public static func reduction(_ g: PractitionerGroup, monthsFromStart: Double) -> Double {
        let cohort = g.cohort?.reduction(afterMonths: g.monthsInTraining + monthsFromStart) ?? 0
        return 1 - (1 - cohort) * (1 - g.reduction)
    }
}
