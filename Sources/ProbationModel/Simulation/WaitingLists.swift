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
///
/// How a list is kept: as a ring of slots in one pool shared by all practitioners, with its free
/// slots at today's cursor. The pieces tried today (the list's first ``Ring/cursor``) run on from
/// ``Ring/triedStart``; the pieces not yet tried end just before it. Trying a piece moves it from
/// the front of the untried ones to the end of the tried ones (or leaves it out, done or dropped),
/// and new work put off at the cursor goes into a free slot: neither shifts the list, which
/// instead moves round its ring by its own length each working day. Kept as one array per
/// practitioner, closed up after each retry and opened at the cursor for each put-off, the
/// shifting (`memmove`, 5.7% of a national run in `perf record`) made a national run's cost per
/// case-year a tenth higher (see docs/performance-history.md).
///
/// Not to be copied: its tables are ``RefArray``s, shared by a copy; written only through its methods.
struct WaitingLists {
    /// Where practitioner p's list is and how far today's retry has got: all that deciding
    /// whether to serve p reads, in 32 bytes.
    struct Ring {
        /// The place of the piece at the cursor (UInt64.max at the list's end).
        var headOrder: UInt64 = .max
        /// The list's slots: `pool[base ..< base + capacity]`, the capacity a power of two
        /// (`mask` = capacity − 1; −1 before the list has any).
        var base: Int32 = 0
        var mask: Int32 = -1
        /// The slot (0 ..< capacity) of the first piece tried today; the untried pieces end just before it.
        var triedStart: Int32 = 0
        /// The pieces in the list.
        var count: Int32 = 0
        /// How many of them were tried today (the list's first `cursor`), and the day that was.
        var cursor: Int32 = 0
        var cursorDay: Int32 = Int32.min

        var capacity: Int32 { mask &+ 1 }

        /// The pool index of slot `s` of the ring (any integer: it wraps).
        @inline(__always) func at(_ s: Int32) -> Int { Int(base) &+ Int(s & mask) }

        /// The pool index of the list's k-th piece.
        @inline(__always) func slot(_ k: Int32) -> Int { at(triedStart &+ k &- (k < cursor ? 0 : count)) }
    }

    /// Practitioner p's list: where its pieces are and how far today's retry has got.
    let rings = RefArray<Ring>()
    /// Every list's slots.
    let pool = RefArray<WaitingWork>()
    /// By practitioner: the place of the piece just before the cursor (0 with the cursor at the
    /// list's front), which ``putOff(_:practitioner:day:)`` compares new work with. Kept here
    /// because that piece is often no longer cached when new work comes: reading it was 84% of
    /// `putOff`'s samples in `perf record` of a year of national (2.9% of the run).
    let beforeCursor = RefArray<UInt64>()
    /// By practitioner: the place of the list's first piece (meaningless when the list is empty),
    /// which is the noted head once a new day's retry starts (``startDay(_:_:)``). Kept here so
    /// that starting a day reads none of the list: that read was 93% of `startDay`'s samples in
    /// `perf annotate` of a year of national, a first cache miss on the list that the retry's
    /// own batch of asks for its first lines (``prefetchUntried(_:)``) now takes with the rest.
    let firstOrder = RefArray<UInt64>()
    /// The engine's count of scheduled events at the last working day's end. New work scheduled
    /// before it comes before waiting work of the same place; new work scheduled after it (work
    /// moved from a weekend, say) after it, as when waiting work went back into the event queue
    /// at each day's end.
    var dayEndSequence: UInt64 = 0
    /// The practitioner whose list is being served (-1: none), and the cases whose work
    /// stopped counting meanwhile (a recall while a contact of the list was held): the serving
    /// loop withdraws their pieces.
    var serving = -1
    var casesToCheck: [Int32] = []

    /// What fills a new ring's slots until pieces are put in them.
    private static let vacant = WaitingWork(order: .max, item: -1, caseIndex: -1,
                                            lastDay: Int32.min, lastTried: Int32.min, minutes: 0)

    init(practitioners: Int) { grow(to: practitioners) }

    mutating func grow(to practitioners: Int) {
        if rings.count < practitioners {
            beforeCursor.append(repeating: 0, count: practitioners - rings.count)
            firstOrder.append(repeating: .max, count: practitioners - rings.count)
            rings.append(repeating: Ring(), count: practitioners - rings.count)
        }
    }

    /// The number of pieces in p's list.
    @inline(__always) func count(of p: Int) -> Int { Int(rings[p].count) }

    /// The k-th piece of p's list.
    subscript(p: Int, k: Int) -> WaitingWork { pool[rings[p].slot(Int32(k))] }

    /// P's list, in order.
    func list(_ p: Int) -> [WaitingWork] { (0..<count(of: p)).map { self[p, $0] } }

    /// The first entry of p's list whose place is after `order` (`orEqual`: at or after).
    func bound(_ order: UInt64, orEqual: Bool, in p: Int) -> Int {
        var lo = 0, hi = count(of: p)
        while lo < hi {
            let mid = (lo + hi) / 2
            let o = self[p, mid].order
            if o < order || (!orEqual && o == order) { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// Notes the place of the piece now at p's cursor (after the cursor moved or that piece left).
    @inline(__always) mutating func noteHead(_ p: Int) {
        let r = rings[p]
        rings[p].headOrder = r.cursor < r.count ? pool[r.slot(r.cursor)].order : .max
    }

    /// Starts p's retry for `day` if it has not started: the cursor goes back to the list's front.
    @inline(never)
    mutating func startDay(_ p: Int, _ day: Int32) {
        guard rings[p].cursorDay != day else { return }
        rings[p].cursorDay = day
        let r = rings[p]
        if r.cursor > 0 && r.cursor < r.count {
            // The last retry stopped short of the list's end (not at a working day's end): lay it out afresh.
            relayout(p, capacity: r.capacity, cursor: 0)
        } else {
            // Every piece is on one side of the free slots: they are all untried from today.
            rings[p].triedStart = r.count == 0 ? 0 : (r.triedStart &+ r.cursor) & r.mask
            rings[p].cursor = 0
        }
        beforeCursor[p] = 0
        // The cursor is at the list's front: the head is the first piece (the list's order is unchanged).
        #if PROBSIM_INVARIANTS
        noteHead(p)
        precondition(rings[p].count == 0 || rings[p].headOrder == firstOrder[p], "invariant: practitioner \(p)'s noted first place is stale")
        #endif
        rings[p].headOrder = rings[p].count == 0 ? .max : firstOrder[p]
    }

    /// Lays p's list out afresh in `capacity` slots (new ones at the pool's end if it changes), its
    /// first `cursor` pieces tried today: the untried pieces in slots 0 ..< u, the tried after them.
    private mutating func relayout(_ p: Int, capacity: Int32, cursor: Int32) {
        let pieces = list(p)
        var r = rings[p]
        if capacity != r.capacity {
            r.base = Int32(pool.count)
            r.mask = capacity - 1
            pool.append(repeating: Self.vacant, count: Int(capacity))
        }
        let n = Int32(pieces.count)
        r.count = n
        r.cursor = cursor
        r.triedStart = (n - cursor) & r.mask
        rings[p] = r
        for k in pieces.indices { pool[r.slot(Int32(k))] = pieces[k] }
    }

    /// Puts `w` in p's list at position k (a piece put there before today's retry reached it is
    /// not tried again today).
    private mutating func insert(_ w: WaitingWork, at k: Int, practitioner p: Int) {
        #if PROBSIM_INVARIANTS
        precondition(p != serving, "invariant: work was put in a waiting list while it was being served")
        #endif
        if rings[p].count == rings[p].capacity { relayout(p, capacity: max(16, 2 * rings[p].capacity), cursor: rings[p].cursor) }
        var r = rings[p]
        let k = Int32(k)
        if k == r.cursor { return putAtCursor(w, practitioner: p) }
        if k == 0 { firstOrder[p] = w.order }
        if k < r.cursor {
            // Among the tried pieces (or at their end): those after it move one slot on, into the free ones.
            var j = r.cursor
            while j > k { pool[r.at(r.triedStart &+ j)] = pool[r.at(r.triedStart &+ j &- 1)]; j -= 1 }
            pool[r.at(r.triedStart &+ k)] = w
            r.cursor += 1
        } else {
            // Among the untried pieces: those before it move one slot back, into the free ones.
            let first = r.triedStart &- (r.count &- r.cursor)   // the slot of the first untried piece
            var s = first
            while s < first &+ (k &- r.cursor) { pool[r.at(s &- 1)] = pool[r.at(s)]; s += 1 }
            pool[r.at(s &- 1)] = w
        }
        r.count += 1
        rings[p] = r
    }

    /// Puts `w` at p's cursor, into a free slot (the ring has one), as the last piece tried today:
    /// where most put-offs go.
    @inline(__always) private mutating func putAtCursor(_ w: WaitingWork, practitioner p: Int) {
        #if PROBSIM_INVARIANTS
        precondition(p != serving, "invariant: work was put in a waiting list while it was being served")
        #endif
        let r = rings[p]
        pool[r.at(r.triedStart &+ r.cursor)] = w
        rings[p].cursor = r.cursor &+ 1
        rings[p].count = r.count &+ 1
        beforeCursor[p] = w.order
        if r.cursor == 0 { firstOrder[p] = w.order }
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
        if rings[p].cursorDay != day {
            #if PROBSIM_INVARIANTS
            precondition(rings[p].count == 0, "invariant: work put off without its practitioner's waiting work served first")
            #endif
            startDay(p, day)
        }
        // Usually the place is at the cursor (today's retry has just served p's list up to it):
        // when the pieces either side of the cursor bracket its place, the cursor is the clamp
        // below, found without searching the list, and the piece goes into a free slot.
        let r = rings[p]
        #if PROBSIM_INVARIANTS
        precondition(beforeCursor[p] == (r.cursor == 0 ? 0 : pool[r.at(r.triedStart &+ r.cursor &- 1)].order), "invariant: practitioner \(p)'s noted place before the cursor is stale")
        #endif
        if beforeCursor[p] <= w.order && r.headOrder >= w.order {
            guard r.count < r.capacity else { return insert(w, at: Int(r.cursor), practitioner: p) }
            // With a free slot, straight in (insert's general path only when the ring must grow).
            return putAtCursor(w, practitioner: p)
        }
        let c = Int(r.cursor)
        let first = bound(w.order, orEqual: true, in: p), after = bound(w.order, orEqual: false, in: p)
        insert(w, at: min(max(c, first), after), practitioner: p)
    }

    /// Removes entry k of p's list.
    mutating func remove(at k: Int, practitioner p: Int) {
        var r = rings[p]
        let k = Int32(k)
        if k < r.cursor {
            // A tried piece: those after it move one slot back.
            var j = k
            while j < r.cursor - 1 { pool[r.at(r.triedStart &+ j)] = pool[r.at(r.triedStart &+ j &+ 1)]; j += 1 }
            r.cursor -= 1
            if k == r.cursor { beforeCursor[p] = k == 0 ? 0 : pool[r.at(r.triedStart &+ k &- 1)].order }
        } else {
            // An untried piece: those before it move one slot on.
            let first = r.triedStart &- (r.count &- r.cursor)
            var s = first &+ (k &- r.cursor)
            while s > first { pool[r.at(s)] = pool[r.at(s &- 1)]; s -= 1 }
        }
        r.count -= 1
        rings[p] = r
        if k == 0 && r.count > 0 { firstOrder[p] = pool[r.slot(0)].order }
        if k == r.cursor { noteHead(p) }
    }
}
