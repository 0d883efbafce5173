import SimulationCore
import ProbationRules

/// A piece of work put off for capacity, waiting in its practitioner's list: what the daily
/// retry needs without reading the work item itself (32 bytes: whether it is still wanted is read
/// from the item, only when its case changes).
struct WaitingWork {
    /// Its place: class (the last to give way first), deadline, RoSH (see ``place(urgency:due:rosh:)``).
    /// Pieces of the same place keep the order they were last tried in (their order in the list).
    var order: UInt64
    /// Its work item (index into the model's pool) and case.
    var item: Int32
    var caseIndex: Int32
    /// The last working day it may still be done: put off beyond it, it is dropped.
    var lastDay: Int32
    /// The working day it was last tried on.
    var lastTried: Int32
    /// Its minutes (main, record keeping, travel).
    var minutes: Double

    /// The order of waiting work: the class of work that gives way last first (`urgency` 4 first),
    /// then the nearest deadline (`due`, Int32.max for none), then the higher RoSH.
    @inline(__always)
    static func place(urgency: UInt8, due: Int32, rosh: RoSH) -> UInt64 {
        place(classRank: UInt64(4 - min(4, urgency)), due: due, roshRank: UInt64(3 - rosh.rank))
    }

    /// The place from the ranks a work event's priority holds (``ModelPriority/work(urgency:daysToDue:rosh:)``):
    /// 0 for the class that gives way last and for very high RoSH.
    @inline(__always)
    static func place(classRank: UInt64, due: Int32, roshRank: UInt64) -> UInt64 {
        classRank << 56 | UInt64(UInt32(bitPattern: due)) << 8 | roshRank
    }

    /// Whether it comes before new work of place `next` (`waitingFirst`: when of the same place).
    @inline(__always) func comes(before next: UInt64, waitingFirst: Bool) -> Bool {
        Self.comes(order, before: next, waitingFirst: waitingFirst)
    }

    /// Whether waiting work of place `order` comes before new work of place `next`.
    @inline(__always) static func comes(_ order: UInt64, before next: UInt64, waitingFirst: Bool) -> Bool {
        order < next || (order == next && waitingFirst)
    }
}
