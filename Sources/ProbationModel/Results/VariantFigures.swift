import ProbationRules
/// The figures reported for a variant, grouped as `summary.json` groups them.
///
/// `Value` is `Double` for one replication (``ReplicationMeasures``) and ``Estimate`` over the
/// replications (in ``VariantSummary``), so that both read the same way and a metric path
/// (``MetricPath``) finds a figure in either.
public struct VariantFigures<Value: Sendable>: Sendable {
    /// Cases on the books (means over measured weeks).
    public struct Caseload: Sendable {
        public var mean: Value
        public var inCustodyMean: Value
        /// People in custody held by a POM (not in ``mean``), everyone under supervision, and the custody share of everyone.
        public var pomHeldMean: Value
        public var underSupervisionMean: Value
        public var custodyShare: Value
        /// Its drift a year, relative to its mean (`caseload.trend_per_year`).
        public var trendPerYear: Value
        /// By phase (`caseload.by_phase`).
        public var byPhase: ByPhase
        /// By tier letter (`caseload.by_tier`).
        public var byTier: ByTier
    }

    /// A figure by tier letter (A-D).
    public struct ByTier: Sendable {
        public var a: Value
        public var b: Value
        public var c: Value
        public var d: Value

        /// In letter order.
        public var all: [Value] { [a, b, c, d] }
    }

    /// Cases on the books by phase (means over measured weeks; recalled cases count as custody).
    public struct ByPhase: Sendable {
        public var custody: Value
        public var communityOrder: Value
        public var suspendedSentenceOrder: Value
        public var licence: Value
        public var pss: Value
    }

    /// Contacts that took place.
    public struct Contacts: Sendable {
        public var f2f: Value
        public var homeVisit: Value
        public var other: Value
    }

    /// Practitioner hours by grade.
    public struct HoursByGrade: Sendable {
        public var po: Value
        public var pso: Value
    }

    /// Recalls by cause (`recalls_by_cause`).
    public struct RecallsByCause: Sendable {
        public var nonCompliance: Value
        public var riskOrOffending: Value
    }

    /// The court's outcomes of breaches of community and suspended sentence orders (`breach_outcomes`).
    public struct BreachOutcomes: Sendable {
        public var `continue`: Value
        public var amend: Value
        public var revoke: Value
    }

    /// A figure by grade (PO, PSO).
    public typealias ByGrade = HoursByGrade

    /// Practitioner hours over the measured period.
    public struct Hours: Sendable {
        public var total: Value
        public var totalPerWeek: Value
        /// One per activity row of the scenario's activity table, in table order (ids in ``activities``).
        public var byActivity: [Value]
        /// The activity ids, in the order of ``byActivity``.
        public var activities: [String]
        public var byGrade: HoursByGrade
        /// Case work done for cases of each tier letter and in each phase.
        public var byTier: ByTier
        public var byPhase: ByPhase
    }

    /// Work that was never done (dropped after deferral, conventions §10), in all and by activity
    /// row (ids in ``Hours/activities``).
    public struct Unmet: Sendable {
        public var hours: Value
        public var items: Value
        public var hoursByActivity: [Value]
        public var itemsByActivity: [Value]
        /// Unmet hours by the class the work was in when the day was full (``ActivityKind/GivesWay`` order).
        public var hoursByClass: [Value]
    }

    /// Cases per practitioner of a group of practitioners (each a mean over measured weeks of
    /// the figure at the week's start).
    public struct CaseloadDistribution: Sendable {
        public var mean: Value
        public var p10: Value
        public var p50: Value
        public var p90: Value
        public var max: Value
        /// Practitioners holding a number of cases in each band (``CaseloadBands/labels``).
        public var bands: [Value]
    }

    /// Cases per practitioner (means over measured weeks): over all practitioners, and by grade.
    public struct CaseloadPerPractitioner: Sendable {
        public var all: CaseloadDistribution
        public var po: CaseloadDistribution
        public var pso: CaseloadDistribution

        public var mean: Value { all.mean }
        public var p90: Value { all.p90 }
    }

    public var caseload: Caseload
    public var casesSeen: Value
    public var contacts: Contacts
    public var hours: Hours
    public var fteNeeded: Value
    public var fteNeededByGrade: ByGrade
    public var courtFTENeeded: Value
    public var fteInPost: Value
    public var caseHoldingFTE: Value
    public var wmtCapacityPercent: Value
    public var wmtCapacityPercentByGrade: ByGrade
    public var caseloadPerPractitioner: CaseloadPerPractitioner
    public var backlogHours: Value
    public var recalls: Value
    public var recallsByCause: RecallsByCause
    public var breachOutcomes: BreachOutcomes
    public var unacceptableAbsences: Value
    public var deferrals: Value
    public var unmet: Unmet
    public var overtimeHours: Value
    /// The standards, in the variant's rule order (then any other scored, alphabetical).
    public var standards: [StandardFigures<Value>]

    /// The figures from one value per fixed metric, the hours of each activity and the standards.
    ///
    /// - Parameters:
    ///   - activities: the activity table's ids, in table order.
    ///   - byActivity: a figure of the activity at a row.
    ///   - band: the practitioners in band `band` of group `group` (0 all, 1 POs, 2 PSOs).
    init(_ value: (Metric) -> Value, activities: [String], byActivity: (ActivityFigure, Int) -> Value, standards: [StandardFigures<Value>],
         band: (_ group: Int, _ band: Int) -> Value) {
        func rows(_ f: ActivityFigure) -> [Value] { activities.indices.map { byActivity(f, $0) } }
        caseload = Caseload(mean: value(.caseloadMean), inCustodyMean: value(.caseloadInCustodyMean),
                            pomHeldMean: value(.caseloadPOMHeldMean), underSupervisionMean: value(.caseloadUnderSupervisionMean),
                            custodyShare: value(.caseloadCustodyShare), trendPerYear: value(.caseloadTrendPerYear),
                            byPhase: ByPhase(custody: value(.caseloadCustody), communityOrder: value(.caseloadCommunityOrder),
                                             suspendedSentenceOrder: value(.caseloadSuspendedSentenceOrder), licence: value(.caseloadLicence),
                                             pss: value(.caseloadPSS)),
                            byTier: ByTier(a: value(.caseloadTierA), b: value(.caseloadTierB), c: value(.caseloadTierC), d: value(.caseloadTierD)))
        casesSeen = value(.casesSeen)
        contacts = Contacts(f2f: value(.f2fContacts), homeVisit: value(.homeVisits), other: value(.otherContacts))
        hours = Hours(total: value(.hoursTotal), totalPerWeek: value(.hoursPerWeek), byActivity: rows(.hours), activities: activities,
                      byGrade: HoursByGrade(po: value(.poHours), pso: value(.psoHours)),
                      byTier: ByTier(a: value(.hoursTierA), b: value(.hoursTierB), c: value(.hoursTierC), d: value(.hoursTierD)),
                      byPhase: ByPhase(custody: value(.hoursCustody), communityOrder: value(.hoursCommunityOrder),
                                       suspendedSentenceOrder: value(.hoursSuspendedSentenceOrder), licence: value(.hoursLicence), pss: value(.hoursPSS)))
        fteNeeded = value(.fteNeeded)
        fteNeededByGrade = ByGrade(po: value(.fteNeededPO), pso: value(.fteNeededPSO))
        courtFTENeeded = value(.courtFTENeeded)
        fteInPost = value(.fteInPost)
        caseHoldingFTE = value(.caseHoldingFTE)
        wmtCapacityPercent = value(.wmtCapacityPercent)
        wmtCapacityPercentByGrade = ByGrade(po: value(.wmtCapacityPercentPO), pso: value(.wmtCapacityPercentPSO))
        func bands(_ g: Int) -> [Value] { CaseloadBands.labels.indices.map { band(g, $0) } }
        caseloadPerPractitioner = CaseloadPerPractitioner(
            all: CaseloadDistribution(mean: value(.caseloadPerPractitionerMean), p10: value(.caseloadPerPractitionerP10), p50: value(.caseloadPerPractitionerP50),
                                      p90: value(.caseloadPerPractitionerP90), max: value(.caseloadPerPractitionerMax), bands: bands(0)),
            po: CaseloadDistribution(mean: value(.caseloadPerPOMean), p10: value(.caseloadPerPOP10), p50: value(.caseloadPerPOP50),
                                     p90: value(.caseloadPerPOP90), max: value(.caseloadPerPOMax), bands: bands(1)),
            pso: CaseloadDistribution(mean: value(.caseloadPerPSOMean), p10: value(.caseloadPerPSOP10), p50: value(.caseloadPerPSOP50),
                                      p90: value(.caseloadPerPSOP90), max: value(.caseloadPerPSOMax), bands: bands(2)))
        backlogHours = value(.backlogHours)
        recalls = value(.recalls)
        recallsByCause = RecallsByCause(nonCompliance: value(.recallsNonCompliance), riskOrOffending: value(.recallsRiskOrOffending))
        breachOutcomes = BreachOutcomes(continue: value(.breachContinue), amend: value(.breachAmend), revoke: value(.breachRevoke))
        unacceptableAbsences = value(.unacceptableAbsences)
        deferrals = value(.deferrals)
        unmet = Unmet(hours: value(.unmetHours), items: value(.unmetItems), hoursByActivity: rows(.unmetHours), itemsByActivity: rows(.unmetItems),
                      hoursByClass: [value(.unmetHoursAboveMinimum), value(.unmetHoursReviewsAndAdmin), value(.unmetHoursMinimumContacts),
                                     value(.unmetHoursRiskWork), value(.unmetHoursStatutory)])
        overtimeHours = value(.overtimeHours)
        self.standards = standards
    }

    /// The figure of a fixed metric.
    public subscript(metric: Metric) -> Value {
        switch metric {
        case .caseloadMean: return caseload.mean
        case .caseloadInCustodyMean: return caseload.inCustodyMean
        case .caseloadPOMHeldMean: return caseload.pomHeldMean
        case .caseloadUnderSupervisionMean: return caseload.underSupervisionMean
        case .caseloadCustodyShare: return caseload.custodyShare
        case .caseloadTrendPerYear: return caseload.trendPerYear
        case .caseloadCustody: return caseload.byPhase.custody
        case .caseloadCommunityOrder: return caseload.byPhase.communityOrder
        case .caseloadSuspendedSentenceOrder: return caseload.byPhase.suspendedSentenceOrder
        case .caseloadLicence: return caseload.byPhase.licence
        case .caseloadPSS: return caseload.byPhase.pss
        case .caseloadTierA: return caseload.byTier.a
        case .caseloadTierB: return caseload.byTier.b
        case .caseloadTierC: return caseload.byTier.c
        case .caseloadTierD: return caseload.byTier.d
        case .casesSeen: return casesSeen
        case .f2fContacts: return contacts.f2f
        case .homeVisits: return contacts.homeVisit
        case .otherContacts: return contacts.other
        case .hoursTotal: return hours.total
        case .hoursPerWeek: return hours.totalPerWeek
        case .poHours: return hours.byGrade.po
        case .psoHours: return hours.byGrade.pso
        case .hoursTierA: return hours.byTier.a
        case .hoursTierB: return hours.byTier.b
        case .hoursTierC: return hours.byTier.c
        case .hoursTierD: return hours.byTier.d
        case .hoursCustody: return hours.byPhase.custody
        case .hoursCommunityOrder: return hours.byPhase.communityOrder
        case .hoursSuspendedSentenceOrder: return hours.byPhase.suspendedSentenceOrder
        case .hoursLicence: return hours.byPhase.licence
        case .hoursPSS: return hours.byPhase.pss
        case .fteNeeded: return fteNeeded
        case .fteNeededPO: return fteNeededByGrade.po
        case .fteNeededPSO: return fteNeededByGrade.pso
        case .courtFTENeeded: return courtFTENeeded
        case .fteInPost: return fteInPost
        case .caseHoldingFTE: return caseHoldingFTE
        case .wmtCapacityPercent: return wmtCapacityPercent
        case .wmtCapacityPercentPO: return wmtCapacityPercentByGrade.po
        case .wmtCapacityPercentPSO: return wmtCapacityPercentByGrade.pso
        case .caseloadPerPractitionerMean: return caseloadPerPractitioner.mean
        case .caseloadPerPractitionerP10: return caseloadPerPractitioner.all.p10
        case .caseloadPerPractitionerP50: return caseloadPerPractitioner.all.p50
        case .caseloadPerPractitionerP90: return caseloadPerPractitioner.p90
        case .caseloadPerPractitionerMax: return caseloadPerPractitioner.all.max
        case .caseloadPerPOMean: return caseloadPerPractitioner.po.mean
        case .caseloadPerPOP10: return caseloadPerPractitioner.po.p10
        case .caseloadPerPOP50: return caseloadPerPractitioner.po.p50
        case .caseloadPerPOP90: return caseloadPerPractitioner.po.p90
        case .caseloadPerPOMax: return caseloadPerPractitioner.po.max
        case .caseloadPerPSOMean: return caseloadPerPractitioner.pso.mean
        case .caseloadPerPSOP10: return caseloadPerPractitioner.pso.p10
        case .caseloadPerPSOP50: return caseloadPerPractitioner.pso.p50
        case .caseloadPerPSOP90: return caseloadPerPractitioner.pso.p90
        case .caseloadPerPSOMax: return caseloadPerPractitioner.pso.max
        case .backlogHours: return backlogHours
        case .recalls: return recalls
        case .recallsNonCompliance: return recallsByCause.nonCompliance
        case .recallsRiskOrOffending: return recallsByCause.riskOrOffending
        case .breachContinue: return breachOutcomes.continue
        case .breachAmend: return breachOutcomes.amend
        case .breachRevoke: return breachOutcomes.revoke
        case .unacceptableAbsences: return unacceptableAbsences
        case .deferrals: return deferrals
        case .unmetHours: return unmet.hours
        case .unmetHoursAboveMinimum: return unmet.hoursByClass[0]
        case .unmetHoursReviewsAndAdmin: return unmet.hoursByClass[1]
        case .unmetHoursMinimumContacts: return unmet.hoursByClass[2]
        case .unmetHoursRiskWork: return unmet.hoursByClass[3]
        case .unmetHoursStatutory: return unmet.hoursByClass[4]
        case .unmetItems: return unmet.items
        case .overtimeHours: return overtimeHours
        }
    }

    /// The hours of one activity (by id), if the activity table has it.
    package subscript(activity id: String) -> Value? { self[.hours, activity: id] }

    /// A figure of one activity (by id), if the activity table has it.
    package subscript(figure: ActivityFigure, activity id: String) -> Value? {
        hours.activities.firstIndex(of: id).map { self[figure, row: $0] }
    }

    /// A figure of the activity at row `k`.
    package subscript(figure: ActivityFigure, row k: Int) -> Value {
        switch figure {
        case .hours: return hours.byActivity[k]
        case .unmetHours: return unmet.hoursByActivity[k]
        case .unmetItems: return unmet.itemsByActivity[k]
        }
    }

    /// The figures of the standard `id`, if it is reported.
    ///
    /// - Complexity: O(*s*) for *s* standards.
    public func standard(_ id: String) -> StandardFigures<Value>? {
        standards.first { $0.id == id }
    }

    /// The figure at a path; nil for a standard that is not reported.
    package subscript(path: MetricPath) -> Value? {
        switch path {
        case .metric(let m): return self[m]
        case .byActivity(let f, let a): return self[f, activity: a]
        case .standard(let id, let field): return standard(id)?[field]
        case .caseloadBand(let g, let b): return caseloadBand(group: g, band: b)
        }
    }

    /// The practitioners in band `band` of group `group` (0 all, 1 POs, 2 PSOs).
    func caseloadBand(group: Int, band: Int) -> Value {
        [caseloadPerPractitioner.all, caseloadPerPractitioner.po, caseloadPerPractitioner.pso][group].bands[band]
    }

    /// The figure at a metric path (`fte_needed`, `standards.monthly-f2f.met_rate`); nil when
    /// the path names no figure here.
    public subscript(_ path: String) -> Value? {
        MetricPath(path).flatMap { self[$0] }
    }

    /// Every figure with its path, in `summary.json` order: the fixed metrics (hours by activity
    /// after the total per week, unmet hours and pieces by activity after their totals), the
    /// caseload bands, then each standard's fields.
    public var named: [(path: String, value: Value)] {
        var out: [(path: String, value: Value)] = []
        let after: [Metric: ActivityFigure] = [.hoursPerWeek: .hours, .unmetHoursStatutory: .unmetHours, .unmetItems: .unmetItems]
        for m in Metric.allCases {
            out.append((m.rawValue, self[m]))
            if let f = after[m] {
                out += hours.activities.indices.map { (path: f.prefix + hours.activities[$0], value: self[f, row: $0]) }
            }
        }
        let standards = standards.flatMap { s in
            StandardField.all.map { (path: MetricPath.standard(id: s.id, field: $0).description, value: s[$0]) }
        }
        let bands = MetricPath.allBands.map { (path: $0.description, value: self[$0]!) }
        return out + bands + standards
    }
}

/// The figures of one standard under a variant.
public struct StandardFigures<Value: Sendable>: Sendable {
    public var id: String
    /// Its plain-English text, from the variant's regime ("" for a standard the regime does not have).
    public var text: String
    public var due: Value
    /// One per outcome, in `StandardOutcome.allCases` order.
    public var outcomes: [Value]
    public var metRate: Value

    /// The figure of a field.
    public subscript(field: StandardField) -> Value {
        switch field {
        case .due: return due
        case .outcome(let o): return outcomes[StandardOutcome.allCases.firstIndex(of: o)!]
        case .metRate: return metRate
        }
    }
}
