import SimulationCore
import ProbationRules

/// A validated scenario: everything a run needs, with every default filled in.
///
/// Read from a file by ``ScenarioReader``; every key and its default is documented in the
/// README's scenario reference. Units: days and dates for time, minutes for activities,
/// hours per week for contracts.
public struct Scenario: Sendable {
    public var name: String
    public var description: String = ""
    /// The file it was read from (or `<inline>`).
    public var file: String = "<inline>"
    /// First simulated day.
    public var start: Day
    /// First day after the simulation (exclusive end).
    public var end: Day
    /// Results before this day are discarded.
    public var warmupEnd: Day
    public var replications: Int = 1
    public var seed: UInt64 = 1
    /// Regime names or files, as written (with `@P%` at each staffing level), one per variant of
    /// the study in the same order: `--regime` and `expect:` may name a variant this way.
    public var regimes: [String] = [RegimeLoader.defaultName]
    public var caseload = CaseloadSettings()
    public var behaviour = BehaviourSettings()
    /// The workforce as written (at 100%). Each variant simulates its own (``Variant/workforce``,
    /// scaled by its staffing level), and every output reads the variant's.
    public var workforce = WorkforceSettings()
    /// The activity table with the scenario's overrides and additions (`activities`).
    public var activities = ActivityTable.builtIn
    /// Planned F2F per calendar month by tier letter, on top of minimums.
    public var professionalJudgement: [Character: Int] = ["A": 4, "B": 2, "C": 1, "D": 1]
    public var reading = ReadingOptions()
    /// Re-suspend a reinstated Reset case when its exemption lapses (conventions §4 option; default off).
    public var resuspendWhenExemptionLapses = false
    /// One-off bank holidays (e.g. a coronation).
    public var extraHolidays: [Day] = []
    public var expectations: [Expectation] = []
    /// Workforce scales to compare (`staffing_levels`); each regime runs at each level as `name@P%`.
    public var staffingLevels: [Double] = [1]
    /// The `sweep:` block: what `probsim sweep` varies when no `--vary` is given (`run` ignores it).
    package var sweep: SweepBlock?

    public init(name: String, start: Day, end: Day, warmupEnd: Day? = nil) {
        self.name = name
        self.start = start
        self.end = end
        self.warmupEnd = warmupEnd ?? start
    }

    /// Measured weeks (after warm-up), as a real number.
    public var measuredWeeks: Double { Double(end.number - warmupEnd.number) / 7 }
}

/// One sentence type's share of generated cases and its lengths and requirements.
public struct SentenceMix: Sendable {
    public var type: SentenceType
    public var weight: Double
    /// The weight's step changes on dates (`weight: {schedule: [...]}`); empty: `weight`
    /// throughout (it is then the first step's value). A generated case's type is drawn with the
    /// weights in force on its sentence (or the start, for the initial caseload).
    public var weightSchedule: [ScheduledValue] = []

    /// The weight in force on `day`.
    public func weight(on day: Day) -> Double { weightSchedule.value(on: day) ?? weight }
    /// Order length (CO/SSO) or custodial sentence length (licence), in months.
    public var months: Distribution
    /// Probability of each requirement (CO/SSO).
    public var requirements: [(Requirement, Double)] = []
}

/// How cases are generated (`caseload`).
/// A release surge: `count` licence cases released on `on` (an early-release scheme), their
/// custodial sentence lengths drawn from `custodyMonths`, tier, RoSH and flags as generated cases'.
public struct ReleaseSurge: Sendable {
    public var on: Day
    public var count: Int
    public var custodyMonths: Distribution

    public init(on: Day, count: Int, custodyMonths: Distribution) {
        self.on = on
        self.count = count
        self.custodyMonths = custodyMonths
    }
}

public struct CaseloadSettings: Sendable {
    /// Cases on the books at the start, part-way through their sentences.
    public var initial = 0
    /// Poisson rate of new cases per week (with a schedule, its largest value).
    public var arrivalsPerWeek = 0.0
    /// Step changes of the arrival rate (`arrivals_per_week: {schedule: [...]}`), each rate from
    /// its day; empty: `arrivalsPerWeek` throughout.
    public var arrivalsSchedule: [ScheduledValue] = []
    public var sentences: [SentenceMix] = CaseloadSettings.defaultSentences
    /// Weights of the 16 tiers A3 ... D0.
    public var tiers: [(String, Double)] = CaseloadSettings.defaultTiers
    /// RoSH given the tier letter: letter → [(level, probability)].
    public var roshByTierLetter: [Character: [(RoSH, Double)]] = CaseloadSettings.defaultRoSH
    /// MAPPA probability by RoSH.
    public var mappaByRoSH: [RoSH: Double] = [.low: 0, .medium: 0.05, .high: 0.35, .veryHigh: 0.9]
    /// Probabilities of the other flags at case start.
    public var flagProbability: [CohortFlag: Double] = [.nsd: 0.002, .childProtection: 0.04, .isc: 0, .iom: 0.05]
    /// Named cases, exactly as given.
    public var cases: [CaseSpec] = []
    /// Release surges (`caseload.releases`): extra licence cases released on a day.
    public var releases: [ReleaseSurge] = []
    /// Share of custodial cases with a parole report before release (ASSUMPTION 0.1: see docs/scenario-format.md).
    public var paroleReportShare = 0.1
    /// A parole report is booked this many weeks before release (no earlier than the sentence or COM allocation).
    public var paroleReportWeeksBeforeRelease = 16

    public init() {}

    static let tierNames = CaseSpec.tierNames

    static let defaultSentences: [SentenceMix] = [
        SentenceMix(type: .communityOrder, weight: 0.45,
                    months: Distribution(.lognormal(median: 12, sigma: 0.4), min: 6, max: 36),
                    requirements: [(.rar, 0.7), (.upw, 0.45), (.drr, 0.06), (.atr, 0.04), (.mhtr, 0.02), (.curfew, 0.2)]),
        SentenceMix(type: .suspendedSentenceOrder, weight: 0.15,
                    months: Distribution(.lognormal(median: 18, sigma: 0.3), min: 6, max: 24),
                    requirements: [(.rar, 0.6), (.upw, 0.5)]),
        SentenceMix(type: .licence, weight: 0.40,
                    months: Distribution(.lognormal(median: 20, sigma: 0.9), min: 1, max: 240)),
    ]
    static let defaultTiers: [(String, Double)] = zip(tierNames, [2, 3, 3, 1, 8, 12, 8, 3, 8, 14, 10, 4, 5, 9, 6, 4].map(Double.init)).map { ($0, $1) }
    static let defaultRoSH: [Character: [(RoSH, Double)]] = [
        "A": [(.high, 0.6), (.veryHigh, 0.4)], "B": [(.medium, 0.6), (.high, 0.4)],
        "C": [(.low, 0.4), (.medium, 0.6)], "D": [(.low, 1.0)],
    ]
}

/// How people behave (`behaviour`).
public struct BehaviourSettings: Sendable {
    /// Probability a booked contact is attended, by tier letter.
    public var attendance: [Character: Double] = ["A": 0.85, "B": 0.85, "C": 0.88, "D": 0.92]
    /// Step changes of attendance (`attendance: {schedule: [...]}`): one probability for every
    /// tier letter from each day (``attendance`` holds the first); empty: ``attendance`` throughout.
    public var attendanceSchedule: [ScheduledValue] = []
    /// Share of non-attendances judged acceptable.
    public var acceptableAbsence = 0.5
    /// Monthly RoSH transition probabilities: from → [(to, probability)].
    public var roshMonthly: [RoSH: [(RoSH, Double)]] = [
        .low: [(.medium, 0.01)], .medium: [(.low, 0.02), (.high, 0.01)],
        .high: [(.medium, 0.03), (.veryHigh, 0.005)], .veryHigh: [(.high, 0.05)],
    ]
    /// Monthly probability that a flag switches on.
    public var monthlyHazards: [CohortFlag: Double] = [.mappa: 0.001, .nsd: 0, .childProtection: 0.002]
    /// Probability that an unacceptable absence on licence leads to recall.
    public var recallPerUnacceptableAbsence = 0.15
    /// Share of recalls that are fixed-term.
    public var fixedTermShare = 0.7
    /// Days in custody on a fixed-term recall, by the case's custodial sentence length: the first
    /// band whose bound is above the sentence wins; the last has no bound. Default 14 days for
    /// every sentence: "Fixed Term recall of 14 days for most recalls" (seed 004:252, the 2024 rule).
    public var fixedTermBands: [FixedTermBand] = [FixedTermBand(sentenceMonthsUnder: nil, days: 14)]
    /// Monthly hazard of recall for risk escalation or further offending, by RoSH, for a case on
    /// licence and not in custody (drawn at each month start). ASSUMPTION: small values rising
    /// with risk, so that with the default breach recalls recalls for these causes are a minority
    /// of the total; see docs/scenario-format.md. Multiplied by ``recallHazardScale``.
    public var recallHazardPerMonth: [RoSH: Double] = [.low: 0.004, .medium: 0.008, .high: 0.012, .veryHigh: 0.015]
    /// Multiplies every level of ``recallHazardPerMonth`` (for a calibration to tune; default 1).
    public var recallHazardScale = 1.0
    /// The court's outcome of a breach report on a community or suspended sentence order, as
    /// shares adding up to 1: continue (no change), amend (the order continues; a sentence-plan
    /// review is booked) and revoke (the order ends that day). ASSUMPTION 0.45 / 0.35 / 0.20; see
    /// docs/scenario-format.md (published-figures B11-B13 give context).
    public var breachOutcomes = BreachOutcomeShares(continue: 0.45, amend: 0.35, revoke: 0.20)
    /// Share of recalls that are emergencies (recall action within 2 hours: the same working day).
    public var emergencyRecallShare = 0.0
    /// Days in custody on a standard recall.
    public var standardDays = Distribution(.gamma(mean: 120, sd: 60), min: 1)
    /// Working days after a non-attendance at which the contact is rebooked.
    public var rebookAfterWorkingDays = 2
    /// How many times one planned contact is rebooked after non-attendance at most.
    public var maxRebookings = 2

    public init() {}

    /// Days in custody on a fixed-term recall for a custodial sentence of `sentenceMonths`.
    public func fixedTermDays(sentenceMonths: Int) -> Int {
        for band in fixedTermBands {
            guard let bound = band.sentenceMonthsUnder else { return band.days }
            if Double(sentenceMonths) < bound { return band.days }
        }
        return fixedTermBands.last?.days ?? 14
    }

    /// Days in custody on a fixed-term recall when there is one band for every sentence (the
    /// last band's days otherwise); setting it gives one band for all.
    public var fixedTermDays: Int {
        get { fixedTermBands.last?.days ?? 14 }
        set { fixedTermBands = [FixedTermBand(sentenceMonthsUnder: nil, days: newValue)] }
    }

    /// The monthly recall hazard for risk or offending at `rosh`, scale applied.
    public func recallHazard(_ rosh: RoSH) -> Double { (recallHazardPerMonth[rosh] ?? 0) * recallHazardScale }
}

/// A band of `behaviour.recall.fixed_term_days`: sentences under `sentenceMonthsUnder` months
/// (nil: any sentence) spend `days` in custody on a fixed-term recall.
public struct FixedTermBand: Sendable, Equatable {
    public var sentenceMonthsUnder: Double?
    public var days: Int
    public init(sentenceMonthsUnder: Double?, days: Int) {
        self.sentenceMonthsUnder = sentenceMonthsUnder
        self.days = days
    }
}

/// Shares of the court's outcomes of a breach of a community or suspended sentence order.
public struct BreachOutcomeShares: Sendable, Equatable {
    public var `continue`: Double
    public var amend: Double
    public var revoke: Double
    public init(continue: Double, amend: Double, revoke: Double) {
        self.continue = `continue`
        self.amend = amend
        self.revoke = revoke
    }
}

/// One group of practitioners (`workforce.practitioners[]`).
public struct PractitionerGroup: Sendable {
    public typealias Grade = PractitionerGrade
    public var grade: Grade
    public var count: Int
    /// Contracted hours per week.
    public var hoursPerWeek: Double = 37
    /// Share of contracted hours available for case work (read as 1 − the grade's
    /// `workforce.non_case_share` when the group does not give it).
    public var caseWorkShare: Double = 0.75
    /// The share's step changes on dates (`case_work_share: {schedule: [...]}`); empty: the share
    /// above throughout (it is then the first step's value). FTE needed is counted in FTE weeks
    /// at the share at the start.
    public var caseWorkShareSchedule: [ScheduledValue] = []
    /// The head count's step changes on dates (`count: {schedule: [...]}`, whole people); empty:
    /// `count` throughout (it is then the first step's value). A rise joins practitioners of the
    /// group; a fall sees its latest joiners in post leave, their cases reallocated.
    public var countSchedule: [ScheduledValue] = []
    /// A cohort with a WMT workload reduction (trainees, newly qualified officers), if any.
    public var cohort: WorkloadCohort?
    /// Months of the cohort's period already served at the scenario's start.
    public var monthsInTraining = 0.0
    /// A standing WMT workload reduction (share of available points and case minutes removed:
    /// part-time working, union and specialist duties, protected caseloads), on top of a
    /// cohort's (`reduction`; default 0).
    public var reduction = 0.0
}

/// Staff (`workforce`). With no practitioners listed, capacity is unlimited (hours are still measured).
public struct WorkforceSettings: Sendable {
    public var practitioners: [PractitionerGroup] = []
    /// The highest RoSH a PSO may hold.
    public var psoMaxRoSH: RoSH = .medium
    public var leaveDaysPerYear = 27.0
    /// Share of working time lost to sickness.
    public var sicknessShare = 0.04
    /// Work with no deadline (professional-judgement contacts, reactive work) deferred for
    /// more than this many working days is dropped; frequency contacts are dropped once their window ends.
    public var maxDeferralWorkingDays = 10
    /// WMT nominal target points for a full-time (37 h) PO and PSO (published-figures §1b).
    public var nominalTargetPoints: [PractitionerGroup.Grade: Double] = [.PO: 2176, .PSO: 2176]
    /// Share of contracted hours each grade gives to training, supervision and meetings (not
    /// case work): a group's case-work share is 1 minus it unless the group gives its own.
    public var nonCaseShare: [PractitionerGroup.Grade: Double] = WorkforceSettings.defaultNonCaseShare
    /// The court team: pre-sentence reports, a work stream apart from case holders.
    public var courtTeam = CourtTeamSettings()
    /// How work gives way when a day is full (`workforce.rationing`, conventions §10).
    public var rationing = RationingSettings()
    /// Practitioners joining on dates (`workforce.intakes`), in date order.
    public var intakes: [WorkforceIntake] = []
    /// The yearly rate at which practitioners of each grade leave (`workforce.attrition_per_year`;
    /// a grade left out: none leave). Drawn month by month at r / 12 a practitioner.
    public var attritionPerYear: [PractitionerGroup.Grade: Double] = [:]

    public init() {}

    public var isUnlimited: Bool { practitioners.isEmpty }

    /// Whether the workforce changes over the run (intakes, or attrition above zero).
    public var hasFlows: Bool { !intakes.isEmpty || attritionPerYear.values.contains { $0 > 0 } }

    /// Case-work hours a full-time-equivalent (37 h) practitioner gives in a week, on average
    /// over the workforce: 37 × case-work share × (1 − sickness) × (1 − leave / 253 working days).
    public var availableHoursPerFTEWeek: Double {
        let groups = practitioners.isEmpty ? [PractitionerGroup(grade: .PO, count: 1)] : practitioners
        let heads = groups.reduce(0.0) { $0 + Double($1.count) * $1.hoursPerWeek / 37 }
        let share = heads > 0 ? groups.reduce(0.0) { $0 + Double($1.count) * $1.hoursPerWeek / 37 * $1.caseWorkShare } / heads : 0.75
        return 37 * share * availability
    }

    /// Share of working days a practitioner is at work: (1 − sickness) × (1 − leave / 253).
    public var availability: Double { (1 - sicknessShare) * max(0, 1 - leaveDaysPerYear / 253) }

    /// FTE in post: the case holders' contracted hours / 37, plus the court team's FTE.
    public var fteInPost: Double { practitioners.reduce(0.0) { $0 + Double($1.count) * $1.hoursPerWeek / 37 } + courtTeam.fte }
}

/// Practitioners joining on a day (`workforce.intakes[]`): `group.count` of them, each with the
/// group's grade, hours and cohort. A PQiP intake (`cohort: pqip`, written `grade: PO`) is
/// PSO-grade while its cohort's reduction lasts (18 months) and a PO from then on.
public struct WorkforceIntake: Sendable {
    public var on: Day
    public var group: PractitionerGroup

    public init(on: Day, group: PractitionerGroup) {
        self.on = on
        self.group = group
    }
}

/// How work gives way when a practitioner's day is full (`workforce.rationing`, conventions §10).
public struct RationingSettings: Sendable {
    /// The classes of work in the order they give way, first to last (each once). A day's work
    /// is done last-to-give-way first, so the first classes are the ones deferred and dropped.
    public var order: [ActivityKind.GivesWay] = ActivityKind.GivesWay.allCases
    /// Minutes a practitioner may work beyond their case-work minutes in a day before work
    /// gives way, as a share of them (reported apart as overtime). ASSUMPTION 0.10: staff report
    /// working well over their hours (published-figures §4 T6: "150–200% of contracted hours",
    /// unverified); 10% is a conservative sustained figure.
    public var overtimeShare = 0.10
    /// Deadline work that goes late (`waits_until_done`, not statutory) is dropped, its
    /// standard missed (capacity), once this many working days past its deadline. ASSUMPTION
    /// 20 (about a month): a review a month late is superseded by the next month's work.
    public var maxLateWorkingDays = 20

    public init() {}

    /// Each class's urgency within a day: 0 for the class that gives way first, up to 4 for the last.
    public var urgency: [ActivityKind.GivesWay: Int] {
        Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
    }
}

/// One `expect:` entry: a bound on a summary metric.
public struct Expectation: Sendable {
    /// A regime name, or nil for every regime.
    public var regime: String?
    /// Dotted metric path, e.g. `standards.monthly-f2f.met_rate`.
    public var metric: String
    public var min: Double?
    public var max: Double?
    /// Where it was written (for messages).
    public var place: String
    /// The published figure the bound stands for, with its source (`published:`; shown in the
    /// report's "Against published figures"), if the entry is a calibration target.
    public var published: String? = nil
}
