/// A day's retry of one practitioner's waiting work (``ReplicationModel/serveWaiting(_:before:waitingFirst:_:)``):
/// begun, its pieces taken in turn (most passed over in a tight loop), kept or left out, and ended.
extension WaitingLists {
    /// A retry of one practitioner's list under way (``beginRetry(_:)``): pieces are taken in
    /// turn from the front of the untried ones, and each either kept, at the end of the tried
    /// ones (``keep(_:_:)``), or left out (done, dropped or withdrawn).
    struct Retry {
        fileprivate var ring: Ring
        fileprivate var untried: Int32
        fileprivate var tried: Int32
        let practitioner: Int
    }

    /// Starts a retry of p's list (its day started: ``startDay(_:_:)``). Nothing may be put in
    /// p's list until ``endRetry(_:)``.
    @inline(__always) mutating func beginRetry(_ p: Int) -> Retry {
        serving = p
        let r = rings[p]
        return Retry(ring: r, untried: r.count &- r.cursor, tried: r.cursor, practitioner: p)
    }

    /// Asks for the cache lines of the first dozen untried pieces at once, as a retry starts, so
    /// that their misses overlap rather than come one after another as the retry reads them
    /// (national for one year 56.8 → 55.4 µs per case-year, faster in each of 5 alternate
    /// rounds; a tenth, whose lists are mostly cached, within the noise).
    @inline(__always) func prefetchUntried(_ t: Retry) {
        pool.withUnsafeBufferPointer { b in
            var k: Int32 = 0
            while k < min(t.untried, 12) {
                CacheHint.address(UnsafeRawPointer(b.baseAddress! + t.ring.at(t.ring.triedStart &- t.untried &+ k)))
                k += 2
            }
        }
    }

    /// Passes over the untried pieces that simply wait, from the next one to take: each that comes
    /// before new work of place `next` (`waitingFirst`: of the same place too) and either was tried
    /// on `day` already (put off here today, or tried today in the list it was moved from) or
    /// neither fits in `room` nor is past its last day (`nextWorkingDay > lastDay`) is kept, as
    /// tried on `day`. It stops at the first other piece, which the caller takes and handles
    /// itself. Returns how many were tried (those not tried on `day` before), and asks for the
    /// item and case of each piece `lookahead` places on that will be done or dropped (``ReplicationModel/prefetchWaiting(_:room:nextWorkingDay:)``'s test).
    ///
    /// What it buys: most tries end in waiting (74.5 M tries for a year of national, 66 M of them
    /// waits), and the general loop, whose other outcomes call out to the model, spent about 140
    /// instructions on each (`cachegrind`), most of them keeping its state across those calls.
    /// Here "comes before" and "fits" are one comparison each
    /// (``WaitingWork/lastPlace(before:waitingFirst:)``, ``WaitingWork/roomDown(_:)``).
    @inline(__always)
    mutating func passWaiting(_ t: inout Retry, before next: UInt64, waitingFirst: Bool, room: Double, day: Int32,
                              nextWorkingDay: Int32, lookahead: Int32, items: RefArray<WorkItem>, cases: RefArray<CaseState>) -> Int {
        let ring = t.ring
        var untried = t.untried, tried = t.tried, waited = 0
        guard let lastPlace = WaitingWork.lastPlace(before: next, waitingFirst: waitingFirst) else { return 0 }
        let roomDown = WaitingWork.roomDown(room)
        pool.withUnsafeMutableBufferPointer { b in
            let slots = b.baseAddress!
            while untried > 0 {
                // The piece 16 on (about 6 cache lines ahead) is asked for, so the read below of
                // the piece `lookahead` on finds it cached.
                if untried > 16 { CacheHint.address(UnsafeRawPointer(slots + ring.at(ring.triedStart &- untried &+ 16))) }
                if untried > lookahead {
                    let soon = slots[ring.at(ring.triedStart &- untried &+ lookahead)]
                    if soon.fits(roomDown: roomDown) || nextWorkingDay > soon.lastDay {
                        CacheHint.element(items, Int(soon.item))
                        CacheHint.element(cases, Int(soon.caseIndex))
                    }
                }
                var w = slots[ring.at(ring.triedStart &- untried)]
                guard w.order <= lastPlace else { break }
                if w.lastTried != day {
                    guard !w.fits(roomDown: roomDown), nextWorkingDay <= w.lastDay else { break }
                    w.lastTried = day
                    waited &+= 1
                }
                slots[ring.at(ring.triedStart &+ tried)] = w
                untried &-= 1
                tried &+= 1
            }
        }
        t.untried = untried
        t.tried = tried
        return waited
    }

    /// Asks for p's ring (where p's list is and how far today's retry has got), the first thing
    /// new work of p's reads (``ReplicationModel/prefetchPractitioner(_:)``).
    @inline(__always) func prefetchPlace(_ p: Int) { CacheHint.element(rings, p) }

    /// Asks for the cache lines of the first dozen pieces p's next retry on `day` will read (the
    /// day's end asks for the next practitioner's while it serves one).
    @inline(__always) func prefetchHead(_ p: Int, day: Int32) {
        let r = rings[p]
        let k: Int32 = r.cursorDay == day ? r.cursor : 0
        guard k < r.count else { return }
        pool.withUnsafeBufferPointer { b in
            var j: Int32 = 0
            while j < min(r.count &- k, 12) {
                CacheHint.address(UnsafeRawPointer(b.baseAddress! + r.slot(k &+ j)))
                j += 2
            }
        }
    }

    /// How many pieces the retry has kept so far, and the k-th of them (for the checks of debug builds).
    func keptCount(_ t: Retry) -> Int32 { t.tried }
    func kept(_ t: Retry, _ k: Int32) -> WaitingWork { pool[t.ring.at(t.ring.triedStart &+ k)] }

    /// The untried piece `ahead` places after the next one to take (nil past the list's end).
    @inline(__always) func untried(_ t: Retry, ahead k: Int32 = 0) -> WaitingWork? {
        k < t.untried ? pool[t.ring.at(t.ring.triedStart &- t.untried &+ k)] : nil
    }

    /// Takes the next untried piece (read with ``untried(_:ahead:)``): it leaves the list unless kept.
    @inline(__always) func take(_ t: inout Retry) { t.untried -= 1 }

    /// Keeps `w` (the piece just taken, as tried today) at the end of the tried pieces.
    @inline(__always) mutating func keep(_ w: WaitingWork, _ t: inout Retry) {
        pool[t.ring.at(t.ring.triedStart &+ t.tried)] = w
        t.tried += 1
    }

    /// Ends the retry: the list is what was kept and what was not taken, the cursor after the
    /// pieces kept, and its head noted. (``serving`` stays set until ``endServing(_:)``, so that
    /// the caller can withdraw the pieces of ``casesToCheck`` first.)
    mutating func endRetry(_ t: Retry) {
        let p = t.practitioner
        #if PROBSIM_INVARIANTS
        let now = rings[p]
        precondition(now.count == t.ring.count && now.cursor == t.ring.cursor && now.triedStart == t.ring.triedStart
                     && now.base == t.ring.base && now.mask == t.ring.mask, "invariant: practitioner \(p)'s list changed while it was served")
        #endif
        var r = t.ring
        // The piece before the cursor changed only if the retry kept one (it is then cached).
        if t.tried != r.cursor { beforeCursor[p] = pool[r.at(r.triedStart &+ t.tried &- 1)].order }
        // So did the first piece, if the retry began at the list's front: the first kept, or else
        // the next untried (both just read).
        if r.cursor == 0 {
            if t.tried > 0 { firstOrder[p] = pool[r.at(r.triedStart)].order } else if t.untried > 0 {
                firstOrder[p] = pool[r.at(r.triedStart &- t.untried)].order
            }
        }
        r.cursor = t.tried
        r.count = t.tried &+ t.untried
        rings[p] = r
        noteHead(p)
    }

    /// P's list is served no longer: work may be put in it again.
    mutating func endServing(_ p: Int) {
        serving = -1
        noteHead(p)
    }
}
