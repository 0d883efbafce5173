/// The arity of a ``HeapEventQueue``: how many children each node has.
public protocol HeapArity {
    static var children: Int { get }
}
/// A binary heap (2 children per node).
public enum BinaryArity: HeapArity { public static var children: Int { 2 } }
/// A 4-ary heap (4 children per node): half the depth of a binary heap, and a node's
/// four 16-byte keys take 64 bytes, a cache line's worth.
public enum QuaternaryArity: HeapArity { public static var children: Int { 4 } }

/// One pending event as a future-event list hands it over: a 128-bit ordering key and the payload
/// (32 bytes; the heaps keep key and payload in separate buffers, the bucketed queue's ring whole).
///
/// The key is the time's order-preserving bit pattern (high 64 bits), then the priority
/// (16 bits), then the sequence number (48 bits), so one unsigned compare gives the
/// engine's total order (time, priority, sequence).
public struct QueueEntry {
    @usableFromInline var key: UInt128
    @usableFromInline var subject: UInt32
    /// Slot in the cancellation table, or `UInt32.max` when not cancellable.
    @usableFromInline var slot: UInt32
    @usableFromInline var kind: UInt16

    @usableFromInline init(key: UInt128, kind: UInt16, slot: UInt32, subject: UInt32) {
        self.key = key
        self.kind = kind
        self.slot = slot
        self.subject = subject
    }

    /// The event's time in days.
    @inlinable var time: Double { QueueEntry.time(fromBits: timeBits) }
    /// The event's time as ordered bits (see ``bits(fromTime:)``).
    @inlinable var timeBits: UInt64 { UInt64(truncatingIfNeeded: key >> 64) }
    /// Priority in the top 16 bits, sequence in the low 48.
    @inlinable var order: UInt64 { UInt64(truncatingIfNeeded: key) }

    /// Maps a time to bits whose unsigned order is the time's order (for every non-NaN double).
    @inlinable @inline(__always)
    public static func bits(fromTime t: Double) -> UInt64 {
        let b = t.bitPattern
        return b & (1 << 63) != 0 ? ~b : b | (1 << 63)
    }

    @inlinable @inline(__always)
    static func time(fromBits b: UInt64) -> Double {
        Double(bitPattern: b & (1 << 63) != 0 ? b & ~(1 << 63) : ~b)
    }

    /// The 128-bit ordering key of (time, priority, sequence).
    @inlinable @inline(__always)
    static func key(time: Double, order: UInt64) -> UInt128 {
        UInt128(bits(fromTime: time)) << 64 | UInt128(order)
    }
}

/// A future-event list: pending events, handed out in key order.
public protocol FutureEventList: ~Copyable {
    init()
    /// Pending entries.
    var count: Int { get }
    /// The earliest pending entry's time, if any.
    var minimumTime: Double? { mutating get }
    mutating func reserveCapacity(_ capacity: Int)
    mutating func push(_ e: QueueEntry)
    /// Removes and returns the earliest entry.
    mutating func pop() -> QueueEntry?
    /// Removes and returns the earliest entry if its time is before `endBits`
    /// (a time as ``QueueEntry/bits(fromTime:)`` encodes it); else nil, leaving it pending.
    /// The engine's one call per event: one look at the root instead of `minimumTime` then `pop()`.
    mutating func pop(beforeBits endBits: UInt64) -> QueueEntry?
    /// The subjects and kinds of the next two entries where they are cheap to see (the next, and
    /// the one after it when it is one of the next's heap children), possibly cancelled ones:
    /// hints for prefetching, never for logic.
    mutating func lookahead() -> Lookahead
}

/// The next two pending entries' kinds and subjects, as far as a queue can see them cheaply
/// (``FutureEventList/lookahead()``); `kind == UInt16.max` where unknown.
public struct Lookahead: Sendable {
    public var nextKind: UInt16 = .max
    public var nextSubject: UInt32 = 0
    public var afterKind: UInt16 = .max
    public var afterSubject: UInt32 = 0
    @inlinable public init() {}
}

/// What a heap keeps of an entry besides its key: 10 bytes, in a parallel buffer. Bitwise-copyable,
/// as ``HeapStorage`` copies and frees its buffers without deinitializing them.
@usableFromInline struct QueuePayload: BitwiseCopyable {
    @usableFromInline var subject: UInt32
    @usableFromInline var slot: UInt32
    @usableFromInline var kind: UInt16
    @inlinable init(_ e: QueueEntry) { subject = e.subject; slot = e.slot; kind = e.kind }
}

/// A future-event list as a d-ary min-heap of events, ordered by (time, priority, sequence).
///
/// Keys (16 bytes) and payloads (kind, subject, cancellation slot) sit in two parallel
/// buffers that move together (``HeapStorage``), so the sift's chain of dependent loads and
/// compares touches only keys: a 4-ary node's four children are 64 bytes of keys. Nothing is
/// allocated per event once the buffers have grown to the largest pending count.
///
/// Popping is deferred: ``pop()`` hands out the root but leaves it in place, and the next
/// ``push(_:)`` overwrites the root and sifts once, so the common "handle an event, then
/// schedule the subject's next one" costs one sift instead of two.
///
/// Noncopyable: a heap has one owner (its engine, or the bucketed queue whose front or far heap
/// it is), so its buffers are written without copy-on-write checks.
///
/// Fast while the heap fits in the core's cache (up to tens of thousands of events);
/// ``BucketedEventQueue`` keeps its heap that small at any size.
public struct HeapEventQueue<Arity: HeapArity>: FutureEventList, ~Copyable {
    @usableFromInline var heap = HeapStorage()
    /// The root was handed out by ``pop()`` and is to be removed or overwritten.
    @usableFromInline var rootTaken = false

    public init() {}

    /// Reserves room for `capacity` pending events, so that the heap never reallocates below it.
    public mutating func reserveCapacity(_ capacity: Int) { heap.reserve(capacity) }

    /// The number of pending entries (cancelled ones not yet popped included).
    @inlinable public var count: Int { heap.count &- (rootTaken ? 1 : 0) }
    @inlinable public var isEmpty: Bool { count == 0 }

    /// The earliest entry's time, if any.
    @inlinable public var minimumTime: Double? {
        mutating get {
            settle()
            guard heap.count > 0 else { return nil }
            return QueueEntry.time(fromBits: UInt64(truncatingIfNeeded: heap.keys[0] >> 64))
        }
    }

    /// The earliest entry's key, if any.
    @inlinable public var minimumKey: UInt128? {
        mutating get {
            settle()
            return heap.count > 0 ? heap.keys[0] : nil
        }
    }

    /// The root and its least child (the next entry and the one after it), after settling a
    /// deferred removal; nil where there is none.
    @inlinable @inline(__always)
    mutating func lookahead2() -> (first: QueueEntry?, second: QueueEntry?) {
        settle()
        let n = heap.count
        guard n > 0 else { return (nil, nil) }
        guard n > 1 else { return (entry(0), nil) }
        return (entry(0), entry(leastChildOfRoot(n)))
    }

    /// The position of the root's least child (`n` > 1 entries).
    @inlinable @inline(__always)
    func leastChildOfRoot(_ n: Int) -> Int {
        let k = heap.keys
        var best = 1
        var c = 2
        let end = Swift.min(n, Arity.children &+ 1)
        while c < end {
            if k[c] < k[best] { best = c }
            c &+= 1
        }
        return best
    }

    /// The entry at position `i`.
    @inlinable @inline(__always)
    func entry(_ i: Int) -> QueueEntry {
        let p = heap.payloads[i]
        return QueueEntry(key: heap.keys[i], kind: p.kind, slot: p.slot, subject: p.subject)
    }

    /// Adds an entry.
    ///
    /// - Complexity: O(log n / log d); O(d log n / log d) when it replaces a root just popped.
    ///
    /// Left to the optimizer: always inlined, it took 0.3% off `bench engine`'s instructions but
    /// stopped the engine's `schedule` being inlined into the model, which then made 0.7% more
    /// (callgrind, a calibrated twentieth for a year).
    @inlinable
    public mutating func push(_ e: QueueEntry) {
        let payload = QueuePayload(e)
        if rootTaken {
            rootTaken = false
            Self.siftDown(e.key, payload, keys: heap.keyBuffer, payloads: heap.payloadBuffer)
            return
        }
        heap.append(e.key, payload)
        let k = heap.keys, p = heap.payloads
        let d = Arity.children
        var i = heap.count - 1
        while i > 0 {
            let parent = (i - 1) / d
            if !(e.key < k[parent]) { break }
            k[i] = k[parent]
            p[i] = p[parent]
            i = parent
        }
        k[i] = e.key
        p[i] = payload
    }

    /// Returns the earliest entry and marks it removed (the removal itself is deferred).
    ///
    /// - Complexity: O(1) now; the deferred removal costs O(d log n / log d) later, unless a push replaces it.
    @inlinable
    public mutating func pop() -> QueueEntry? {
        settle()
        guard heap.count > 0 else { return nil }
        rootTaken = true
        return entry(0)
    }

    /// Returns the earliest entry if its time bits are below `endBits`, marking it removed.
    @inlinable @inline(__always)
    public mutating func pop(beforeBits endBits: UInt64) -> QueueEntry? {
        settle()
        guard heap.count > 0, UInt64(truncatingIfNeeded: heap.keys[0] >> 64) < endBits else { return nil }
        rootTaken = true
        return entry(0)
    }

    /// The root and its least child (the next entry but one), after settling a deferred removal.
    @inlinable @inline(__always)
    public mutating func lookahead() -> Lookahead {
        settle()
        var a = Lookahead()
        let n = heap.count
        guard n > 0 else { return a }
        a.nextKind = heap.payloads[0].kind
        a.nextSubject = heap.payloads[0].subject
        guard n > 1 else { return a }
        let best = leastChildOfRoot(n)
        a.afterKind = heap.payloads[best].kind
        a.afterSubject = heap.payloads[best].subject
        return a
    }

    /// Carries out a deferred removal of the root.
    @inlinable @inline(__always)
    mutating func settle() {
        guard rootTaken else { return }
        rootTaken = false
        let last = heap.removeLast()
        if heap.count == 0 { return }
        Self.siftDown(last.key, last.payload, keys: heap.keyBuffer, payloads: heap.payloadBuffer)
    }

    /// Places an entry at the root's hole and restores the heap below it: the hole moves down
    /// along the smallest children (a branch-free tournament per full 4-ary node) until the
    /// entry is no larger than them. Measured 2-3% faster than Floyd's bottom-up variant
    /// (down to a leaf, then up) on `bench engine` at 1,000 processes.
    @inlinable @inline(__always)
    static func siftDown(_ key: UInt128, _ payload: QueuePayload,
                         keys h: UnsafeMutableBufferPointer<UInt128>, payloads p: UnsafeMutableBufferPointer<QueuePayload>) {
        let d = Arity.children
        let n = h.count
        let base = h.baseAddress.unsafelyUnwrapped
        var i = 0
        while true {
            let first = i &* d &+ 1
            if first >= n { break }
            var best = first
            var bestKey: UInt128
            if d == 4 && first &+ 3 < n {
                // A full node of a 4-ary heap: a branch-free tournament of its four children,
                // carrying the winner's key along (re-reading it by index would add a load to
                // the chain of dependent ones). The children are read at fixed offsets from one
                // address, not each by its own index: 1.129 → 1.079 G instructions on `bench
                // engine` at 1,000 processes. (Choosing the winner as an offset 0-3 and adding
                // `first` once made LLVM turn the tournament into branches, which mispredict.)
                let c = base + first
                let k0 = c[0], k1 = c[1], k2 = c[2], k3 = c[3]
                let a = k1 < k0 ? first &+ 1 : first
                let ka = k1 < k0 ? k1 : k0
                let b = k3 < k2 ? first &+ 3 : first &+ 2
                let kb = k3 < k2 ? k3 : k2
                best = kb < ka ? b : a
                bestKey = kb < ka ? kb : ka
            } else {
                bestKey = h[first]
                let end = first &+ d <= n ? first &+ d : n
                var c = first &+ 1
                while c < end {
                    let k = h[c]
                    if k < bestKey { best = c; bestKey = k }
                    c &+= 1
                }
            }
            if !(bestKey < key) { break }
            h[i] = bestKey
            p[i] = p[best]
            i = best
        }
        h[i] = key
        p[i] = payload
    }

    /// Removes every entry, returning them in no particular order.
    mutating func drain() -> ContiguousArray<QueueEntry> {
        settle()
        var all = ContiguousArray<QueueEntry>()
        all.reserveCapacity(heap.count)
        for i in 0..<heap.count { all.append(entry(i)) }
        heap.count = 0
        return all
    }

    /// Checks the heap property (used by tests; O(n)).
    public mutating func isValidHeap() -> Bool {
        settle()
        let d = Arity.children, k = heap.keys
        for i in 1..<Swift.max(heap.count, 1) where k[i] < k[(i - 1) / d] { return false }
        return true
    }
}
