import Testing
@testable import SimulationCore

/// The sorted day windows of the bucketed queue: the sort itself, and the queue using it against
/// a plain heap when every event falls on a whole day (the case the sort is for).
@Suite struct WindowSortTests {
    /// An entry at `day` with this priority and sequence (the engine's key layout).
    func entry(day: Double, priority: UInt16, sequence: UInt64, subject: UInt32) -> QueueEntry {
        QueueEntry(key: QueueEntry.key(time: day, order: UInt64(priority) << 48 | sequence), kind: 0, slot: .max, subject: subject)
    }

    /// Entries of one day come out in (priority, sequence) order, whether they arrive in sequence
    /// order (the stable sort by priority alone) or shuffled (the sort by the whole order key), and
    /// whatever bytes of the sequence vary (small and large sequence numbers).
    @Test func sortsOneDayByPriorityThenSequence() throws {
        let rng = try RandomStream(key: StreamKey(seed: 4, replication: 0, purpose: StreamPurpose("window-sort")))
        for (n, base, shuffled) in [(300, UInt64(0), false), (5_000, UInt64(1) << 40, false), (5_000, UInt64(70_000), true), (2, UInt64(9), true)] {
            var entries = ContiguousArray<QueueEntry>()
            var sequence = base
            for k in 0..<n {
                sequence += UInt64(1 + rng.integer(below: 300))   // increasing, with gaps
                entries.append(entry(day: 20_000, priority: UInt16(rng.integer(below: 40_000)), sequence: sequence, subject: UInt32(k)))
            }
            if shuffled {
                for k in stride(from: n - 1, to: 0, by: -1) { entries.swapAt(k, rng.integer(below: k + 1)) }
                // (Two entries may shuffle back into sequence order: then out of it.)
                if entries.map(\.key).map({ UInt64(truncatingIfNeeded: $0) & WindowSorter.sequenceMask }) == entries.map(\.key).map({ UInt64(truncatingIfNeeded: $0) & WindowSorter.sequenceMask }).sorted() {
                    entries.reverse()
                }
            }
            let expected = entries.map(\.key).sorted()
            var sorter = WindowSorter()
            let sorted = sorter.sortSameTime(&entries)
            #expect(sorted)
            #expect(entries.map(\.key) == expected, "n \(n), shuffled \(shuffled)")
            #expect(shuffled ? sorter.byWholeKey == 1 : sorter.byPriority == 1)
        }
    }

    /// Windows sorted one after another from a bucket into one reused output (the queue's run),
    /// larger and smaller than the one before, with one to four varying bytes (so both an odd and
    /// an even number of scatter passes, which must each end in the output), come out sorted, and
    /// the output holds exactly the window.
    @Test func sortsFromASourceIntoAReusedOutput() throws {
        let rng = try RandomStream(key: StreamKey(seed: 11, replication: 0, purpose: StreamPurpose("window-sort-into")))
        var sorter = WindowSorter()
        var out = ContiguousArray<QueueEntry>()
        var passes = Set<Int>()
        for (n, priorities, sequenceStep, shuffled) in [(3_000, 200, 1, false), (500, 40_000, 1, false), (4_000, 1, 1, true),
                                                       (700, 40_000, 300, true), (1, 5, 1, false), (2_500, 300, 70_000, true)] {
            var source = ContiguousArray<QueueEntry>()
            var sequence = UInt64(rng.integer(below: 1_000))
            for k in 0..<n {
                sequence += UInt64(1 + rng.integer(below: sequenceStep))
                source.append(entry(day: 9, priority: UInt16(rng.integer(below: priorities)), sequence: sequence, subject: UInt32(k)))
            }
            if shuffled { for k in stride(from: n - 1, to: 0, by: -1) { source.swapAt(k, rng.integer(below: k + 1)) } }
            let before = source.map(\.key)
            let sorted = source.withUnsafeBufferPointer { sorter.sortSameTime($0, into: &out) }
            passes.insert(sorter.lastPasses)
            #expect(sorted)
            #expect(out.map(\.key) == before.sorted(), "n \(n)")
            #expect(source.map(\.key) == before, "the source is read, not written")
        }
        // Both parities of the scatter passes were exercised (the window in sequence order sorts
        // on the priority's bytes only; shuffled ones on the sequence's too).
        #expect(passes.contains { $0 % 2 == 1 } && passes.contains { $0 > 0 && $0 % 2 == 0 })
    }

    /// A window in sequence order but for a short start (a day's bucket: a few events poured in
    /// out of sequence order, then those appended since) is sorted as two parts merged, whether
    /// the start is in key order or not, with the tail's priorities in no byte, one byte or two (0,
    /// 1 and 2 scatter passes over it); a start longer than a quarter of the window is sorted whole.
    @Test func sortsAShortStartAndASequenceOrderedTailByMerging() throws {
        let rng = try RandomStream(key: StreamKey(seed: 12, replication: 0, purpose: StreamPurpose("window-sort-merge")))
        var sorter = WindowSorter()
        var out = ContiguousArray<QueueEntry>()
        var merged = 0, whole = 0
        for (n, start, priorities, startInOrder) in [(2_000, 12, 1, true), (2_000, 12, 200, true), (3_000, 40, 40_000, true),
                                                     (800, 200, 40_000, true), (2_000, 12, 40_000, false), (1_000, 400, 300, true)] {
            // The start, put in key order; its sequences (odd) among the tail's (even), so that with
            // one priority the window is out of sequence order yet a merge.
            var first = (0..<start).map { k in
                entry(day: 30, priority: UInt16(rng.integer(below: priorities)), sequence: UInt64(5_001 + 14 * k), subject: UInt32(k))
            }
            first.sort { $0.key < $1.key }
            if !startInOrder { first.swapAt(0, start - 1) }
            var source = ContiguousArray(first)
            var sequence: UInt64 = 5_000
            for k in start..<n {
                sequence += UInt64(2 + 2 * rng.integer(below: 3))
                source.append(entry(day: 30, priority: UInt16(rng.integer(below: priorities)), sequence: sequence, subject: UInt32(k)))
            }
            let before = source.map(\.key)
            let (m0, w0) = (sorter.byMerge, sorter.byWholeKey)
            let sorted = source.withUnsafeBufferPointer { sorter.sortSameTime($0, into: &out) }
            #expect(sorted)
            #expect(out.map(\.key) == before.sorted(), "n \(n), start \(start), priorities \(priorities)")
            #expect(out.count == n)
            #expect(source.map(\.key) == before, "the source is read, not written")
            merged += sorter.byMerge - m0
            whole += sorter.byWholeKey - w0
            // Merged exactly when the start is at most a quarter of the window.
            #expect(sorter.byMerge - m0 == (start <= n / 4 ? 1 : 0), "n \(n), start \(start)")
            if start <= n / 4 { #expect(sorter.lastPasses == (priorities == 1 ? 0 : priorities <= 256 ? 1 : 2)) }
        }
        #expect(merged == 5 && whole == 1)
    }

    /// A window whose entries are not all at one time is left as it was, for the heap.
    @Test func refusesMixedTimes() {
        var entries: ContiguousArray<QueueEntry> = [entry(day: 3, priority: 5, sequence: 2, subject: 0),
                                                    entry(day: 3.5, priority: 1, sequence: 1, subject: 1)]
        let before = entries.map(\.key)
        var sorter = WindowSorter()
        let sorted = sorter.sortSameTime(&entries)
        #expect(!sorted)
        #expect(entries.map(\.key) == before)
    }

    /// Day-granular events, more than the heap limit pending so the queue uses windows: the
    /// bucketed queue (sorting each poured day) hands them out in exactly the heap's order,
    /// including events scheduled while a day is served, at the same time with a later or a more
    /// urgent priority, and on later days; and its prefetch hint names the next event.
    @Test func dayGranularEventsComeOutInTheHeapsOrder() throws {
        // `inspect` sees the engine at the end (a noncopyable engine cannot go in a tuple with the subjects).
        func trace<Q: FutureEventList & ~Copyable>(_: Q.Type, inspect: (borrowing EventEngine<Q>) -> Void = { _ in }) throws -> [UInt32] {
            let rng = try RandomStream(key: StreamKey(seed: 11, replication: 0, purpose: StreamPurpose("day-windows")))
            var engine = EventEngine<Q>()
            var subject: UInt32 = 0
            for _ in 0..<60_000 {
                engine.schedule(at: Double(rng.integer(below: 30)), priority: EventPriority(UInt16(100 * rng.integer(below: 5))), kind: 1, subject: subject)
                subject += 1
            }
            var out: [UInt32] = []
            while let e = engine.step() {
                out.append(e.subject)
                guard subject < 150_000 else { continue }
                if rng.bernoulli(0.3) {
                    // Same day: a later priority, or a more urgent one (handled next).
                    let p = rng.bernoulli(0.5) ? e.priority.rawValue &+ 50 : (e.priority.rawValue >= 50 ? e.priority.rawValue - 50 : 0)
                    engine.schedule(at: e.time, priority: EventPriority(p), kind: 2, subject: subject)
                    subject += 1
                }
                if rng.bernoulli(0.5) {
                    engine.schedule(at: e.time + Double(1 + rng.integer(below: 20)), priority: EventPriority(UInt16(100 * rng.integer(below: 5))), kind: 3, subject: subject)
                    subject += 1
                }
            }
            inspect(engine)
            return out
        }
        let heap = try trace(HeapEventQueue<QuaternaryArity>.self)
        var byPriority = 0, byWholeKey = 0
        let buckets = try trace(BucketedEventQueue.self) { engine in
            byPriority = engine.queue.sorter.byPriority
            byWholeKey = engine.queue.sorter.byWholeKey
        }
        #expect(buckets.count == heap.count)
        #expect(buckets == heap)
        // The sorted path was taken, both ways.
        #expect(byPriority > 0)
        #expect(byWholeKey > 0)
    }

    /// A day scheduled long ahead (beyond the ring's 512 windows, so its first events wait in the
    /// far heap and start its bucket, in key order) and then filled as it comes within the ring's
    /// span: the bucketed queue sorts it by merging (``WindowSorter/byMerge``), and hands out
    /// every event in exactly the heap's order.
    @Test func aDayFilledBeforeAndAfterItEntersTheRingComesOutInTheHeapsOrder() throws {
        func trace<Q: FutureEventList & ~Copyable>(_: Q.Type, inspect: (borrowing EventEngine<Q>) -> Void = { _ in }) throws -> [UInt32] {
            let rng = try RandomStream(key: StreamKey(seed: 13, replication: 0, purpose: StreamPurpose("far-day")))
            var engine = EventEngine<Q>()
            var subject: UInt32 = 0
            // 40,000 events on days 0 and 1 (the queue takes windows of 1/16 day: 512 of them span
            // 32 days); 2,000 of them (kind 5, on day 0) go on day after day until day 30.
            for k in 0..<40_000 {
                engine.schedule(at: k < 2_000 ? 0 : Double(rng.integer(below: 2)), priority: EventPriority(UInt16(rng.integer(below: 600))), kind: k < 2_000 ? 5 : 1, subject: subject)
                subject += 1
            }
            // Day 40, beyond the ring's span.
            for _ in 0..<300 {
                engine.schedule(at: 40, priority: EventPriority(UInt16(rng.integer(below: 600))), kind: 2, subject: subject)
                subject += 1
            }
            var out: [UInt32] = [], late = 0
            while let e = engine.step() {
                out.append(e.subject)
                guard e.kind == 5 && e.time < 30 else { continue }
                engine.schedule(at: e.time + 1, priority: e.priority, kind: 5, subject: subject)
                subject += 1
                // Day 40 within the ring's span now: more of it, appended to its bucket.
                if e.time >= 12 && late < 3_000 {
                    engine.schedule(at: 40, priority: EventPriority(UInt16(rng.integer(below: 600))), kind: 3, subject: subject)
                    subject += 1
                    late += 1
                }
            }
            inspect(engine)
            return out
        }
        let heap = try trace(HeapEventQueue<QuaternaryArity>.self)
        var byMerge = 0
        let buckets = try trace(BucketedEventQueue.self) { engine in byMerge = engine.queue.sorter.byMerge }
        #expect(heap.count == 40_000 + 300 + 2_000 * 30 + 3_000)   // days 1 to 30 for each of kind 5
        #expect(buckets == heap)
        #expect(byMerge == 1)
    }
}
