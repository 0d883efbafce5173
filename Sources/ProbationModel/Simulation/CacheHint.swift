import CPrefetch

/// Cache prefetch hints, the one place the model asks the processor to fetch memory early.
///
/// A hint never faults and changes no result; it buys time where the next touch of a cold
/// element would otherwise stall. At national scale a day's events touch case state and work
/// items scattered over about a gigabyte: asking for the next events' elements while the current
/// one is handled took a tenth of national from 6.4 s to 4.3 s (`probsim bench model
/// benchmarks/national-tenth.yaml`, medians of alternate runs, 2026-11-24), and asking for a
/// case's newest held-contact chunk when its contact's work starts took the held-contact log from
/// 4.2% to 1.1% of the time in `perf record`. Swift has no spelling for a prefetch; the C target
/// `CPrefetch` holds it.
enum CacheHint {
    /// Asks for the cache line at `address` (a hint: the address may be stale, never read through).
    @inline(__always)
    static func address(_ address: UnsafeRawPointer) { probsim_prefetch(address) }

    /// Asks for every cache line of element `index` of `array` (nothing if out of range).
    /// Arrays are only 16-byte aligned, so an element can straddle two lines: all are asked for.
    @inline(__always)
    static func element<T>(_ array: [T], _ index: Int) {
        array.withUnsafeBufferPointer { element($0, index) }
    }

    /// Asks for every cache line of element `index` of `table` (nothing if out of range).
    @inline(__always)
    static func element<T>(_ table: RefArray<T>, _ index: Int) {
        table.withUnsafeBufferPointer { element($0, index) }
    }

    /// Asks for the one cache line of element `index` of `table` (nothing if out of range): for
    /// elements whose stride divides 16, the storage's alignment, which never straddle two lines,
    /// without ``element(_:_:)-swift.type.method``'s loop over lines.
    @inline(__always)
    static func word<T>(_ table: RefArray<T>, _ index: Int) {
        table.withUnsafeBufferPointer { word($0, index) }
    }

    /// ``word(_:_:)`` for an array.
    @inline(__always)
    static func word<T>(_ array: [T], _ index: Int) {
        array.withUnsafeBufferPointer { word($0, index) }
    }

    @inline(__always)
    private static func word<T>(_ b: UnsafeBufferPointer<T>, _ index: Int) {
        assert(MemoryLayout<T>.stride > 0 && 16 % MemoryLayout<T>.stride == 0, "CacheHint.word needs a stride of 1, 2, 4, 8 or 16 bytes")
        if index >= 0 && index < b.count, let base = b.baseAddress { probsim_prefetch(base + index) }
    }

    @inline(__always)
    private static func element<T>(_ b: UnsafeBufferPointer<T>, _ index: Int) {
        if index >= 0 && index < b.count, let base = b.baseAddress { probsim_prefetch_span(base + index, MemoryLayout<T>.size) }
    }
}
