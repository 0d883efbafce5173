import Testing
@testable import SimulationCore

/// The engine against a sort-based oracle: every event must come out in (time, priority, sequence) order.
@Suite struct EventOrderTests {
    /// Runs `schedules` random scenarios on an engine, with ties in time and priority, cancellations,
    /// and events scheduled while handling others, and compares the output to the oracle.
    func checkAgainstOracle<Q: FutureEventList & ~Copyable>(_: Q.Type, seeds: Range<UInt64>, events: Int) throws {
        for seed in seeds {
            let rng = try RandomStream(key: StreamKey(seed: seed, replication: 0, purpose: StreamPurpose("order-test")))
            var engine = EventEngine<Q>()
            // The oracle: every scheduled (time, priority, sequence, subject), minus the cancelled ones.
            var expected: [(Double, UInt16, UInt64, UInt32)] = []
            var handles: [(EventHandle, Int)] = []
            var seq: UInt64 = 0
            func randomTime(after now: Double) -> Double {
                // Coarse times make ties common; some fine ones spread the events out.
                rng.bernoulli(0.5) ? now + Double(rng.integer(below: 20)) : now + rng.exponential(mean: 3)
            }
            for i in 0..<events {
                let t = randomTime(after: 0)
                let p = UInt16(rng.integer(below: 3) * 500)
                if rng.bernoulli(0.2) {
                    handles.append((engine.scheduleCancellable(at: t, priority: EventPriority(p), kind: 1, subject: UInt32(i)), expected.count))
                } else {
                    engine.schedule(at: t, priority: EventPriority(p), kind: 0, subject: UInt32(i))
                }
                expected.append((t, p, seq, UInt32(i)))
                seq += 1
            }
            var cancelled = Set<UInt64>()
            for (h, _) in handles where rng.bernoulli(0.5) {
                let first = engine.cancel(h), second = engine.cancel(h)
                #expect(first)
                #expect(!second, "a second cancel must fail")
                cancelled.insert(h.sequence)
            }
            var got: [(Double, UInt16, UInt64, UInt32)] = []
            var extra = UInt32(events)
            while let e = engine.step() {
                got.append((e.time, e.priority.rawValue, e.sequence, e.subject))
                // Handlers schedule more work, sometimes at the same time (a tie with later sequence).
                if extra < UInt32(events + events / 2) && rng.bernoulli(0.3) {
                    let t = rng.bernoulli(0.3) ? e.time : randomTime(after: e.time)
                    var p = UInt16(rng.integer(below: 3) * 500)
                    // At the current time, only an equal or later priority keeps "sorted" a valid oracle
                    // (a more urgent one is handled next; see urgentEventAtCurrentTimeComesNext).
                    if t == e.time { p = max(p, e.priority.rawValue) }
                    engine.schedule(at: t, priority: EventPriority(p), kind: 2, subject: extra)
                    expected.append((t, p, seq, extra))
                    seq += 1
                    extra += 1
                }
            }
            let oracle = expected.filter { !cancelled.contains($0.2) }.sorted {
                ($0.0, $0.1, $0.2) < ($1.0, $1.1, $1.2)
            }
            // Events scheduled during the run never sort before the event being handled,
            // so the sorted oracle is exactly the order of handling.
            #expect(got.count == oracle.count, "seed \(seed)")
            for (a, b) in zip(got, oracle) where a != b {
                Issue.record("seed \(seed): got \(a), expected \(b)")
                break
            }
        }
    }

    @Test func binaryHeapMatchesOracle() throws {
        try checkAgainstOracle(HeapEventQueue<BinaryArity>.self, seeds: 0..<1000, events: 60)
    }

    @Test func quaternaryHeapMatchesOracle() throws {
        try checkAgainstOracle(HeapEventQueue<QuaternaryArity>.self, seeds: 0..<1000, events: 60)
    }

    @Test func bucketedQueueMatchesOracle() throws {
        try checkAgainstOracle(BucketedEventQueue.self, seeds: 0..<1000, events: 60)
    }

    /// Large enough to switch the bucketed queue to windows, narrow them and use its far heap.
    @Test func bucketedQueueMatchesOracleWhenWindowed() throws {
        try checkAgainstOracle(BucketedEventQueue.self, seeds: 0..<3, events: 60_000)
    }

    /// A day far larger than a window should hold, all at one time, once the queue works in
    /// windows: its bucket cannot be split (narrowing needs times that differ), so it is served
    /// as it is, sorted; the days around it are spread within the day. Everything comes out
    /// in key order, and afterwards no ring slot keeps more than ``BucketedEventQueue/keptBucketCapacity``
    /// entries' storage (the memory the twelfth session's first build lost).
    @Test func aHugeOneTimeWindowComesOutInOrderAndLeavesNoLargeBuffers() throws {
        let rng = try RandomStream(key: StreamKey(seed: 8, replication: 0, purpose: StreamPurpose("huge-window")))
        var queue = BucketedEventQueue()
        var keys: [UInt128] = []
        var sequence: UInt64 = 0
        func push(_ t: Double, _ q: inout BucketedEventQueue) {
            let e = QueueEntry(key: QueueEntry.key(time: t, order: UInt64(rng.integer(below: 40_000)) << 48 | sequence),
                               kind: 0, slot: .max, subject: UInt32(truncatingIfNeeded: sequence))
            sequence += 1
            keys.append(e.key)
            q.push(e)
        }
        // 40,000 spread over 40 days switch the queue to windows; then 40,000 at day 20 exactly.
        for _ in 0..<40_000 { push(rng.uniform() * 40, &queue) }
        for _ in 0..<40_000 { push(20, &queue) }
        let windowed = queue.bucketed
        #expect(windowed)
        var out: [UInt128] = []
        while let e = queue.pop() { out.append(e.key) }
        #expect(out == keys.sorted())
        var largest = 0
        for s in 0..<BucketedEventQueue.ringSize { largest = max(largest, queue.ring.capacity(s)) }
        #expect(largest <= BucketedEventQueue.keptBucketCapacity)
    }

    /// A time's window is floor((t − origin) / width), computed without libm's `floor`: checked
    /// against `rounded(.down)` for quotients negative and positive, whole and fractional, just
    /// either side of a whole number, and beyond the clamp at ±9 × 10^15.
    @Test func windowIsTheFloorOfTheQuotient() {
        func expected(_ t: Double, _ origin: Double, _ width: Double) -> Int {
            let w = ((t - origin) / width).rounded(.down)
            return w < -9e15 ? -9_000_000_000_000_000 : (w > 9e15 ? 9_000_000_000_000_000 : Int(w))
        }
        var checked = 0, negative = 0
        for (origin, width) in [(0.0, 1.0), (20_000.0, 1.0), (20_000.5, 0.25), (-3.0, 7.0), (45_000.0, 1.0 / 86_400), (0.0, 1e-12)] {
            for k in -3_000...3_000 {
                for t in [origin + Double(k) * 0.37, origin + Double(k) * width, (origin + Double(k) * width).nextDown,
                          (origin + Double(k) * width).nextUp, Double(k) * 1e13] {
                    #expect(BucketedEventQueue.window(of: t, origin: origin, width: width) == expected(t, origin, width),
                            "t \(t), origin \(origin), width \(width)")
                    checked += 1
                    if t < origin { negative += 1 }
                }
            }
        }
        #expect(checked == 6 * 6_001 * 5 && negative > 10_000)
    }

    /// The prefetch hint names the next event, and the one after it whenever it names one,
    /// in heap mode (500 pending) and in window mode (50,000 pending); in window mode also with
    /// every event a whole day or more ahead, so that days are served from sorted runs with
    /// nothing scheduled into the day being served (the hint's fast path).
    @Test func lookaheadNamesTheNextTwoEvents() throws {
        func check<Q: FutureEventList & ~Copyable>(_: Q.Type, pending: Int) throws -> (next: Int, after: Int) {
            let rng = try RandomStream(key: StreamKey(seed: 3, replication: 0, purpose: StreamPurpose("lookahead")))
            var engine = EventEngine<Q>()
            var subject: UInt32 = 0
            for _ in 0..<pending {
                engine.schedule(at: Double(rng.integer(below: 30)), kind: 7, subject: subject)
                subject += 1
            }
            var checkedNext = 0, checkedAfter = 0
            for _ in 0..<100_000 {
                let a = engine.lookahead()
                guard let e = engine.step() else { break }
                #expect(a.nextKind == 7 && a.nextSubject == e.subject)
                checkedNext += 1
                if a.afterKind != .max {
                    let b = engine.lookahead()
                    #expect(b.nextSubject == a.afterSubject, "the hint's second event must come next once the first is gone")
                    checkedAfter += 1
                }
                // Ties (whole days) and spread times, each event under a fresh subject.
                let t = rng.bernoulli(0.5) ? e.time + Double(rng.integer(below: 20)) : e.time + rng.exponential(mean: 3)
                engine.schedule(at: t, kind: 7, subject: subject)
                subject += 1
            }
            return (checkedNext, checkedAfter)
        }
        for (pending, queueIsBucketed) in [(500, false), (500, true), (50_000, true)] {
            let (next, after) = queueIsBucketed
                ? try check(BucketedEventQueue.self, pending: pending)
                : try check(HeapEventQueue<QuaternaryArity>.self, pending: pending)
            #expect(next == 100_000)
            #expect(after > 90_000, "the second event is named nearly always (\(after) of \(next))")
        }
        // Whole days ahead, 16 days of them (so that the windows are under a day wide and each
        // holds one day, sorted): served from runs with the heap front empty.
        var engine = EventEngine<BucketedEventQueue>()
        for k in 0..<50_000 { engine.schedule(at: Double(k % 16), kind: 7, subject: UInt32(k)) }
        var fromRuns = 0, named = 0
        for _ in 0..<20_000 {
            let a = engine.lookahead()
            if engine.queue.runPending && engine.queue.near.isEmpty { fromRuns += 1 }
            guard let e = engine.step() else { break }
            #expect(a.nextSubject == e.subject)
            if a.afterKind != .max {
                #expect(engine.lookahead().nextSubject == a.afterSubject)
                named += 1
            }
            engine.schedule(at: e.time + 16, kind: 7, subject: e.subject)
        }
        #expect(fromRuns > 19_000, "the fast path was taken \(fromRuns) times of 20,000")
        #expect(named > 19_900, "the second event is named all but at a day's end (\(named) of 20,000)")
    }

    @Test func sameSeedSameOrderAcrossQueues() throws {
        func trace<Q: FutureEventList & ~Copyable>(_: Q.Type) throws -> [UInt32] {
            let rng = try RandomStream(key: StreamKey(seed: 9, replication: 0, purpose: StreamPurpose("bench-like")))
            var engine = EventEngine<Q>()
            for p in 0..<50_000 { engine.schedule(at: rng.exponential(mean: 1), kind: 0, subject: UInt32(p)) }
            var out: [UInt32] = []
            while out.count < 200_000, let e = engine.step() {
                out.append(e.subject)
                engine.schedule(at: e.time + rng.exponential(mean: 1), kind: 0, subject: e.subject)
            }
            return out
        }
        let heap = try trace(HeapEventQueue<QuaternaryArity>.self)
        #expect(try trace(BucketedEventQueue.self) == heap)
        #expect(try trace(HeapEventQueue<BinaryArity>.self) == heap)
    }
}
