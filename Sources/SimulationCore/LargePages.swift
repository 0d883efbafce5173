#if canImport(Glibc)
import Glibc
#endif

/// Buffers for the model's large tables, asked to be backed by the kernel's 2 MiB pages.
///
/// A national replication reads and writes about a gigabyte of case state, work items and
/// waiting lists in no order a cache can follow. In 4 KiB pages that is about 300,000 pages,
/// far beyond what the processor's address-translation cache holds, so most of those reads
/// also miss in it; and each page is faulted in one by one (with two replications at once,
/// the faults contend: a national run with `--jobs 2` spent 7.8 s of system time against
/// 2.4 s with `--jobs 1`). Where the kernel's transparent huge pages are enabled for regions
/// that ask for them (`/sys/kernel/mm/transparent_hugepage/enabled` set to `madvise`, as on
/// this project's machines, or `always`), a buffer of at least ``threshold`` bytes is aligned
/// to 2 MiB and asked for them (`madvise(MADV_HUGEPAGE)`). Elsewhere, and on other systems,
/// it is an ordinary allocation. Either way the contents are the same: a hint changes no result.
public enum LargePages {
    /// The size of a large page, and the smallest buffer asked to use them.
    public static let size = 2 << 20
    public static let threshold = 2 << 20

    /// Uninitialized memory for `capacity` elements, from ``deallocate(_:)`` only.
    public static func allocate<Element>(_: Element.Type, capacity: Int) -> UnsafeMutablePointer<Element> {
        let bytes = Swift.max(1, capacity) * MemoryLayout<Element>.stride
        guard bytes >= threshold else { return .allocate(capacity: Swift.max(1, capacity)) }
        // Whole large pages: the advice covers the buffer's every byte and no other allocation's.
        let rounded = (bytes + size - 1) / size * size
        let raw = UnsafeMutableRawPointer.allocate(byteCount: rounded, alignment: size)
        #if canImport(Glibc)
        _ = madvise(raw, rounded, MADV_HUGEPAGE)   // a hint: refused (no THP), nothing changes
        #endif
        return raw.bindMemory(to: Element.self, capacity: capacity)
    }

    /// Frees a buffer from ``allocate(_:capacity:)``.
    public static func deallocate<Element>(_ buffer: UnsafeMutablePointer<Element>) {
        UnsafeMutableRawPointer(buffer).deallocate()
    }
}
