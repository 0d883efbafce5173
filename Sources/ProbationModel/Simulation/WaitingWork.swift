import SimulationCore
import ProbationRules

/// A piece of work put off for capacity, waiting in its practitioner's list: what the daily
/// retry needs without reading the work item itself (40 bytes).
struct WaitingWork {
    /// Its place: class (the last to give way first), deadline, RoSH (see ``place(urgency:due:rosh:)``).
    /// Pieces of the same place keep the order they were last tried in (their order in the list).
    var order: UInt64
    /// Its work item (index into the model's pool) and case.
    var item: Int32
    var caseIndex: Int32
    /// The case's plan generation it belongs to (planned contacts only).
    var generation: UInt32
    /// What decides whether it is still wanted (``WantedRule``).
    var wantedRule: WantedRule
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

/// Each practitioner's waiting work, in order, and where today's retry has got to.
///
/// The order is the one the work is tried in each day, as when each piece went back into the
/// event queue after each try: by place, and among pieces of the same place, the order they were
/// tried in the day before (a piece put off today goes where it was tried: ``putOff(_:practitioner:day:)``).
///
/// What it buys: under a standing backlog most diary work waits (on a tenth of the calibrated
/// national scenario, about 330 put-offs per case-year against 22 pieces done). Kept as events,
/// each piece went back through the event queue every working day, with its deadline
/// arithmetic and monitors; kept here, a day's retry reads each list front to back and touches
/// a waiting piece's item only when it is done, dropped or withdrawn.
struct WaitingLists {
    /// Practitioner p's waiting work, in ``WaitingWork/comes(before:)`` order.
    var lists: [[WaitingWork]] = []
    /// The length of each list, kept beside it so that asking whether p has waiting work (before
    /// each piece of p's new work, and at each day's end) does not touch the list's own storage:
    /// that load was 13% of the retry's own time at a calibrated tenth (`perf annotate`).
    var counts: [Int32] = []
    /// How far along p's list today's retry has got (entries before it were tried today or are
    /// not due a retry), and the day that was.
    var cursor: [Int32] = []
    var cursorDay: [Int32] = []
    /// The place of the piece at p's cursor (UInt64.max at the list's end), kept beside the list
    /// with ``counts`` so that a retry with nothing to serve yet reads neither the list nor its
    /// storage (that cold read was a fifth of the retry's own time at a calibrated tenth).
    var headOrder: [UInt64] = []
    /// The engine's count of scheduled events at the last working day's end. New work scheduled
    /// before it comes before waiting work of the same place; new work scheduled after it (work
    /// moved from a weekend, say) after it, as when waiting work went back into the event queue
    /// at each day's end.
    var dayEndSequence: UInt64 = 0
    /// Pieces waiting over all practitioners.
    var count = 0
    /// The practitioner whose list is taken out to be served (-1: none), and the cases whose work
    /// stopped counting meanwhile (a recall while a contact of the list was held): the serving
    /// loop withdraws their pieces.
    var serving = -1
    var casesToCheck: [Int32] = []

    init(practitioners: Int) { grow(to: practitioners) }

    mutating func grow(to practitioners: Int) {
        while lists.count < practitioners {
            lists.append([])
            counts.append(0)
            headOrder.append(.max)
            cursor.append(0)
            cursorDay.append(Int32.min)
        }
    }

    /// The first entry of p's list whose place is after `order` (`orEqual`: at or after).
    func bound(_ order: UInt64, orEqual: Bool, in p: Int) -> Int {
        var lo = 0, hi = lists[p].count
        while lo < hi {
            let mid = (lo + hi) / 2
            let o = lists[p][mid].order
            if o < order || (!orEqual && o == order) { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// Notes the place of the piece now at p's cursor (after the cursor moved or that piece left).
    @inline(__always) mutating func noteHead(_ p: Int) {
        let c = Int(cursor[p])
        headOrder[p] = c < lists[p].count ? lists[p][c].order : .max
    }

    /// Puts `w` in p's list at position k (a piece put there before today's retry reached it is
    /// not tried again today).
    private mutating func insert(_ w: WaitingWork, at k: Int, practitioner p: Int) {
        lists[p].insert(w, at: k)
        counts[p] += 1
        if k <= Int(cursor[p]) { cursor[p] += 1 }
        count += 1
    }

    /// Puts `w` in p's list after every piece of its place or before (work that follows its case
    /// to a new practitioner).
    mutating func insert(_ w: WaitingWork, practitioner p: Int) {
        grow(to: p + 1)
        insert(w, at: bound(w.order, orEqual: false, in: p), practitioner: p)
    }

    /// Puts `w`, new work put off on `day`, at its place in p's list, and among pieces of the same
    /// place where it was tried: after those tried before it today, before those not yet tried
    /// (today's retry served p's list up to its place first:
    /// ``ReplicationModel/serveWaiting(_:before:waitingFirst:_:)``). It is not tried again today.
    mutating func putOff(_ w: WaitingWork, practitioner p: Int, day: Int32) {
        grow(to: p + 1)
        if cursorDay[p] != day {
            #if PROBSIM_INVARIANTS
            precondition(lists[p].isEmpty, "invariant: work put off without its practitioner's waiting work served first")
            #endif
            cursorDay[p] = day
            cursor[p] = 0
            noteHead(p)
        }
        // Usually the place is at the cursor (today's retry has just served p's list up to it):
        // when the pieces either side of the cursor bracket its place, the cursor is the clamp
        // below, found without searching the list (this function's own time went from 3.0% to
        // 1.1% of a calibrated tenth in `perf record`).
        let c = Int(cursor[p]), n = lists[p].count
        if (c == 0 || lists[p][c - 1].order <= w.order) && (c == n || lists[p][c].order >= w.order) {
            return insert(w, at: c, practitioner: p)
        }
        let first = bound(w.order, orEqual: true, in: p), after = bound(w.order, orEqual: false, in: p)
        insert(w, at: min(max(c, first), after), practitioner: p)
    }

    /// Removes entry k of p's list.
    mutating func remove(at k: Int, practitioner p: Int) {
        lists[p].remove(at: k)
        counts[p] -= 1
        if k < Int(cursor[p]) { cursor[p] -= 1 } else if k == Int(cursor[p]) { noteHead(p) }
        count -= 1
    }

    /// Takes p's list out (leaving it empty) to be served; ``putList(_:back:)`` returns it.
    mutating func takeList(_ p: Int) -> [WaitingWork] {
        var list: [WaitingWork] = []
        swap(&list, &lists[p])
        counts[p] = 0
        serving = p
        return list
    }

    mutating func putList(_ list: [WaitingWork], back p: Int) {
        #if PROBSIM_INVARIANTS
        precondition(lists[p].isEmpty, "invariant: work was put in a waiting list while it was being served")
        #endif
        lists[p] = list
        counts[p] = Int32(list.count)
        serving = -1
    }
}

/// What decides whether a piece of work still counts when its turn comes (see
/// ``ReplicationModel/isStillWanted(_:)``).
enum WantedRule: UInt8 {
    /// Its case is on the books.
    case caseActive
    /// A planned contact: its case is on the books, under the same plan, and not in custody.
    case planned
    /// Volume work not done in custody: its case is on the books and neither in custody nor before release.
    case volumeOutsideCustody

    /// Whether work under this rule (of plan `generation`) still counts for a case in state `s`.
    @inline(__always)
    func holds(generation: UInt32, _ s: CaseState) -> Bool {
        switch self {
        case .caseActive: return s.active
        case .planned: return s.active && generation == s.generation && !s.inCustody
        case .volumeOutsideCustody: return s.active && !s.inCustody && !s.preRelease
        }
    }
}
