/// The buckets of a ``BucketedEventQueue``'s ring: one growable buffer of entries per window,
/// owned and freed here.
///
/// Noncopyable, so that no second owner can exist and an append need not ask first whether the
/// buffers are shared. Kept as an array of `ContiguousArray`s, every append made two such
/// copy-on-write checks (the ring's and the bucket's): calls into the Swift runtime, with the
/// caller's registers saved around them (docs/performance-history.md, twelfth session). Entries are
/// plain values, so they are copied bitwise and freed without deinitialization.
@usableFromInline struct RingBuckets: ~Copyable {
    /// One window's entries: `base[0 ..< count]`, room for `capacity` (no buffer while 0).
    @usableFromInline struct Bucket {
        @usableFromInline var base: UnsafeMutablePointer<QueueEntry>?
        @usableFromInline var count: Int
        @usableFromInline var capacity: Int
    }

    @usableFromInline let slots: UnsafeMutablePointer<Bucket>
    @usableFromInline let slotCount: Int

    @usableFromInline init(slots n: Int) {
        slotCount = n
        slots = .allocate(capacity: n)
        slots.initialize(repeating: Bucket(base: nil, count: 0, capacity: 0), count: n)
    }

    @inlinable deinit {
        for s in 0..<slotCount { slots[s].base?.deallocate() }
        slots.deallocate()
    }

    /// The number of entries in bucket `s`.
    @inlinable @inline(__always) func count(_ s: Int) -> Int { slots[s].count }

    /// Adds an entry to bucket `s`.
    @inlinable @inline(__always) mutating func append(_ e: QueueEntry, to s: Int) {
        let b = slots[s]
        if b.count == b.capacity { grow(s) }
        (slots[s].base.unsafelyUnwrapped + b.count).initialize(to: e)
        slots[s].count = b.count &+ 1
    }

    /// Doubles bucket `s`'s room (at least 64 entries).
    @usableFromInline mutating func grow(_ s: Int) {
        let b = slots[s]
        let capacity = Swift.max(64, 2 * b.capacity)
        let p = UnsafeMutablePointer<QueueEntry>.allocate(capacity: capacity)
        if let old = b.base {
            p.initialize(from: old, count: b.count)
            old.deallocate()
        }
        slots[s] = Bucket(base: p, count: b.count, capacity: capacity)
    }

    /// Bucket `s`'s entries, valid until the bucket next changes.
    @inlinable func entries(_ s: Int) -> UnsafeBufferPointer<QueueEntry> {
        UnsafeBufferPointer(start: slots[s].base, count: slots[s].count)
    }

    /// The room bucket `s`'s buffer has (for tests of what the ring keeps).
    func capacity(_ s: Int) -> Int { slots[s].capacity }

    /// Empties bucket `s`, keeping its buffer for reuse only if it holds at most `kept` entries.
    @usableFromInline mutating func empty(_ s: Int, keepingUpTo kept: Int) {
        slots[s].count = 0
        if slots[s].capacity > kept {
            slots[s].base?.deallocate()
            slots[s] = Bucket(base: nil, count: 0, capacity: 0)
        }
    }
}
