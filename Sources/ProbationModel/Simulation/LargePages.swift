#if canImport(Glibc)
import Glibc
#endif

/// Buffers for the model's large tables (``RefArray``), asked to be backed by the kernel's 2 MiB pages.
///
/// A national replication reads and writes about a gigabyte of case state, work items, waiting
/// lists and held contacts in no order a cache can follow. In 4 KiB pages that is about 250,000
/// pages, far beyond what the processor's address-translation cache holds, so most of those
/// reads also miss in it; and each page is faulted in one by one (with two replications at once
/// the faults contend: a national run with `--jobs 2` spent 7.8 s of system time against 2.4 s
/// with `--jobs 1`, docs/performance-history.md, thirteenth session). A buffer of at least ``threshold``
/// bytes is therefore aligned to ``pageSize`` and rounded up to whole pages of it, and on Linux
/// asked for large pages (`madvise(MADV_HUGEPAGE)`), which the kernel grants where transparent
/// huge pages are enabled for regions that ask (`/sys/kernel/mm/transparent_hugepage/enabled`
/// set to `madvise`, as on this project's machines, or `always`). Elsewhere the buffer is only
/// aligned. Either way the contents are the same: the advice changes no result.
enum LargePages {
    /// The size of a large page (x86-64's 2 MiB).
    static let pageSize = 2 << 20
    /// The smallest buffer (in bytes) aligned to ``pageSize`` and advised; smaller ones are
    /// ordinary allocations.
    static let threshold = 2 << 20

    /// Uninitialized memory for `capacity` elements (at least one), to be freed only by ``deallocate(_:)``.
    static func allocate<Element>(_: Element.Type, capacity: Int) -> UnsafeMutablePointer<Element> {
        let count = Swift.max(1, capacity)
        let bytes = count * MemoryLayout<Element>.stride
        guard bytes >= threshold else { return .allocate(capacity: count) }
        // Whole large pages: the advice covers the buffer's every byte and nothing around it.
        let rounded = (bytes + pageSize - 1) / pageSize * pageSize
        let raw = UnsafeMutableRawPointer.allocate(byteCount: rounded, alignment: pageSize)
        #if canImport(Glibc)
        _ = madvise(raw, rounded, MADV_HUGEPAGE)   // a hint: where it is refused, nothing changes
        #endif
        return raw.bindMemory(to: Element.self, capacity: count)
    }

    /// Frees a buffer from ``allocate(_:capacity:)`` (either kind: both came from the runtime's aligned allocation).
    static func deallocate<Element>(_ buffer: UnsafeMutablePointer<Element>) {
        UnsafeMutableRawPointer(buffer).deallocate()
    }
}
