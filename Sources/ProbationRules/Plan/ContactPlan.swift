import SimulationCore

/// One contact or task the plan books for a case.
public struct PlannedContact: Sendable, Equatable {
    /// The day it is booked for.
    public var day: Day
    public var kind: ContactKind
    /// The rule that asked for it (or `professional-judgement`).
    public var rule: String
    /// The last day it still counts for its standard (its deadline, or its window's last day);
    /// the diary books work with the nearest such day first. Nil: no standard depends on it.
    public var due: Day? = nil

    package init(day: Day, kind: ContactKind, rule: String, due: Day? = nil) {
        self.day = day; self.kind = kind; self.rule = rule; self.due = due
    }
}

extension PlannedContact {
    /// Sorts bookings by day, then by kind in the order of the kinds' raw values: the same order
    /// as comparing `(day, kind.rawValue)`, without comparing strings (which was most of the sort).
    package static func sortByDayAndKind(_ bookings: inout [PlannedContact]) {
        let rank = ContactKind.rawValueRank
        bookings.sort { a, b in
            a.day != b.day ? a.day < b.day : rank[a.kind.position] < rank[b.kind.position]
        }
    }
}

extension ContactKind {
    /// Each kind's place (by ``position``) when the kinds are sorted by raw value.
    static let rawValueRank: [UInt8] = {
        let sorted = ContactKind.allCases.sorted { $0.rawValue < $1.rawValue }
        return ContactKind.allCases.map { kind in UInt8(sorted.firstIndex(of: kind)!) }
    }()
}

/// What one standard instance asks for.
public enum StandardDemand: Sendable, Equatable {
    /// A contact of a kind held or offered on or after `from` (the trigger) and by `due` (met late if after).
    case deadline(kind: ContactKind, from: Day, due: Day)
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
    /// The standard's position in the planner's ``ContactPlanner/standardIDs`` (−1: not set),
    /// so the simulation can tally outcomes without hashing strings.
    public var code: Int16 = -1
}

/// How a standard instance ended (conventions §3).
public enum StandardOutcome: String, Sendable, CaseIterable {
    case met
    case metLate = "met_late"
    case missedCapacity = "missed_capacity"
    case missedNonAttendance = "missed_nonattendance"
    case notApplicable = "not_applicable"

    /// Its position in `allCases` (the column order of outcome counts).
    public var index: Int {
        switch self {
        case .met: return 0
        case .metLate: return 1
        case .missedCapacity: return 2
        case .missedNonAttendance: return 3
        case .notApplicable: return 4
        }
    }
}

/// A contact as it happened: held or not, attended or not.
public struct HeldContact: Sendable, Equatable {
    public var day: Day
    public var kind: ContactKind
    public var attended: Bool

    package init(day: Day, kind: ContactKind, attended: Bool) {
        self.day = day; self.kind = kind; self.attended = attended
    }
}

/// The plan for one case under one regime: bookings that drive hours, and the standards they are scored against.
public struct ContactPlan: Sendable {
    public var caseID: String
    public var timeline: CaseTimeline
    public var bookings: [PlannedContact]
    public var standards: [StandardInstance]
    /// Periods in which planned contact is suspended.
    public var suspended: [Period]
    /// Who holds the case before release, from the regime's custody rule (nil: none applies).
    public var handover: CustodyHandover? = nil

    package init(caseID: String, timeline: CaseTimeline, bookings: [PlannedContact], standards: [StandardInstance], suspended: [Period], handover: CustodyHandover? = nil) {
        self.caseID = caseID; self.timeline = timeline; self.bookings = bookings; self.standards = standards; self.suspended = suspended; self.handover = handover
    }

    /// Attended face-to-face contacts if every booking is held and attended (the closed-form case).
    public var f2fCount: Int { bookings.filter { $0.kind.isF2F }.count }
}

/// Scores standard instances against what happened.
public enum StandardScorer {
    /// The outcome of one instance given the contacts held, sorted by day.
    ///
    /// Deadlines ("arranged to occur") are met by a contact held or offered by the due day, even
    /// if not attended; counts are met only by attended contacts (conventions §3). A missed count is
    /// put down to non-attendance when enough contacts were held but not attended, else to capacity.
    ///
    /// - Complexity: O(log n + k) for n contacts, k of them in the window.
    public static func outcome(_ s: StandardInstance, contacts: [HeldContact]) -> StandardOutcome {
        guard s.applicable else { return .notApplicable }
        switch s.demand {
        case .deadline(let kind, let from, let due):
            // The first appointment is the first face-to-face contact of any kind (under NSD it is
            // the first resettlement visit at home).
            var i = firstIndex(onOrAfter: from, in: contacts)
            while i < contacts.count {
                let k = contacts[i].kind
                if k == kind || (kind == .initialAppointment && k.isF2F) { return contacts[i].day <= due ? .met : .metLate }
                i += 1
            }
            return .missedCapacity
        case .count(let window, let f2f, let total):
            var i = firstIndex(onOrAfter: window.start, in: contacts)
            var attendedF2F = 0, attendedAll = 0, heldF2F = 0, heldAll = 0
            while i < contacts.count && contacts[i].day < window.end {
                let c = contacts[i]
                i += 1
                guard c.kind.isContact else { continue }
                heldAll += 1
                if c.kind.isF2F { heldF2F += 1 }
                if c.attended {
                    attendedAll += 1
                    if c.kind.isF2F { attendedF2F += 1 }
                }
            }
            if attendedF2F >= f2f && attendedAll >= total { return .met }
            return heldF2F >= f2f && heldAll >= total ? .missedNonAttendance : .missedCapacity
        case .homeVisit(let window):
            var i = firstIndex(onOrAfter: window.start, in: contacts)
            var held = false
            while i < contacts.count && contacts[i].day < window.end {
                if contacts[i].kind == .homeVisit {
                    if contacts[i].attended { return .met }
                    held = true
                }
                i += 1
            }
            return held ? .missedNonAttendance : .missedCapacity
        }
    }

    /// The first index whose day is on or after `day` (binary search over contacts sorted by day).
    static func firstIndex(onOrAfter day: Day, in contacts: [HeldContact]) -> Int {
        var lo = 0, hi = contacts.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if contacts[mid].day < day { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// Every instance's outcome when every booking is held on its day and attended.
    public static func outcomesIfAllAttended(_ plan: ContactPlan) -> [(StandardInstance, StandardOutcome)] {
        let held = plan.bookings.map { HeldContact(day: $0.day, kind: $0.kind, attended: true) }.sorted { $0.day < $1.day }
        return plan.standards.map { ($0, outcome($0, contacts: held)) }
    }
}
