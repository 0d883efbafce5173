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
}
