import SimulationCore

/// A sentence type as written in scenario files.
public enum SentenceType: String, CaseIterable, Sendable, Codable {
    case communityOrder = "community_order"
    case suspendedSentenceOrder = "suspended_sentence_order"
    case licence
}

/// A phase of supervision: what a rule's `phases:` names (conventions §2).
public enum SupervisionPhase: String, CaseIterable, Sendable, Codable {
    /// From sentence to release of a custodial sentence (conventions §8); only rules naming it apply in it.
    case custody
    /// A community order's supervision period.
    case communityOrder = "community_order"
    /// A suspended sentence order's supervision period.
    case suspendedSentenceOrder = "suspended_sentence_order"
    /// From release to sentence end.
    case licence
    /// Post sentence supervision: after a licence from a custodial sentence under 2 years, until 12 months after release.
    case pss
}

/// A requirement of a community or suspended sentence order.
public enum Requirement: String, CaseIterable, Sendable, Codable {
    case rar, upw, drr, atr, mhtr, curfew, exclusion
    case prohibitedActivity = "prohibited_activity"
    case programme

    /// The restrictive requirements: a set of only these is "standalone restrictive".
    static let restrictive: Set<Requirement> = [.curfew, .exclusion, .prohibitedActivity]
}

/// Risk of Serious Harm level.
public enum RoSH: String, CaseIterable, Sendable, Codable, Comparable {
    case low, medium, high
    case veryHigh = "very_high"

    /// 0 (low) to 3 (very high). A switch, not `allCases.firstIndex`: this is on the hot path
    /// (every booking's priority) and `allCases` builds an array on each call.
    package var rank: Int {
        switch self {
        case .low: return 0
        case .medium: return 1
        case .high: return 2
        case .veryHigh: return 3
        }
    }
    public static func < (a: RoSH, b: RoSH) -> Bool { a.rank < b.rank }
}

/// A cohort flag that can switch contact rules on and off.
public enum CohortFlag: String, CaseIterable, Sendable, Codable {
    case mappa, nsd
    case childProtection = "child_protection"
    case isc, iom
}

/// One named case, exactly as a scenario gives it (`caseload.cases`).
public struct CaseSpec: Sendable, Equatable {
    public var id: String
    public var type: SentenceType
    /// Sentence date (CO/SSO) or release date (licence).
    public var start: Day
    /// Order length in months (CO/SSO).
    public var months: Int?
    /// Custodial sentence length in months (licence).
    public var custodyMonths: Int?
    /// A licence's sentence date as the scenario gave it (`sentenced:`), from which `start` (the release date) was worked out.
    public var sentenced: Day?
    public var requirements: Set<Requirement>
    /// Tier, e.g. `B2` (letter A-D for risk, digit 0-3 for change).
    public var tier: String
    public var rosh: RoSH
    public var flags: Set<CohortFlag>

    public init(id: String, type: SentenceType, start: Day, months: Int? = nil, custodyMonths: Int? = nil,
                requirements: Set<Requirement> = [], tier: String = "C2", rosh: RoSH = .medium, flags: Set<CohortFlag> = []) {
        self.id = id
        self.type = type
        self.start = start
        self.months = months
        self.custodyMonths = custodyMonths
        self.requirements = requirements
        self.tier = tier
        self.rosh = rosh
        self.flags = flags
    }

    /// The sixteen tiers, A3 to D0 (the order of `caseload.tiers` and of WMT's points per tier).
    package static let tierNames = ["A3", "A2", "A1", "A0", "B3", "B2", "B1", "B0", "C3", "C2", "C1", "C0", "D3", "D2", "D1", "D0"]

    /// The tier's letter (A-D), which sets attendance and professional judgement.
    public var tierLetter: Character { tier.first ?? "C" }

    /// Only unpaid work (conventions §2).
    public var isStandaloneUPW: Bool { requirements == [.upw] }

    /// Only curfew, exclusion or prohibited activity (conventions §2).
    public var isStandaloneRestrictive: Bool {
        !requirements.isEmpty && requirements.isSubset(of: Requirement.restrictive)
    }
}

/// Settings that choose between readings of the standards (conventions *(option)*s).
public struct ReadingOptions: Sendable, Equatable {
    /// Share of a custodial sentence served before release (conventions §2; 0.4 for SDS40).
    public var releaseFraction: Double = 0.5
    /// A calendar month is booked when the unsuspended supervision period covers at least this many days of it (conventions §3).
    public var minimumDaysToBookMonth: Int = 14
    /// Working days from sentence to allocation to the responsible officer (ns2015's trigger).
    public var allocationLagWorkingDays: Int = 1
    /// Share of NSD's second weekly contacts done by the practitioner; the rest are by another
    /// professional (conventions §7; default 1: all by the practitioner).
    public var nsdPractitionerShare: Double = 1
    /// Custodial cases are on the caseload from sentence, in phase `custody` until release
    /// (`caseload.custody_phase`, conventions §8; false: they join at release).
    public var custodyPhase = true
    /// COM contacts a month before release, in place of the custody rule's `contacts_per_month`
    /// (`reading.custody_contacts_per_month`; 0 turns them off; nil: the rule's).
    public var custodyContactsPerMonth: Int?

    public init() {}
}

/// The supervision phases of a case, with their exact dates (end exclusive).
public struct CaseTimeline: Sendable, Equatable {
    public struct Segment: Sendable, Equatable {
        public var phase: SupervisionPhase
        public var period: Period
    }
    public var segments: [Segment]
    /// For a licence: the custodial sentence length in months.
    public var custodyMonths: Int?

    /// Works out the phases (conventions §2).
    ///
    /// CO/SSO: one period of `months` from the sentence date. Licence: `start` is the release
    /// date; the licence runs to sentence end, i.e. for custody × (1 − release fraction) months;
    /// under a 2-year sentence, PSS follows until 12 months after release.
    public init(_ spec: borrowing CaseSpec, options: ReadingOptions = ReadingOptions()) {
        custodyMonths = spec.custodyMonths
        switch spec.type {
        case .communityOrder, .suspendedSentenceOrder:
            let end = spec.start.adding(months: spec.months ?? 12)
            segments = [Segment(phase: spec.type == .communityOrder ? .communityOrder : .suspendedSentenceOrder,
                                period: Period(start: spec.start, end: end))]
        case .licence:
            let custody = spec.custodyMonths ?? 24
            // Sentence date = release − custody × f months; licence ends custody months after the sentence date.
            let end = CaseTimeline.shift(spec.start, months: Double(custody) * (1 - options.releaseFraction), forward: true)
            var custodySegment: Segment?
            if options.custodyPhase {
                let sentence = CaseTimeline.sentenceDate(release: spec.start, custodyMonths: custody, options: options)
                if sentence < spec.start { custodySegment = Segment(phase: .custody, period: Period(start: sentence, end: spec.start)) }
            }
            let licenceEnd = max(end, spec.start.adding(days: 1))
            let licence = Segment(phase: .licence, period: Period(start: spec.start, end: licenceEnd))
            var pss: Segment?
            if custody < 24 {
                let pssEnd = spec.start.adding(months: 12)
                if pssEnd > licenceEnd { pss = Segment(phase: .pss, period: Period(start: licenceEnd, end: pssEnd)) }
            }
            // One array literal, one allocation: growing the array by appends took a third of this
            // initialiser, which runs for every case drawn and every plan.
            switch (custodySegment, pss) {
            case let (c?, p?): segments = [c, licence, p]
            case let (c?, nil): segments = [c, licence]
            case let (nil, p?): segments = [licence, p]
            case (nil, nil): segments = [licence]
            }
        }
    }

    /// The sentence date of a custodial sentence released on `release`: custody × release fraction months before it.
    public static func sentenceDate(release: Day, custodyMonths: Int, options: ReadingOptions) -> Day {
        shift(release, months: Double(custodyMonths) * options.releaseFraction, forward: false)
    }

    /// The release date of a custodial sentence passed on `sentence`: custody × release fraction months after it.
    public static func releaseDate(sentence: Day, custodyMonths: Int, options: ReadingOptions) -> Day {
        shift(sentence, months: Double(custodyMonths) * options.releaseFraction, forward: true)
    }

    /// `day` moved by a fractional number of months: whole calendar months, then the fraction as days (30.4375 a month).
    static func shift(_ day: Day, months: Double, forward: Bool) -> Day {
        let whole = Int(months.rounded(.down))
        let extraDays = Int(((months - Double(whole)) * 30.4375).rounded())
        return forward ? day.adding(months: whole).adding(days: extraDays) : day.adding(months: -whole).adding(days: -extraDays)
    }

    /// The release day, for a case with a custody phase (the end of its custody segment).
    public var release: Day? { segments.first { $0.phase == .custody }?.period.end }

    /// The whole supervision: first start to last end.
    public var whole: Period { Period(start: segments.first!.period.start, end: segments.last!.period.end) }
}

/// A practitioner's grade: probation officer or probation services officer (`workforce.practitioners[].grade`).
public enum PractitionerGrade: String, Sendable, CaseIterable { case PO, PSO }
