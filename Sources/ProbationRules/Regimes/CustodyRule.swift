import SimulationCore

/// Who holds a custodial case before release and what probation does then (conventions §8), as a
/// regime's `custody:` rule gives it. Every threshold is rule data, never a literal in Swift.
///
/// With `pomMonthsToServe` set and at least that many months to serve at sentence, a prison
/// offender manager (POM) holds the case until the community offender manager (COM) is allocated
/// `allocationMonthsBeforeRelease` before release; the COM is responsible from
/// `responsibleMonthsBeforeRelease` before release. Otherwise probation holds the case from
/// sentence and is responsible from it. The pre-release plan is due within
/// `planWithinMonthsOfAllocation` of allocation, or in the `planWeeksBeforeRelease` weeks before
/// release; contact is `contactsPerMonth` a month from responsibility to release.
public struct CustodyRule: Sendable, Equatable {
    public var pomMonthsToServe: Double?
    public var allocationMonthsBeforeRelease: Double?
    public var responsibleMonthsBeforeRelease: Double?
    public var planWithinMonthsOfAllocation: Double?
    public var planWeeksBeforeRelease: Int?
    public var contactsPerMonth = 1

    public init() {}

    /// The handover of a case sentenced on `sentence` and released on `release`.
    public func handover(sentence: Day, release: Day) -> CustodyHandover {
        var h = CustodyHandover(pomHeld: false, comAllocated: sentence, comResponsible: sentence, planFrom: nil, planDue: nil)
        // Months to serve at sentence, counted in calendar months: at least `threshold` if that many after sentence is not after release.
        if let threshold = pomMonthsToServe, CaseTimeline.shift(sentence, months: threshold, forward: true) <= release {
            h.pomHeld = true
            if let m = allocationMonthsBeforeRelease { h.comAllocated = max(sentence, CaseTimeline.shift(release, months: m, forward: false)) }
            if let m = responsibleMonthsBeforeRelease { h.comResponsible = max(h.comAllocated, CaseTimeline.shift(release, months: m, forward: false)) }
            h.pomHeld = h.comAllocated > sentence
        }
        let lastDay = release.adding(days: -1)
        if let m = planWithinMonthsOfAllocation {
            h.planFrom = h.comAllocated
            h.planDue = max(h.comAllocated, min(lastDay, CaseTimeline.shift(h.comAllocated, months: m, forward: true)))
        } else if let w = planWeeksBeforeRelease {
            h.planFrom = max(h.comAllocated, release.adding(days: -7 * w))
            h.planDue = max(h.planFrom!, lastDay)
        }
        return h
    }
}

/// A custodial case's handover before release, worked out from a ``CustodyRule``.
public struct CustodyHandover: Sendable, Equatable {
    /// Whether a POM holds the case from sentence until ``comAllocated`` (no probation caseload, points or hours).
    public var pomHeld: Bool
    /// The COM is allocated (the sentence date when probation holds the case from sentence).
    public var comAllocated: Day
    /// The COM is responsible (pre-release contact runs from here to release).
    public var comResponsible: Day
    /// The pre-release plan's window, if the rule asks for one.
    public var planFrom: Day?
    public var planDue: Day?
}

extension RuleReader {
    /// Reads a `custody:` rule body.
    static func readCustody(_ v: YAMLValue) -> RuleRequirement? {
        guard let m = v.mapping(allowed: ["pom_if_months_to_serve", "com_allocated_months_before_release", "com_responsible_months_before_release",
                                          "plan_within_months_of_allocation", "plan_weeks_before_release", "contacts_per_month"]) else { return nil }
        var r = CustodyRule()
        r.pomMonthsToServe = m["pom_if_months_to_serve"]?.number(in: 0...1200)
        r.allocationMonthsBeforeRelease = m["com_allocated_months_before_release"]?.number(in: 0...1200)
        r.responsibleMonthsBeforeRelease = m["com_responsible_months_before_release"]?.number(in: 0...1200)
        r.planWithinMonthsOfAllocation = m["plan_within_months_of_allocation"]?.number(in: 0...120)
        r.planWeeksBeforeRelease = m["plan_weeks_before_release"]?.int(in: 0...520)
        r.contactsPerMonth = m["contacts_per_month"]?.int(in: 0...31) ?? 1
        if r.pomMonthsToServe != nil && r.allocationMonthsBeforeRelease == nil {
            v.report("'pom_if_months_to_serve' needs 'com_allocated_months_before_release' (when the POM hands the case to the COM)")
        }
        if let a = r.allocationMonthsBeforeRelease, let b = r.responsibleMonthsBeforeRelease, b > a {
            v.report("'com_responsible_months_before_release' (\(b)) is before the COM is allocated (\(a) months before release)")
        }
        if r.planWithinMonthsOfAllocation != nil && r.planWeeksBeforeRelease != nil {
            v.report("give 'plan_within_months_of_allocation' or 'plan_weeks_before_release', not both")
        }
        return .custody(r)
    }
}
