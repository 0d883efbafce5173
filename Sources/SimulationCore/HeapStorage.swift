/// The two parallel buffers of a ``HeapEventQueue``: its 16-byte keys and its payloads, owned and
/// freed here.
///
/// Noncopyable, so that no second owner can exist and no write has to ask first whether the
/// buffers are shared. Kept as two `ContiguousArray`s, every push and every deferred pop began
/// with two such copy-on-write checks (calls into the Swift runtime, with the registers saved
/// around them): without them `bench engine` at 1,000 processes makes 6.8% fewer instructions
/// (callgrind, 2 million events: 1.129 against 1.212 G) and handles 20.2 against 19.4 M events
/// a second (medians of 7 alternate runs, faster in 6; docs/performance-history.md).
@usableFromInline struct HeapStorage: ~Copyable {
    /// `keys[0 ..< count]` and `payloads[0 ..< count]` hold the entries; room for `capacity`.
    @usableFromInline var keys: UnsafeMutablePointer<UInt128>
    @usableFromInline var payloads: UnsafeMutablePointer<QueuePayload>
    @usableFromInline var count = 0
    @usableFromInline var capacity: Int

    @usableFromInline init() {
        capacity = 16
        keys = .allocate(capacity: capacity)
        payloads = .allocate(capacity: capacity)
    }

    @inlinable deinit {
        keys.deallocate()
        payloads.deallocate()
    }

    /// Makes room for at least `capacity` entries.
    @usableFromInline mutating func reserve(_ capacity: Int) {
        if capacity > self.capacity { grow(to: capacity) }
    }

    /// Moves the entries to new buffers of `newCapacity` (≥ `count`). Both element types are
    /// plain values, so they are copied bitwise and need no deinitialization.
    @usableFromInline mutating func grow(to newCapacity: Int) {
        let k = UnsafeMutablePointer<UInt128>.allocate(capacity: newCapacity)
        let p = UnsafeMutablePointer<QueuePayload>.allocate(capacity: newCapacity)
        k.initialize(from: keys, count: count)
        p.initialize(from: payloads, count: count)
        keys.deallocate()
        payloads.deallocate()
        keys = k
        payloads = p
        capacity = newCapacity
    }

    /// Adds an entry at the end (the heap's next leaf).
    @inlinable @inline(__always) mutating func append(_ key: UInt128, _ payload: QueuePayload) {
        if count == capacity { grow(to: 2 * capacity) }
        (keys + count).initialize(to: key)
        (payloads + count).initialize(to: payload)
        count &+= 1
    }

    /// Removes the last entry and returns it. There must be one.
    @inlinable @inline(__always) mutating func removeLast() -> (key: UInt128, payload: QueuePayload) {
        precondition(count > 0, "removeLast from an empty heap")
        count &-= 1
        return (keys[count], payloads[count])
    }

    /// The entries' keys and payloads, as buffers of `count`.
    @inlinable var keyBuffer: UnsafeMutableBufferPointer<UInt128> { UnsafeMutableBufferPointer(start: keys, count: count) }
    @inlinable var payloadBuffer: UnsafeMutableBufferPointer<QueuePayload> { UnsafeMutableBufferPointer(start: payloads, count: count) }
}
