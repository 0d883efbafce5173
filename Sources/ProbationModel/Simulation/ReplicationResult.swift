import SimulationCore
import ProbationRules

/// One week's observations (a row of `hours_weekly.csv` and `caseload_weekly.csv`).
public struct WeekRow: Sendable, Codable {
    public var weekStart: Day
    /// Minutes of work done in the week, by activity row (the scenario's activity table, in order).
    public var minutesByActivity: [Double]
    /// Cases on the books at the week's start (in custody after recall included).
    public var cases: Int
    public var casesInCustody: Int
    /// People in custody held by a POM at the week's start (not in ``cases``).
    public var casesPOMHeld: Int = 0
    /// Cases on the books at the week's start by phase, in ``SupervisionPhase/allCases`` order
    /// (custody first; a recalled case counts as custody, a case a POM holds not at all).
    public var casesByPhase: [Int] = []
    /// Cases on the books at the week's start by tier letter (A, B, C, D).
    public var casesByTier: [Int] = []
    /// Cases per practitioner at the week's start, for all practitioners, the POs and the PSOs
    /// (in that order), 16 numbers each: mean, p10, p50, p90, max (NaN when the group has no
    /// practitioner, or with unlimited capacity), then the number of practitioners holding 0-9,
    /// 10-19, …, 90-99 and 100 or more cases.
    public var caseloadDistribution: [Double] = []
    /// Mean and 90th percentile of cases per practitioner.
    public var caseloadMean: Double
    public var caseloadP90: Double
    /// Overall WMT capacity % at the week's start (NaN with unlimited capacity).
    public var wmtPercent: Double
    /// Hours of deferred work still waiting at the week's start.
    public var backlogHours: Double
    /// WMT capacity % of POs and of PSOs at the week's start (NaN when the grade has no points available).
    public var wmtPercentPO: Double
    public var wmtPercentPSO: Double
    /// Case holders' contracted FTE less workload reductions at the week's start (NaN with unlimited capacity).
    public var caseHoldingFTE: Double
    /// Case holders in post (contracted FTE) and the court team's FTE at the week's start (nil
    /// with unlimited capacity). `fte_in_post` is its mean when the workforce has flows.
    public var fteInPost: Double? = nil
}

/// One calendar month's observations (the rows of `monthly.csv`), over the days of the month in
/// the measured period. Weekly snapshots are summed over the week starts falling in the month.
public struct MonthRow: Sendable, Codable {
    /// The first day of the calendar month.
    public var month: Day
    /// Days of the month in the measured period (a partial first or last month has fewer).
    public var days: Int
    /// Minutes of work done, by activity row.
    public var minutesByActivity: [Double]
    /// Minutes of case work demanded (done, and dropped; court reports apart), and dropped.
    public var demandMinutes = 0.0
    public var unmetMinutes = 0.0
    /// Week starts in the month, and the sums over them of: cases on the books, by phase
    /// (``SupervisionPhase/allCases`` order), in custody; WMT capacity % and case-holding FTE
    /// (over the week starts where finite, counted apart).
    public var weeks = 0
    public var cases = 0
    public var casesByPhase: [Int]
    public var casesInCustody = 0
    public var wmtPercentSum = 0.0
    public var wmtWeeks = 0
    public var caseHoldingFTESum = 0.0
    public var caseHoldingWeeks = 0
    /// The sum of the FTE in post over the week starts where finite, and their number.
    public var fteInPostSum = 0.0
    public var fteInPostWeeks = 0
}

/// The measures of one regime in one replication (after warm-up).
public struct ReplicationResult: Sendable, Codable {
    public var regime: String
    public var replication: Int
    /// Cases on the books at any time in the measured period.
    public var cases: Int = 0
    /// Attended contacts in the measured period: F2F (initial appointments and home visits included), home visits, other.
    public var f2fContacts = 0
    public var homeVisits = 0
    public var otherContacts = 0
    /// Contacts held in the measured period that the person was due to attend, attended or not.
    public var heldContacts = 0
    /// Minutes of work done, by activity row (the scenario's activity table, in order).
    public var minutesByActivity: [Double] = []
    /// Minutes of work done by practitioner grade (PO, PSO).
    public var minutesByGrade: [Double] = [0, 0]
    /// Minutes of case work demanded: done, plus due in the period but never done (court reports apart).
    public var demandMinutes = 0.0
    /// The same by the grade of the practitioner holding the case (PO, PSO).
    public var demandMinutesByGrade: [Double] = [0, 0]
    /// Minutes of case work done for cases of each tier letter (A-D) and in each phase
    /// (``SupervisionPhase/allCases`` order; a recalled case's work counts as custody).
    public var minutesByTier: [Double] = [0, 0, 0, 0]
    public var minutesByPhase: [Double] = [0, 0, 0, 0, 0]
    /// Minutes of the court team's reports (in ``minutesByActivity`` under the court row, not in ``totalMinutes``).
    public var courtMinutes = 0.0
    /// Standard id → counts by ``StandardOutcome`` (met, met_late, missed_capacity, missed_nonattendance, not_applicable).
    public var standards: [String: [Int]] = [:]
    public var weeks: [WeekRow] = []
    public var events: UInt64 = 0
    /// Cases simulated in all (warm-up included).
    public var casesSimulated = 0
    public var recalls = 0
    /// Recalls by cause, in ``RecallCause/allCases`` order: non-compliance (a breach of licence
    /// by unacceptable absence), risk or offending (the monthly hazard).
    public var recallsByCause: [Int] = [0, 0]
    /// The court's outcomes of breach reports on community and suspended sentence orders, in
    /// ``BreachOutcome/allCases`` order: continue, amend, revoke.
    public var breachOutcomes: [Int] = [0, 0, 0]
    public var unacceptableAbsences = 0
    public var deferrals = 0
    /// Minutes of work dropped because the diary had no room before it stopped counting (unmet).
    public var droppedMinutes = 0.0
    /// The same by activity row (its own, record-keeping and travel minutes each under their
    /// row), and the pieces of work dropped by their main row.
    public var unmetMinutesByActivity: [Double] = []
    public var unmetItemsByActivity: [Int] = []
    /// Minutes dropped by class of work when the day was full (``ActivityKind/GivesWay`` order).
    public var unmetMinutesByClass: [Double] = []
    /// Minutes of work done beyond the day's case-work minutes (`workforce.rationing.overtime_share`).
    public var overtimeMinutes = 0.0

    /// Minutes of case holders' work done (court reports apart).
    public var totalMinutes: Double { minutesByActivity.reduce(0, +) - courtMinutes }

    /// Standard id → week index (from the warm-up end) → counts by outcome.
    public var standardsByWeek: [String: [Int: [Int]]] = [:]
    /// The measured period's calendar months, in order (`monthly.csv`).
    public var months: [MonthRow] = []
    /// Standard id → measured month index (into ``months``) → counts by outcome.
    public var standardsByMonth: [String: [Int: [Int]]] = [:]

    mutating func tally(_ standard: String, _ outcome: StandardOutcome, week: Int, count: Int = 1) {
        standards[standard, default: [0, 0, 0, 0, 0]][outcome.index] += count
        standardsByWeek[standard, default: [:]][week, default: [0, 0, 0, 0, 0]][outcome.index] += count
    }

    mutating func tally(_ standard: String, _ outcome: StandardOutcome, month: Int, count: Int = 1) {
        standardsByMonth[standard, default: [:]][month, default: [0, 0, 0, 0, 0]][outcome.index] += count
    }
}

/// Why a case on licence is recalled.
public enum RecallCause: String, Sendable, CaseIterable {
    /// Unacceptable absences (a breach of the licence's conditions of contact).
    case nonCompliance = "non_compliance"
    /// Risk escalation or further offending (the monthly hazard by RoSH).
    case riskOrOffending = "risk_or_offending"
}

/// The court's outcome of a breach of a community or suspended sentence order.
public enum BreachOutcome: String, Sendable, CaseIterable {
    /// No change: the order continues as it was.
    case `continue`
    /// The order continues, amended: a review of the sentence plan is booked.
    case amend
    /// The order is revoked: supervision ends that day.
    case revoke
}
