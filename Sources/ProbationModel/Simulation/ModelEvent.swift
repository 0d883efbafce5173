import SimulationCore
import ProbationRules

/// Event codes of the model (the `kind` of an engine event).
enum ModelEvent: UInt16 {
    /// The first of a month (and the simulation start): risk changes, reactive work, the month's bookings.
    case monthStart
    /// A case joins the caseload (subject: case index).
    case arrival
    /// A piece of diary work falls due (subject: work item index).
    case work
    /// A recalled case is re-released (subject: case index).
    case reRelease
    /// A case in the custody phase is released (subject: case index).
    case release
    /// A case held by a POM is allocated to a COM (subject: case index).
    case comAllocation
    /// A case's supervision ends (subject: case index).
    case caseEnd
    /// A week of measurement starts.
    case weekStart
    /// A regime timeline's change date (subject: the stage that starts).
    case regimeChange
    /// A step of `behaviour.attendance`'s schedule (subject: the step).
    case attendanceChange
    /// A workforce intake joins (subject: the intake's index in `workforce.intakes`).
    case intake
    /// A step of a practitioner group's `case_work_share` schedule (subject: group << 16 | step).
    case caseWorkShareChange
    /// A step of a practitioner group's `count` schedule (subject: group << 16 | step).
    case countChange
    /// A working day's end: every practitioner's waiting work not yet tried today is tried.
    case dayEnd
}

/// Named priorities: what happens first on the same day (lower first).
///
/// Month start, then arrivals and re-releases, then diary work in order of urgency (the class
/// that gives way last first, conventions §10; within a class the nearest standard deadline
/// first, then higher RoSH), then case ends, then the weekly measurement.
enum ModelPriority {
    static let monthStart = EventPriority(0)
    /// A timeline's change: after the month start (whose draws are the same whatever the regime), before the day's arrivals and work.
    static let regimeChange = EventPriority(1)
    static let arrival = EventPriority(10)
    static let workBase: UInt16 = 100
    /// After all of a day's new diary work (at most 40,119), before case ends.
    static let dayEnd = EventPriority(50_000)
    static let caseEnd = EventPriority(60_000)
    static let weekStart = EventPriority(61_000)

    /// A work item's priority from its class's urgency (0 to 4: 4, the last to give way, goes
    /// first), days to its deadline (capped at 2,000) and the case's RoSH. At most
    /// 100 + 4 × 8,004 + 8,003 = 40,119, below case ends.
    /// The class and RoSH ranks a work priority holds (see ``WaitingWork/place(classRank:due:roshRank:)``).
    static func ranks(ofWork p: EventPriority) -> (classRank: UInt64, roshRank: UInt64) {
        let r = Int(p.rawValue) - Int(workBase)
        return (UInt64(r / 8004), UInt64(r % 8004 % 4))
    }

    static func work(urgency: UInt8, daysToDue: Int32, rosh: RoSH) -> EventPriority {
        let days = UInt16(max(0, min(2000, Int(daysToDue))))
        return EventPriority(workBase + UInt16(4 - min(4, urgency)) * 8004 + days * 4 + UInt16(3 - rosh.rank))
    }
}
