import SimulationCore

/// One contact or task the plan books for a case.
public struct PlannedContact: Sendable, Equatable {
    /// The day it is booked for.
    public var day: Day
    public var kind: ContactKind
    /// The rule that asked for it (or `professional-judgement`).
    public var rule: String
}

/// What one standard instance asks for.
public enum StandardDemand: Sendable, Equatable {
    /// A contact of a kind held or offered by `due` (met late if after).
    case deadline(kind: ContactKind, due: Day)
    /// At least `f2f` attended face-to-face and `contacts` contacts of any kind in `window`.
    case count(window: Period, f2f: Int, contacts: Int)
    /// At least one home visit in `window`.
    case homeVisit(window: Period)
}

/// One instance of a standard for one case: a window or deadline that is met or missed.
public struct StandardInstance: Sendable, Equatable {
    /// The standard id (e.g. `monthly-f2f`).
    public var standard: String
    public var demand: StandardDemand
    /// False when suspended or excluded: the outcome is then `notApplicable`.
    public var applicable: Bool
}

/// How a standard instance ended (conventions §3).
public enum StandardOutcome: String, Sendable, CaseIterable {
    case met
    case metLate = "met_late"
    case missedCapacity = "missed_capacity"
    case missedNonAttendance = "missed_nonattendance"
    case notApplicable = "not_applicable"
}

/// A contact as it happened: held or not, attended or not.
public struct HeldContact: Sendable, Equatable {
    public var day: Day
    public var kind: ContactKind
    public var attended: Bool
}

/// The plan for one case under one regime: bookings that drive hours, and the standards they are scored against.
public struct ContactPlan: Sendable {
    public var caseID: String
    public var timeline: CaseTimeline
    public var bookings: [PlannedContact]
    public var standards: [StandardInstance]
    /// Periods in which planned contact is suspended.
    public var suspended: [Period]

    /// Attended face-to-face contacts if every booking is held and attended (the closed-form case).
    public var f2fCount: Int { bookings.filter { $0.kind.isF2F }.count }
}

/// Scores standard instances against what happened.
public enum StandardScorer {
    /// The outcome of one instance given the contacts held.
    ///
    /// Deadlines ("arranged to occur") are met by a contact held or offered by the due day, even
    /// if not attended; counts are met only by attended contacts (conventions §3). A missed count is
    /// put down to non-attendance when enough contacts were held but not attended, else to capacity.
    public static func outcome(_ s: StandardInstance, contacts: [HeldContact]) -> StandardOutcome {
        guard s.applicable else { return .notApplicable }
        switch s.demand {
        case .deadline(let kind, let due):
            let days = contacts.filter { $0.kind == kind }.map(\.day)
            guard let first = days.min() else { return .missedCapacity }
            return first <= due ? .met : .metLate
        case .count(let window, let f2f, let total):
            let inWindow = contacts.filter { window.contains($0.day) && $0.kind != .sentencePlan }
            let attended = inWindow.filter(\.attended)
            if attended.filter({ $0.kind.isF2F }).count >= f2f && attended.count >= total { return .met }
            let held = inWindow.filter { $0.kind.isF2F }.count
            return held >= f2f && inWindow.count >= total ? .missedNonAttendance : .missedCapacity
        case .homeVisit(let window):
            let visits = contacts.filter { window.contains($0.day) && $0.kind == .homeVisit }
            if visits.contains(where: \.attended) { return .met }
            return visits.isEmpty ? .missedCapacity : .missedNonAttendance
        }
    }

    /// Every instance's outcome when every booking is held on its day and attended.
    public static func outcomesIfAllAttended(_ plan: ContactPlan) -> [(StandardInstance, StandardOutcome)] {
        let held = plan.bookings.map { HeldContact(day: $0.day, kind: $0.kind, attended: true) }
        return plan.standards.map { ($0, outcome($0, contacts: held)) }
    }
}
