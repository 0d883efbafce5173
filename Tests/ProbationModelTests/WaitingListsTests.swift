import Testing
@testable import ProbationModel

/// The waiting lists keep each practitioner's list as a ring with its free slots at the cursor
/// (``WaitingLists``). These drive the ring and a plain array with the rules the model had
/// before (an array per practitioner, opened at the cursor for a put-off, closed up after a
/// retry) through 6,000 random steps for each of four seeds (put-offs, moves in, withdrawals,
/// retries stopped early or not, new days), and check after every one that the two hold the
/// same pieces in the same order, with the same cursor, day, noted head, noted place before the
/// cursor (``WaitingLists/beforeCursor``) and noted first place (``WaitingLists/firstOrder``). At each step of a
/// retry, with even odds, the pieces that simply wait are passed over first
/// (``WaitingLists/passWaiting``), checked against the same rule applied to the array.
@Suite struct WaitingListsTests {
    /// The rules as a plain array: what the ring must reproduce.
    struct Reference {
        var list: [WaitingWork] = []
        var cursor = 0
        var cursorDay = Int32.min

        func bound(_ order: UInt64, orEqual: Bool) -> Int {
            list.firstIndex { $0.order > order || (orEqual && $0.order == order) } ?? list.count
        }
        mutating func startDay(_ day: Int32) {
            if cursorDay != day { cursorDay = day; cursor = 0 }
        }
        mutating func insert(_ w: WaitingWork, at k: Int) {
            list.insert(w, at: k)
            if k <= cursor { cursor += 1 }
        }
        mutating func putOff(_ w: WaitingWork, day: Int32) {
            startDay(day)
            let first = bound(w.order, orEqual: true), after = bound(w.order, orEqual: false)
            insert(w, at: min(max(cursor, first), after))
        }
        mutating func remove(at k: Int) {
            list.remove(at: k)
            if k < cursor { cursor -= 1 }
        }
    }

    /// A piece whose minutes are its id and whose last day is 0, 1 or 2.
    static func piece(_ id: Int32, order: UInt64, lastTried: Int32 = 0) -> WaitingWork {
        WaitingWork(order: order, item: id, caseIndex: id,
                    lastDay: id % 3, lastTried: lastTried, minutes: Double(id))
    }

    /// Checks practitioner p of `lists` against `ref`; returns whether they agree.
    static func agree(_ lists: WaitingLists, _ p: Int, _ ref: Reference) -> Bool {
        let r = lists.rings[p]
        let head = ref.cursor < ref.list.count ? ref.list[ref.cursor].order : UInt64.max
        let before = ref.cursor == 0 ? 0 : ref.list[ref.cursor - 1].order
        return lists.list(p).map(\.item) == ref.list.map(\.item) && lists.list(p).map(\.lastTried) == ref.list.map(\.lastTried)
            && Int(r.cursor) == ref.cursor && lists.beforeCursor[p] == before
            && (ref.list.isEmpty || lists.firstOrder[p] == ref.list[0].order)
            && Int(r.count) == ref.list.count && r.cursorDay == ref.cursorDay && r.headOrder == head
    }

    /// A place packed in 32 bits orders pieces as the 64-bit place it replaced did (class rank,
    /// then the deadline's bit pattern, then RoSH rank), for deadlines from 1970 to 2517 (day 200,000) and none.
    @Test func packedPlacesOrderAsTheFullPlacesDid() {
        func full(_ c: UInt64, _ due: Int32, _ r: UInt64) -> UInt64 { c << 56 | UInt64(UInt32(bitPattern: due)) << 8 | r }
        var random = Mutator(state: 7)
        var checked = 0
        for _ in 0..<20_000 {
            let a = (UInt64(random.below(5)), random.below(10) == 0 ? Int32.max : Int32(random.below(200_000)), UInt64(random.below(4)))
            let b = (UInt64(random.below(5)), random.below(10) == 0 ? Int32.max : Int32(random.below(200_000)), UInt64(random.below(4)))
            let packedA = WaitingWork.place(classRank: a.0, due: a.1, roshRank: a.2)
            let packedB = WaitingWork.place(classRank: b.0, due: b.1, roshRank: b.2)
            #expect(packedA < 1 << 32)
            let fullA = full(a.0, a.1, a.2), fullB = full(b.0, b.1, b.2)
            if (packedA < packedB) != (fullA < fullB) || (packedA == packedB) != (fullA == fullB) {
                Issue.record("\(a) and \(b): packed \(packedA) and \(packedB), full \(fullA) and \(fullB)")
            }
            checked += 1
        }
        #expect(checked == 20_000)
    }

    /// A piece's minutes are its exact minutes rounded down to a Float: never more, and the next
    /// Float up is more (the sum of three Float draws, as a work item's total is made).
    @Test func minutesAreRoundedDown() {
        var random = Mutator(state: 11)
        var inexact = 0
        for _ in 0..<20_000 {
            let parts = (0..<3).map { _ in Float(random.below(1_000_000)) / 997 }
            let exact = Double(parts[0]) + Double(parts[1]) + Double(parts[2])
            let w = WaitingWork(order: 0, item: 0, caseIndex: 0, lastDay: 0, lastTried: 0, minutes: exact)
            #expect(w.minutes <= exact && Double(Float(w.minutes).nextUp) > exact)
            if w.minutes != exact { inexact += 1 }
        }
        // Most such sums are not Floats, so the rounding is exercised.
        #expect(inexact > 1_000)
    }

    /// The retry's single comparisons answer as the ones they replace: a piece fits the room
    /// rounded down to a Float exactly when its minutes are at most the room (rooms and minutes
    /// near each other, on and between Floats, an untouched day's unlimited room, and rooms at the
    /// edges of a Double), and a place is at most ``WaitingWork/lastPlace(before:waitingFirst:)``
    /// exactly when it comes before new work (nothing comes before place 0 unless waiting work
    /// goes first).
    @Test func theRetrysComparisonsAgreeWithTheFullOnes() {
        var random = Mutator(state: 13)
        var fits = 0, fitsNot = 0
        for k in 0..<20_000 {
            let minutes = Double(random.below(1_000_000)) / 997
            let w = WaitingWork(order: 0, item: 0, caseIndex: 0, lastDay: 0, lastTried: 0, minutes: minutes)
            let nudge = [0, Double(Float(w.minutes).ulp) / 2, -Double(Float(w.minutes).ulp) / 2, 1e-9, -1e-9][k % 5]
            let room = k % 997 == 0 ? Double.infinity : w.minutes + nudge
            let expected = w.minutes <= room
            #expect(w.fits(roomDown: WaitingWork.roomDown(room)) == expected, "minutes \(w.minutes), room \(room)")
            if expected { fits += 1 } else { fitsNot += 1 }
        }
        #expect(fits > 5_000 && fitsNot > 5_000)
        // Rooms at the edges: beyond a Float's range, infinite either way, negative, not a number.
        let w = WaitingWork(order: 0, item: 0, caseIndex: 0, lastDay: 0, lastTried: 0, minutes: 45.3)
        for room in [Double.greatestFiniteMagnitude, Double.infinity, -Double.infinity, -1, -0.0, 0, Double.nan] {
            #expect(w.fits(roomDown: WaitingWork.roomDown(room)) == (w.minutes <= room), "room \(room)")
        }
        for next: UInt64 in [0, 1, 7, 1 << 31, UInt64.max] {
            for waitingFirst in [false, true] {
                let last = WaitingWork.lastPlace(before: next, waitingFirst: waitingFirst)
                for order: UInt64 in [0, 1, 6, 7, 8, 1 << 31, (1 << 32) - 1] {
                    #expect((last.map { order <= $0 } ?? false) == WaitingWork.comes(order, before: next, waitingFirst: waitingFirst),
                            "order \(order), next \(next), waiting first \(waitingFirst)")
                }
            }
        }
        #expect(WaitingWork.lastPlace(before: 0, waitingFirst: false) == nil)
    }

    /// With 6 places ties are common (and a list's first piece nearly always has the first
    /// place); with 1,000 they are rare, and the first piece's place changes as pieces come and go.
    @Test(arguments: [1, 2, 3, 4], [6, 1_000])
    func theRingKeepsTheOrderACursorAndTheHeadAsAnArrayDoes(seed: UInt64, places: Int) {
        var random = Mutator(state: seed)
        let practitioners = 3
        var lists = WaitingLists(practitioners: practitioners)
        var refs = Array(repeating: Reference(), count: practitioners)
        var day: Int32 = 1
        var nextId: Int32 = 0
        var largest: Int32 = 0
        for step in 0..<6_000 {
            let p = random.below(practitioners)
            // With few places, ties (kept in the order tried) are common.
            let order = UInt64(random.below(places))
            // The first steps leave nothing out, so that each list grows to about 200 pieces,
            // through rings of 16 to 256 slots; after them, pieces leave as often as they come.
            let growing = step < 1_500
            switch random.below(10) {
            case 0:
                // A new day (a partial retry the day before is laid out afresh).
                day += 1
            case 1, 2, 3:
                // New work put off at its place, as after a retry up to it (which starts the day
                // of a list with pieces in it), tried today.
                let w = Self.piece(nextId, order: order, lastTried: day)
                nextId += 1
                if lists.rings[p].count > 0 { lists.startDay(p, day) }
                lists.putOff(w, practitioner: p, day: day)
                refs[p].putOff(w, day: day)
            case 4:
                // Work that follows its case here, after every piece of its place.
                let w = Self.piece(nextId, order: order)
                nextId += 1
                lists.insert(w, practitioner: p)
                refs[p].insert(w, at: refs[p].bound(order, orEqual: false))
            case 5:
                // A piece withdrawn from anywhere in the list.
                guard !growing, !refs[p].list.isEmpty else { continue }
                let k = random.below(refs[p].list.count)
                lists.remove(at: k, practitioner: p)
                refs[p].remove(at: k)
            default:
                // A retry of the untried pieces before a place: each kept, or left out (done or
                // dropped), at random; one in five stops early, as before new work of that place.
                lists.startDay(p, day)
                refs[p].startDay(day)
                guard lists.rings[p].cursor < lists.rings[p].count else { continue }
                let stop = random.below(5) == 0 ? order : UInt64.max
                var retry = lists.beginRetry(p)
                // What the pass over waiting pieces sees: room for some pieces (minutes are ids)
                // and a next working day past some last days.
                let room = Double(random.below(Int(nextId) + 1)), nextWorkingDay = Int32(random.below(4))
                let waitingFirst = random.below(2) == 0
                while true {
                    if random.below(2) == 0 {
                        var expected = 0
                        while refs[p].cursor < refs[p].list.count {
                            var w = refs[p].list[refs[p].cursor]
                            guard w.order < stop || (w.order == stop && waitingFirst) else { break }
                            if w.lastTried != day {
                                guard w.minutes > room, nextWorkingDay <= w.lastDay else { break }
                                w.lastTried = day
                                refs[p].list[refs[p].cursor] = w
                                expected += 1
                            }
                            refs[p].cursor += 1
                        }
                        let waited = lists.passWaiting(&retry, before: stop, waitingFirst: waitingFirst, room: room, day: day,
                                                       nextWorkingDay: nextWorkingDay, lookahead: 4, items: RefArray(), cases: RefArray())
                        #expect(waited == expected)
                    }
                    guard let w = lists.untried(retry), w.order < stop || (w.order == stop && waitingFirst) else { break }
                    // The retry reads the piece at the cursor, and the look-ahead the piece three on.
                    let c = refs[p].cursor
                    #expect(w.item == refs[p].list[c].item)
                    #expect(lists.untried(retry, ahead: 3)?.item == (c + 3 < refs[p].list.count ? refs[p].list[c + 3].item : nil))
                    lists.take(&retry)
                    if !growing && random.below(3) == 0 {
                        refs[p].list.remove(at: refs[p].cursor)
                    } else {
                        lists.keep(w, &retry)
                        refs[p].cursor += 1
                    }
                }
                lists.endRetry(retry)
                lists.endServing(p)
            }
            // Every practitioner, so that a move of one list's ring that overwrote another's is caught at once.
            for q in 0..<practitioners {
                let same = Self.agree(lists, q, refs[q])
                #expect(same, "practitioner \(q)'s list differs from the array's after step \(step) (seed \(seed), \(places) places)")
                if !same { return }
            }
            largest = max(largest, lists.rings[p].capacity)
        }
        // The lists outgrew their rings several times.
        #expect(largest >= 256)
    }
}
