/// A future-event list that keeps its heap small at any size: a calendar queue with a heap front.
///
/// While fewer than ``heapLimit`` events are pending it is simply a 4-ary heap (fastest
/// when the heap fits in the core's cache). Past that it switches, once, to windows:
/// time is cut into windows of ``width`` days. Events of the window being served (and any
/// earlier) sit in a small 4-ary heap (`near`); events of the next ``ringSize`` windows are
/// appended, unsorted, to one bucket per window (`ring`); later ones go to a heap (`far`)
/// and move into the ring as the windows advance. When the
/// heap runs dry, the next non-empty bucket is poured into it. Each event is thus appended
/// once and heaped once, in a heap of about ``targetPerWindow`` entries that stays in the
/// core's cache, where one heap of hundreds of thousands of entries would not.
///
/// A poured window of at least ``sortedWindowMinimum`` entries at one time (a day of a
/// day-granular model) is not heaped but sorted once (``WindowSort``) and served front to back
/// (`run`); events scheduled into the window being served go to the heap, and each pop takes
/// the smaller of the run's next entry and the heap's root.
///
/// The width adapts: a window holding far more than ``targetPerWindow`` events at distinct
/// times is split by narrowing the width and redistributing (rare: the width converges
/// geometrically). Events at one identical time are never split, so day-granular models
/// keep whole days together. Order is exactly the heap's (time, priority, sequence) order.
public struct BucketedEventQueue: FutureEventList, ~Copyable {
    /// Days per window.
    public private(set) var width: Double = 1
    /// Windows held in the ring.
    public static let ringSize = 512
    /// The heap size the width aims at.
    public static let targetPerWindow = 2048
    /// Pending events above which the queue switches from one heap to windows.
    public static let heapLimit = 32_768
    /// The largest bucket storage (entries) a ring slot keeps for reuse once poured. With each
    /// slot owning its buffer (``RingBuckets``), keeping up to 4,096 entries (128 KiB) a slot
    /// raised a national replication's peak resident memory to 1,810,068 KB (a calibrated tenth
    /// to 196,924 KB): far more than the kept buffers themselves (at most 64 MiB), so most of it
    /// is the allocator's, which could not give back the space around them; not investigated
    /// further. Keeping 256 costs 0.1% more instructions and peaks at 1,246,456 KB (a tenth
    /// 153,520 KB, against 164,736 KB before the twelfth session).
    public static let keptBucketCapacity = 256
    /// The smallest poured window that is sorted rather than heaped.
    public static let sortedWindowMinimum = 256
    /// Narrowest window (days): about a second.
    public static let minimumWidth = 1.0 / 86_400

    @usableFromInline var near = HeapEventQueue<QuaternaryArity>()
    @usableFromInline var ring = RingBuckets(slots: ringSize)
    @usableFromInline var ringCount = 0
    /// Events beyond the ring's span, in order; drained into the ring as windows advance.
    @usableFromInline var far = HeapEventQueue<QuaternaryArity>()
    /// The window being served: every event of a window ≤ this is in `near`.
    @usableFromInline var current = Int.min
    @usableFromInline var origin = 0.0
    /// Whether the queue has switched from one heap to windows.
    @usableFromInline var bucketed = false
    /// The window being served, sorted: its entries from `runNext` on are pending.
    @usableFromInline var run = ContiguousArray<QueueEntry>()
    @usableFromInline var runNext = 0
    /// Sorts poured windows (and keeps its buffers for reuse).
    @usableFromInline var sorter = WindowSorter()

    public init() {}

    public var count: Int { near.count + (run.count - runNext) + ringCount + far.count }

    /// Whether the sorted run has an entry pending.
    @inlinable var runPending: Bool { runNext < run.count }

    /// Whether the next entry is the run's (else the heap's, or none).
    @inlinable @inline(__always)
    mutating func nextIsRun() -> Bool {
        guard runPending else { return false }
        guard let k = near.minimumKey else { return true }
        return run[runNext].key < k
    }

    public mutating func reserveCapacity(_ capacity: Int) {
        near.reserveCapacity(Swift.min(capacity, 4 * Self.targetPerWindow))
    }

    /// The window of a time.
    @inlinable @inline(__always)
    func window(_ t: Double) -> Int { Self.window(of: t, origin: origin, width: width) }

    /// floor((t − origin) / width), clamped to ±9 × 10^15.
    @inlinable @inline(__always)
    static func window(of t: Double, origin: Double, width: Double) -> Int {
        let x = (t - origin) / width
        guard x > -9e15 else { return -9_000_000_000_000_000 }
        guard x < 9e15 else { return 9_000_000_000_000_000 }
        // floor(x) without a call to libm's floor (x86-64's baseline has no rounding instruction):
        // truncation, one less for a negative non-integer. Exact, |x| < 2^53.
        let w = Int(x)
        return Double(w) > x ? w &- 1 : w
    }

    /// - Complexity: O(1) into a later window; O(log k) into the current one (k ≈ ``targetPerWindow``).
    @inlinable @inline(__always)
    public mutating func push(_ e: QueueEntry) {
        if !bucketed && near.count < Self.heapLimit {
            near.push(e)
        } else {
            pushSlow(e)
        }
    }

    /// ``push(_:)`` once windows are in use, or when the heap is about to outgrow ``heapLimit``.
    @usableFromInline
    mutating func pushSlow(_ e: QueueEntry) {
        if !bucketed {
            near.push(e)
            if near.count > Self.heapLimit { startWindows() }
            return
        }
        let w = window(e.time)
        if w <= current {
            near.push(e)
        } else if w - current < Self.ringSize {
            ring.append(e, to: w & (Self.ringSize - 1))
            ringCount &+= 1
        } else {
            far.push(e)
        }
    }

    @inlinable public var minimumTime: Double? {
        mutating get {
            if bucketed {
                refill()
                if nextIsRun() { return run[runNext].time }
            }
            return near.minimumTime
        }
    }

    /// - Complexity: O(log k) amortised, plus O(1) per event for pouring buckets.
    @inlinable
    public mutating func pop() -> QueueEntry? {
        if bucketed {
            if near.isEmpty && !runPending { refill() }
            if nextIsRun() { runNext &+= 1; return run[runNext &- 1] }
        }
        return near.pop()
    }

    /// - Complexity: as ``pop()``.
    @inlinable @inline(__always)
    public mutating func pop(beforeBits endBits: UInt64) -> QueueEntry? {
        if bucketed {
            if near.isEmpty && !runPending { refill() }
            if nextIsRun() {
                let e = run[runNext]
                guard e.timeBits < endBits else { return nil }
                runNext &+= 1
                return e
            }
        }
        return near.pop(beforeBits: endBits)
    }

    /// The next two entries as the heap front sees them (the second is unknown when the front
    /// holds one entry and the next is in a later window).
    @inlinable
    public mutating func lookahead() -> Lookahead {
        guard bucketed else { return near.lookahead() }
        if near.isEmpty && !runPending { refill() }
        guard runPending else { return near.lookahead() }
        var a = Lookahead()
        let r0 = run[runNext]
        if near.isEmpty {
            // Nothing was scheduled into the day being served (44% of hints on a tenth): the run's next two.
            a.nextKind = r0.kind; a.nextSubject = r0.subject
            if runNext &+ 1 < run.count { a.afterKind = run[runNext &+ 1].kind; a.afterSubject = run[runNext &+ 1].subject }
            return a
        }
        // The next two of the run's next two and the heap's root and its least child.
        let h = near.lookahead2()
        let r1: QueueEntry? = runNext &+ 1 < run.count ? run[runNext &+ 1] : nil
        if let k0 = h.first, k0.key < r0.key {
            a.nextKind = k0.kind; a.nextSubject = k0.subject
            // The heap's least child if it comes before the run's next (with no child, the run's next).
            if let k1 = h.second, k1.key < r0.key { a.afterKind = k1.kind; a.afterSubject = k1.subject } else {
                a.afterKind = r0.kind; a.afterSubject = r0.subject
            }
        } else {
            a.nextKind = r0.kind; a.nextSubject = r0.subject
            if let k0 = h.first, r1 == nil || k0.key < r1!.key { a.afterKind = k0.kind; a.afterSubject = k0.subject } else if let r1 {
                a.afterKind = r1.kind; a.afterSubject = r1.subject
            }
        }
        return a
    }

    /// Pours the next non-empty window into the heap when the heap is empty.
    ///
    /// The ring holds windows current+1 ... current+ringSize-1 only, so the slot of the
    /// window being entered never holds a later window's events.
    @usableFromInline
    mutating func refill() {
        while near.isEmpty && !runPending {
            if ringCount == 0 {
                guard let t = far.minimumTime else { return }
                current = Swift.max(current, window(t) - 1)
            }
            current += 1
            // Far events whose window is now within the ring's span move into it.
            while let t = far.minimumTime, window(t) - current < Self.ringSize {
                let e = far.pop().unsafelyUnwrapped
                let w = window(t)
                if w <= current { near.push(e) } else {
                    ring.append(e, to: w & (Self.ringSize - 1))
                    ringCount &+= 1
                }
            }
            let slot = current & (Self.ringSize - 1)
            let n = ring.count(slot)
            if n == 0 { continue }
            ringCount -= n
            if n > 4 * Self.targetPerWindow && !Self.atOneTime(ring.entries(slot)) {
                // Rare: the window may be split (narrow redistributes every pending event). A window
                // at one time cannot be: it is served as it is, without the copy (a busy day of a
                // tenth of national holds four times the entries aimed at).
                let bucket = ContiguousArray(ring.entries(slot))
                ring.empty(slot, keepingUpTo: Self.keptBucketCapacity)
                if narrow(using: bucket) { continue }
                bucket.withUnsafeBufferPointer { serve($0) }
            } else {
                serve(ring.entries(slot))
                // A slot keeping the capacity of the largest window it ever held would hold every
                // slot's peak at once (512 × a day's events under a backlog, measured at 220 MB of
                // a 500 MB tenth-of-national run): only small buffers are kept for reuse
                // (``keptBucketCapacity``).
                ring.empty(slot, keepingUpTo: Self.keptBucketCapacity)
            }
        }
    }

    /// Serves a poured window: sorted into the run when it is large and at one time, else heaped.
    /// The run has been served to its end (refill pours only while the heap is empty and the run
    /// served), so the sort may overwrite it.
    @usableFromInline
    mutating func serve(_ entries: UnsafeBufferPointer<QueueEntry>) {
        if entries.count >= Self.sortedWindowMinimum && sorter.sortSameTime(entries, into: &run) {
            runNext = 0
            return
        }
        for e in entries { near.push(e) }
    }

    /// Whether every entry is at the same time.
    @usableFromInline
    static func atOneTime(_ entries: UnsafeBufferPointer<QueueEntry>) -> Bool {
        guard let first = entries.first?.timeBits else { return true }
        for e in entries where e.timeBits != first { return false }
        return true
    }

    /// Switches from one heap to windows: sets the width from the pending events' spread.
    @usableFromInline
    mutating func startWindows() {
        let pending = near.drain()
        var lo = Double.infinity, hi = -Double.infinity
        for e in pending { lo = Swift.min(lo, e.time); hi = Swift.max(hi, e.time) }
        bucketed = true
        origin = lo
        let spread = hi - lo
        width = spread > 0
            ? Swift.max(Self.minimumWidth, spread * Double(Self.targetPerWindow) / Double(pending.count))
            : 1
        current = window(lo) - 1
        for e in pending { push(e) }
    }

    /// Narrows the width when a window holds too many events at distinct times, and
    /// redistributes every pending event. Returns false when the window cannot be split.
    @usableFromInline
    mutating func narrow(using bucket: ContiguousArray<QueueEntry>) -> Bool {
        var lo = Double.infinity, hi = -Double.infinity
        for e in bucket { lo = Swift.min(lo, e.time); hi = Swift.max(hi, e.time) }
        let spread = hi - lo
        guard spread > 0, width > Self.minimumWidth else { return false }
        let newWidth = Swift.max(Self.minimumWidth, Swift.min(width / 2, spread * Double(Self.targetPerWindow) / Double(bucket.count)))
        var pending = bucket
        for i in 0..<Self.ringSize where ring.count(i) > 0 {
            pending.append(contentsOf: ring.entries(i))
            ring.empty(i, keepingUpTo: Self.keptBucketCapacity)
        }
        for e in near.drain() { pending.append(e) }
        if runPending { pending.append(contentsOf: run[runNext...]) }
        run.removeAll(keepingCapacity: true)
        runNext = 0
        while let e = far.pop() { pending.append(e) }
        ringCount = 0
        width = newWidth
        origin = lo
        current = window(lo) - 1
        for e in pending { push(e) }
        return true
    }
}

/// The event queue probsim uses: the bucketed queue, chosen by measurement (see the README).
public typealias EventQueue = BucketedEventQueue
