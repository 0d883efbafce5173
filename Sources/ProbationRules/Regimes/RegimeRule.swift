import SimulationCore

/// What a contact is: what it counts towards and how long it takes (activities).
public enum ContactKind: String, CaseIterable, Sendable {
    /// The first appointment after sentence or release (a face-to-face office appointment).
    case initialAppointment = "initial_appointment"
    /// A face-to-face appointment with the practitioner.
    case f2f
    /// A face-to-face contact at the person's home (counts as F2F).
    case homeVisit = "home_visit"
    /// A phone or video contact, or one by another professional.
    case other
    /// Writing the sentence plan: a task, not a contact.
    case sentencePlan = "sentence_plan"
    /// The start of unpaid work (an induction by the UPW team; the practitioner arranges it).
    case upwStart = "upw_start"
    /// The unpaid work assessment (risk and need, for a placement; ns2021 within 5 WD).
    case upwAssessment = "upw_assessment"
    /// A contact by another professional (NSD's second weekly contact): counts as a contact, no practitioner minutes.
    case otherProfessional = "other_professional"
    /// The pre-release sentence plan (custody phase, conventions §8): a task.
    case preReleasePlan = "pre_release_plan"
    /// A contact with a person in custody before release (visit, video or call).
    case custodyContact = "custody_contact"
    /// The termination assessment and plan before the end of supervision: a task, not a contact.
    case terminationAssessment = "termination_assessment"

    /// Whether it counts as face-to-face with the practitioner (the activity table's `counts_as: f2f`).
    public var isF2F: Bool { ContactKind.countsAs[position] == .f2f }
    /// Whether it is a supervision contact, counted by the contact standards (`counts_as` f2f or
    /// contact); tasks and the UPW start and assessment are not.
    public var isContact: Bool { ContactKind.countsAs[position] != .none }

    /// What each kind counts as, by position, from the shipped activity table's row that books it.
    static let countsAs: [ActivityKind.CountsAs] = ContactKind.allCases.map { kind in
        ActivityTable.builtIn.index(bookedBy: kind.rawValue).map { ActivityTable.builtIn.kinds[$0].countsAs } ?? .none
    }

    /// Its position in `allCases`.
    var position: Int {
        switch self {
        case .initialAppointment: return 0
        case .f2f: return 1
        case .homeVisit: return 2
        case .other: return 3
        case .sentencePlan: return 4
        case .upwStart: return 5
        case .upwAssessment: return 6
        case .otherProfessional: return 7
        case .preReleasePlan: return 8
        case .custodyContact: return 9
        case .terminationAssessment: return 10
        }
    }
}

/// Whether a rule is scored, only drives the plan, or both.
public enum RuleRole: String, Sendable, CaseIterable {
    case scored, planning, both
    var scores: Bool { self != .planning }
    var plans: Bool { self != .scored }
}

/// The event a deadline counts from.
public enum DeadlineTrigger: String, Sendable, CaseIterable {
    /// The sentence date (CO/SSO).
    case sentence
    /// Allocation to the responsible officer (sentence + the allocation lag).
    case allocation
    /// Release from custody (licence).
    case release
    /// The first appointment (held or offered).
    case firstAppointment = "first_appointment"
    /// Re-release after a recall (including release onto PSS after a recall).
    case recallRelease = "recall_release"
    /// The end of supervision, counted back: the window opens `working_days` working days before
    /// the end, and the work is due by the last working day before it.
    case end
}

/// Which cases a rule applies to; every given condition must hold.
public struct RuleScope: Sendable, Equatable {
    /// Phases the rule covers (empty = every phase but custody: only a rule naming `custody` applies in it).
    public var phases: Set<SupervisionPhase> = []
    /// The case must have at least one of these requirements (empty = no condition).
    public var requirementsAny: Set<Requirement> = []
    /// The case must have at least one of these flags (empty = no condition).
    public var flagsAny: Set<CohortFlag> = []
    /// The case's RoSH must be one of these (empty = any).
    public var rosh: Set<RoSH> = []
    /// Licence cases only: the custodial sentence must be at least this many months.
    public var minimumCustodyMonths: Int?
    public var excludeStandaloneUPW = false
    public var excludeStandaloneRestrictive = false

    public init() {}

    /// Whether the scope holds for a case in a phase.
    public func holds(for spec: CaseSpec, phase: SupervisionPhase, custodyMonths: Int?) -> Bool {
        if phases.isEmpty ? phase == .custody : !phases.contains(phase) { return false }
        if !requirementsAny.isEmpty && requirementsAny.isDisjoint(with: spec.requirements) { return false }
        if !flagsAny.isEmpty && flagsAny.isDisjoint(with: spec.flags) { return false }
        if !rosh.isEmpty && !rosh.contains(spec.rosh) { return false }
        if let m = minimumCustodyMonths, (custodyMonths ?? 0) < m { return false }
        if excludeStandaloneUPW && spec.isStandaloneUPW { return false }
        if excludeStandaloneRestrictive && spec.isStandaloneRestrictive { return false }
        return true
    }
}

/// An exemption from suspension (Reset): a flag, or a RoSH level.
public enum Exemption: Hashable, Sendable {
    case flag(CohortFlag)
    case rosh(RoSH)

    package func holds(for spec: CaseSpec) -> Bool {
        switch self {
        case .flag(let f): return spec.flags.contains(f)
        case .rosh(let r): return spec.rosh == r
        }
    }
}

/// What a rule asks for.
public enum RuleRequirement: Sendable, Equatable {
    /// One contact of `contact` kind within `workingDays` of the trigger (held or offered by
    /// then); with `calendarDays` the count is in calendar days instead.
    case deadline(trigger: DeadlineTrigger, workingDays: Int, contact: ContactKind, calendarDays: Bool = false)
    /// At least `count` attended F2F in every calendar month (booked in months the unsuspended
    /// period covers for ≥ N days; scored on months wholly inside the period).
    case perCalendarMonth(count: Int)
    /// At least `contacts` contacts, `f2f` of them attended F2F, in every 7-day block for `weeks`
    /// weeks from the phase start; home visits every `visitEveryDays` days for the first
    /// `visitWeeks` weeks count as that week's F2F.
    case weekly(contacts: Int, f2f: Int, weeks: Int, visitEveryDays: Int, visitWeeks: Int)
    /// At least `count` F2F in months `fromMonth ... toMonth` of the period, booked every `everyDays` days from the first.
    case window(count: Int, fromMonth: Int, toMonth: Int, everyDays: Int)
    /// At least `count` F2F in every calendar month from month `fromMonth` of the period.
    case monthlyFrom(count: Int, fromMonth: Int)
    /// One F2F at a fraction of the phase, within ± `toleranceWorkingDays`.
    case phasePoint(fraction: Double, toleranceWorkingDays: Int)
    /// Planned contact and frequency standards stop from a fraction of the phase, unless exempt;
    /// with `reinstate`, a case that becomes exempt while suspended is reinstated, and with
    /// `resuspend`, suspended again when the exemption lapses.
    case suspension(fromFraction: Double, exemptions: Set<Exemption>, reinstate: Bool, resuspend: Bool = false)
    /// What follows an unacceptable absence (see ``EnforcementPolicy``).
    case enforcement(EnforcementPolicy)
    /// What follows a licence recall (see ``RecallPolicy``).
    case recall(RecallPolicy)
    /// Who holds a custodial case before release, its pre-release plan and contact (see ``CustodyRule``).
    case custody(CustodyRule)
}

/// After an unacceptable absence (day 0): a warning letter by `letter` WD, a decision by
/// `decision` WD, and, on the `breachAfter`-th unacceptable absence within `withinMonths` months
/// of the same phase, a breach report by `breach` WD and a summons by `summons` WD. A nil step is
/// not required (no task, no standard).
public struct EnforcementPolicy: Sendable, Equatable {
    public var letter: Int?
    public var decision: Int?
    public var breach: Int?
    public var summons: Int?
    public var breachAfter = 2
    public var withinMonths = 12
    /// Whether the warning letter is also sent on the occasion breach is taken (ns2021's letter
    /// after every failure); false: a warning *or* breach action (`001:680`).
    public var letterWithBreach = true
    /// Whether earlier warnings are spent once breach is taken (15-E9).
    public var warningsSpentOnBreach = true

    public init(letter: Int? = nil, decision: Int? = nil, breach: Int? = nil, summons: Int? = nil, breachAfter: Int = 2, withinMonths: Int = 12) {
        self.letter = letter
        self.decision = decision
        self.breach = breach
        self.summons = summons
        self.breachAfter = breachAfter
        self.withinMonths = withinMonths
    }
}

/// After the decision to recall (a licence absence): the recall report within `actionWorkingDays`
/// (or `emergencyWorkingDays` for the share of recalls that are emergencies); a review of the
/// assessment and plan after every recall; and on a standard recall the risk management plan
/// within `riskPlanWorkingDays`. A nil step is not required.
public struct RecallPolicy: Sendable, Equatable {
    public var actionWorkingDays = 1
    /// Emergency recall action (2 hours is read as the same working day: 0).
    public var emergencyWorkingDays: Int?
    /// The review of the assessment and plan after a recall (`002:386`), by this many WD (not scored).
    public var reviewWorkingDays: Int?
    /// The risk management plan after a standard recall (KPI UM02SL010), scored.
    public var riskPlanWorkingDays: Int?

    public init(actionWorkingDays: Int = 1, emergencyWorkingDays: Int? = nil, reviewWorkingDays: Int? = nil, riskPlanWorkingDays: Int? = nil) {
        self.actionWorkingDays = actionWorkingDays
        self.emergencyWorkingDays = emergencyWorkingDays
        self.reviewWorkingDays = reviewWorkingDays
        self.riskPlanWorkingDays = riskPlanWorkingDays
    }
}

/// One rule of a regime: who it applies to, what it asks, and where it comes from.
public struct RegimeRule: Sendable, Equatable {
    /// The rule's name, unique in a regime (a regime that extends another replaces a rule by repeating its id).
    public var id: String
    /// The standard id it reports under (e.g. `first-appointment`); defaults to the rule id.
    public var standard: String
    public var role: RuleRole
    public var scope: RuleScope
    public var requirement: RuleRequirement
    /// The rule in plain English.
    public var text: String
    /// Source document and paragraph (e.g. `002:255, NS2021 5.4`).
    public var source: String
    /// Notes on the reading chosen where the documents are ambiguous.
    public var reading: String?
    /// Ids for the separately scored parts of a weekly, enforcement or recall rule (`standards:`
    /// in the file, e.g. `letter: enforcement-letter`); a part not named is `<standard>-<part>`.
    public var parts: [String: String] = [:]
}

/// A contact regime: a named list of rules.
public struct Regime: Sendable, Equatable {
    public var name: String
    public var description: String
    /// The regime this one extends, if any.
    public var base: String?
    public var rules: [RegimeRule]
    /// Where the regime was read from (a built-in name or a file path).
    public var origin: String

    package init(name: String, description: String, base: String? = nil, rules: [RegimeRule], origin: String, isDefault: Bool = false) {
        self.name = name; self.description = description; self.base = base; self.rules = rules; self.origin = origin; self.isDefault = isDefault
    }
    /// Whether a scenario that names no regime runs this one (`default: true`, one built-in).
    public var isDefault = false
}
