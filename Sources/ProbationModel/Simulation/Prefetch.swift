import CPrefetch

/// Asks the cache for every line of the element at `p` (a hint: it never faults, changes no result).
@inline(__always)
func prefetchElement<T>(_ p: UnsafePointer<T>) {
    probsim_prefetch_span(p, MemoryLayout<T>.size)
}
