import SimulationCore
import ProbationRules

/// A piece of work put off for capacity, waiting in its practitioner's list: what the daily
/// retry needs without reading the work item itself (24 bytes: whether it is still wanted is read
/// from the item, only when its case changes; its place is packed in 32 bits and its minutes
/// rounded down to a `Float`, so that a list of national's backlog takes fewer of the cache's lines).
struct WaitingWork {
    /// Its place (``place(classRank:due:roshRank:)``, below 2^32), stored in 32 bits.
    private var packedOrder: UInt32
    /// Its work item (index into the model's pool) and case.
    var item: Int32
    var caseIndex: Int32
    /// The last working day it may still be done: put off beyond it, it is dropped.
    var lastDay: Int32
    /// The working day it was last tried on.
    var lastTried: Int32
    /// Its minutes (main, record keeping, travel), rounded down to a `Float`.
    private var minutesDown: Float

    /// `minutes` are the exact minutes (the item's ``WorkItem/totalMinutes``).
    init(order: UInt64, item: Int32, caseIndex: Int32, lastDay: Int32, lastTried: Int32, minutes: Double) {
        packedOrder = UInt32(truncatingIfNeeded: order)
        self.item = item
        self.caseIndex = caseIndex
        self.lastDay = lastDay
        self.lastTried = lastTried
        var down = Float(minutes)
        if Double(down) > minutes { down = down.nextDown }
        minutesDown = down
    }

    /// Its place: class (the last to give way first), deadline, RoSH (see ``place(urgency:due:rosh:)``).
    /// Pieces of the same place keep the order they were last tried in (their order in the list).
    @inline(__always) var order: UInt64 {
        get { UInt64(packedOrder) }
        set { packedOrder = UInt32(truncatingIfNeeded: newValue) }
    }

    /// At most its minutes, and equal to them to a `Float`'s precision: a piece whose `minutes`
    /// are more than the day's room does not fit; one whose `minutes` are not may, and whether it
    /// does is decided by its item's exact minutes.
    @inline(__always) var minutes: Double { Double(minutesDown) }

    /// Whether `minutes <= room`, given the room as ``roomDown(_:)`` (one `Float` comparison).
    @inline(__always) func fits(roomDown: Float) -> Bool { minutesDown <= roomDown }

    /// The largest `Float` at most `room`: a piece's `Float` minutes are at most it exactly when
    /// its ``minutes`` are at most `room`.
    @inline(__always) static func roomDown(_ room: Double) -> Float {
        var r = Float(room)
        if Double(r) > room { r = r.nextDown }
        return r
    }

    /// The order of waiting work: the class of work that gives way last first (`urgency` 4 first),
    /// then the nearest deadline (`due`, Int32.max for none), then the higher RoSH.
    @inline(__always)
    static func place(urgency: UInt8, due: Int32, rosh: RoSH) -> UInt64 {
        place(classRank: UInt64(4 - min(4, urgency)), due: due, roshRank: UInt64(3 - rosh.rank))
    }

    /// The place from the ranks a work event's priority holds (``ModelPriority/work(urgency:daysToDue:rosh:)``):
    /// 0 for the class that gives way last and for very high RoSH.
    ///
    /// In 32 bits: the class rank (0-4) in the top 3, the deadline's day in the next 27 and the
    /// RoSH rank (0-3) in the last 2. The deadline is its day number (days since 1970-01-01),
    /// exact from 1970 for 367,000 years; no deadline (Int32.max), and any day outside that range,
    /// counts as the last.
    @inline(__always)
    static func place(classRank: UInt64, due: Int32, roshRank: UInt64) -> UInt64 {
        let lastDue: UInt64 = (1 << 27) - 1
        let bits = UInt64(UInt32(bitPattern: due))
        return classRank << 29 | Swift.min(bits, lastDue) << 2 | roshRank
    }

    /// Whether it comes before new work of place `next` (`waitingFirst`: when of the same place).
    @inline(__always) func comes(before next: UInt64, waitingFirst: Bool) -> Bool {
        Self.comes(order, before: next, waitingFirst: waitingFirst)
    }

    /// The last place that comes before new work of place `next` (nil: none does), so that
    /// `comes(order, before: next, waitingFirst:)` is `order <= lastPlace`.
    @inline(__always) static func lastPlace(before next: UInt64, waitingFirst: Bool) -> UInt64? {
        waitingFirst ? next : (next == 0 ? nil : next - 1)
    }

    /// Whether waiting work of place `order` comes before new work of place `next`.
    @inline(__always) static func comes(_ order: UInt64, before next: UInt64, waitingFirst: Bool) -> Bool {
        order < next || (order == next && waitingFirst)
    }
}
