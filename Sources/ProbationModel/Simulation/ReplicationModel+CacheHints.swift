import SimulationCore

/// Where the model asks for memory early (see ``CacheHint`` for what it buys).
extension ReplicationModel {
    /// Asks for what the next events will touch while this one is handled: the work item of the
    /// event after next; for the next (its item was asked for one event earlier), its case state,
    /// and for work, its practitioner's list place and diary day (by the item's practitioner hint).
    @inline(__always)
    mutating func prefetchNext(_ a: Lookahead) {
        if a.afterKind == ModelEvent.work.rawValue { CacheHint.element(items, Int(a.afterSubject)) }
        let next: Int
        if a.nextKind == ModelEvent.work.rawValue {
            guard Int(a.nextSubject) < items.count else { return }
            let item = items[Int(a.nextSubject)]
            next = Int(item.caseIndex)
            // Its keyed-draw counter, read when its minutes are drawn (94% of `drawMinutes`'s time
            // was that one load in `perf annotate`; asked for here, `drawMinutes` went from 8.2% to 0.9% of
            // a calibrated tenth in `perf record`).
            if item.mainMinutes < 0 && next >= 0 {
                CacheHint.word(kindOrdinals, next &* work.ordinalSlots &+ work.ordinalSlot(item.kind, activity: item.activity))
            }
            if item.practitionerHint != .max { prefetchPractitioner(Int(item.practitionerHint)) }
        } else if a.nextKind == ModelEvent.arrival.rawValue || a.nextKind == ModelEvent.caseEnd.rawValue
                    || a.nextKind == ModelEvent.reRelease.rawValue {
            next = Int(a.nextSubject)
        } else { return }
        CacheHint.element(state, next)
    }

    /// Asks for what new work reads of practitioner p first: the place of p's waiting list and
    /// how far its retry has got (``WaitingLists/prefetchPlace(_:)``), and p's day in the diary
    /// (``Diaries/prefetchDay(_:)``). At national scale (8,101 practitioners) these missed the
    /// cache: the first read of p's list's place was a quarter of `serveWaiting`'s samples in
    /// `perf annotate` of national, and `Diaries.book` and `room` 2.1% of the run. Asked for one
    /// event ahead, national went from 66.7 to 61.7 µs per case-year (5 rounds alternating with
    /// the build before, faster in each; docs/performance-history.md, sixteenth session).
    @inline(__always)
    func prefetchPractitioner(_ p: Int) {
        waiting.prefetchPlace(p)
        diaries.prefetchDay(p)
    }

    /// How many places ahead the waiting-work retry asks for a piece's item and case.
    static let waitingLookahead = 4

    /// In the waiting-work retry, asks for the item and case of the piece ``waitingLookahead``
    /// places on, `soon`, if it will be done or dropped unless the day changes first (it fits in
    /// `room`, or it is past its last day). Those loads were most of the retry's time: `drop`'s
    /// own time went from 3.3% to 0.8% of a calibrated tenth (`perf record`).
    @inline(__always)
    func prefetchWaiting(_ soon: WaitingWork, room: Double, nextWorkingDay: Int32) {
        if soon.minutes <= room || nextWorkingDay > soon.lastDay {
            CacheHint.element(items, Int(soon.item))
            CacheHint.element(state, Int(soon.caseIndex))
        }
    }

    /// As a retry starts, asks for the item and case of each of its first ``waitingLookahead``
    /// pieces that will be done or dropped (the retry's loop asks only that far on): a done
    /// piece's item went from 9% to 3% of `serveWaiting`'s samples on a tenth (`perf annotate`).
    @inline(__always)
    func prefetchFirstWaiting(_ retry: WaitingLists.Retry, room: Double, nextWorkingDay: Int32) {
        var k: Int32 = 0
        while k < Int32(Self.waitingLookahead), let soon = waiting.untried(retry, ahead: k) {
            prefetchWaiting(soon, room: room, nextWorkingDay: nextWorkingDay)
            k += 1
        }
    }

    /// Asks for case j's state, its scope masks and where its bookings are (the month's loop, eight cases ahead).
    @inline(__always)
    mutating func prefetchCase(_ j: Int) {
        CacheHint.element(state, j)
        CacheHint.element(masks, j)
        CacheHint.element(bookingStorage, j)
    }

    /// Asks for case j's bookings themselves (four cases ahead, once ``prefetchCase(_:)`` has
    /// brought their address in): handing a month of bookings to the diary was a third slower
    /// without it (`scheduleBookings` 3.7% → 7.9% of a tenth of national in `perf record`).
    @inline(__always)
    mutating func prefetchBookings(_ j: Int) {
        if j >= 0 && j < bookingStorage.count, let p = bookingStorage[j] { CacheHint.address(p) }
    }

    /// Notes where case i's bookings now are, for ``prefetchBookings(_:)``: the address of the
    /// array's elements, kept only as a hint (never read through).
    @inline(__always)
    mutating func noteBookingStorage(_ i: Int) {
        bookingStorage[i] = bookings[i].withUnsafeBufferPointer { $0.baseAddress.map(UnsafeRawPointer.init) }
    }
}
