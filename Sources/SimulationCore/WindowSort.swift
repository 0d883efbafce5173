/// Sorts a window of queue entries that all share one time, by their order bits (priority, then
/// sequence): a least-significant-digit radix sort on bytes that skips the bytes every entry
/// shares, and skips the sequence's bytes altogether when the entries are already in sequence
/// order (as a day's bucket filled by appends is), the sort being stable.
///
/// What it buys: a day-granular model pours whole days into the bucketed queue's front. Under a
/// backlog a day holds tens of thousands of entries (hundreds of thousands at national scale);
/// pushing each into a 4-ary heap, then sifting it out, cost about 540 instructions an event on
/// a twentieth of the calibrated national scenario (callgrind), in a heap larger than the core's
/// L2 cache. Sorted once (two passes over the window when it came in sequence order), the
/// window is served by reading it front to back.
///
/// The order is exactly the heap's: keys are unique (the sequence is), and a stable sort by
/// priority of entries in sequence order, like a radix sort by the whole order key, is a sort
/// by (priority, sequence).
@usableFromInline struct WindowSorter {
    /// 8 × 256 digit counts.
    private var counts = ContiguousArray<Int>(repeating: 0, count: 8 * 256)
    /// The second buffer of the scatter passes, kept for reuse.
    private var scratch = ContiguousArray<QueueEntry>()
    /// A window's start sorted, and the second buffer of its sort (``sortSameTime(_:into:)``), kept for reuse.
    private var start = ContiguousArray<QueueEntry>()
    private var startScratch = ContiguousArray<QueueEntry>()
    /// The scatter passes of the last window sorted (one per varying byte of the key sorted on;
    /// of a window sorted in two parts, those over its tail).
    private(set) var lastPasses = 0
    /// Windows sorted by priority alone (in sequence order already) and by the whole order key.
    private(set) var byPriority = 0
    private(set) var byWholeKey = 0
    /// Windows sorted as a short start and the rest in sequence order, merged (``sortSameTime(_:into:)``).
    private(set) var byMerge = 0

    /// The sequence's bits of an order key (its low 48).
    static let sequenceMask: UInt64 = (1 << 48) - 1

    init() {}

    /// Sorts `entries` by key if they all have the same time. Returns false, leaving `entries`
    /// untouched, when their times differ.
    ///
    /// - Complexity: O(*n* × *p*) for *n* entries and *p* ≤ 8 varying bytes of the sort key.
    mutating func sortSameTime(_ entries: inout ContiguousArray<QueueEntry>) -> Bool {
        let source = entries
        return source.withUnsafeBufferPointer { sortSameTime($0, into: &entries) }
    }

    /// Sorts `source`'s entries by key into `out` (which it resizes to them) if they all have the
    /// same time. Returns false, leaving `out` untouched, when their times differ.
    ///
    /// The first scatter pass reads `source` itself, so the bucketed queue's window goes from its
    /// ring bucket to the run sorted, without a copy first.
    ///
    /// A window that is in sequence order but for a short start is sorted as two parts merged:
    /// the start by the whole key, the rest by priority alone (``byMerge``). A day's bucket is
    /// mostly such a window: it begins with a few dozen events poured into it out of sequence
    /// order (those that waited beyond the ring's span, say), and goes on with the thousands
    /// appended since, in sequence order. Sorted whole, it took five scatter passes over all of
    /// it; as two parts, two over the tail, up to five over the start, and one merging pass.
    ///
    /// - Complexity: O(*n* × *p*) for *n* entries and *p* ≤ 8 varying bytes of the sort key.
    mutating func sortSameTime(_ source: UnsafeBufferPointer<QueueEntry>, into out: inout ContiguousArray<QueueEntry>) -> Bool {
        let n = source.count
        // One pass: the same time throughout? Which bytes of the order vary? In sequence order?
        // Where does the run in sequence order at the end start (`tail`)?
        var sameTime = true, inSequence = true
        var differ: UInt64 = 0
        var tail = 0
        if n > 0 {
            let time = source[0].timeBits
            let first = source[0].order
            var last = first & (WindowSorter.sequenceMask)
            for i in 0..<n {
                let o = source[i].order
                if source[i].timeBits != time { sameTime = false; break }
                differ |= o ^ first
                let s = o & (WindowSorter.sequenceMask)
                if s < last { inSequence = false; tail = i }
                last = s
            }
        }
        guard sameTime else { return false }
        let priorityBytes: UInt64 = 0xFFFF << 48
        // In sequence order from `tail` on, and the start before it short: the start sorted by the
        // whole key and the tail by priority, then the two merged.
        if !inSequence && tail <= n / 4 {
            sortStartAndTail(source, tail: tail, differ: differ, into: &out)
            return true
        }
        // In sequence order, a stable sort on the priority's two bytes (the top 16 bits) suffices.
        differ &= inSequence ? priorityBytes : ~0
        if n > 1 { if inSequence { byPriority += 1 } else { byWholeKey += 1 } }
        let bytes = Self.varying(differ)
        lastPasses = bytes.count
        if bytes.isEmpty {
            // Already in order: a copy.
            Self.resize(&out, to: n, filler: source.first)
            if n > 0 { out.withUnsafeMutableBufferPointer { o in _ = o.initialize(fromContentsOf: source) } }
            return true
        }
        var spare = ContiguousArray<QueueEntry>()
        swap(&spare, &scratch)
        radixSort(source, on: bytes, into: &out, using: &spare)
        swap(&spare, &scratch)
        return true
    }

    /// Sorts `source`, whose entries from `tail` on are in sequence order, into `out`: the entries
    /// before `tail` by the whole key (into ``start``), the rest by priority
    /// (into the scratch buffer), then the two merged by key into `out` (on equal keys, which the
    /// engine's unique sequences never give, the start's entry first, as a stable sort would).
    /// `differ` names the bytes of the key that vary in the window.
    private mutating func sortStartAndTail(_ source: UnsafeBufferPointer<QueueEntry>, tail: Int, differ: UInt64,
                                           into out: inout ContiguousArray<QueueEntry>) {
        let n = source.count, m = n - tail
        byMerge += 1
        let tailBytes = Self.varying(differ & (0xFFFF << 48))
        lastPasses = tailBytes.count
        let rest = UnsafeBufferPointer(rebasing: source[tail...])
        if tailBytes.isEmpty {
            Self.resize(&scratch, to: m, filler: source[0])
            scratch.withUnsafeMutableBufferPointer { t in _ = t.initialize(fromContentsOf: rest) }
        } else {
            // The sorted tail is to end in the scratch buffer, `out` serving as the sort's other buffer.
            var sortedTail = ContiguousArray<QueueEntry>()
            swap(&sortedTail, &scratch)
            radixSort(rest, on: tailBytes, into: &sortedTail, using: &out)
            swap(&sortedTail, &scratch)
        }
        var sorted = ContiguousArray<QueueEntry>(), other = ContiguousArray<QueueEntry>()
        swap(&sorted, &start)
        swap(&other, &startScratch)
        radixSort(UnsafeBufferPointer(rebasing: source[..<tail]), on: Self.varying(differ), into: &sorted, using: &other)
        swap(&sorted, &start)
        swap(&other, &startScratch)
        Self.resize(&out, to: n, filler: source[0])
        start.withUnsafeBufferPointer { a in
            scratch.withUnsafeBufferPointer { b in
                out.withUnsafeMutableBufferPointer { o in
                    var i = 0, j = 0, k = 0
                    while i < tail && j < m {
                        if b[j].order < a[i].order { o[k] = b[j]; j &+= 1 } else { o[k] = a[i]; i &+= 1 }
                        k &+= 1
                    }
                    while i < tail { o[k] = a[i]; i &+= 1; k &+= 1 }
                    while j < m { o[k] = b[j]; j &+= 1; k &+= 1 }
                }
            }
        }
    }

    /// The bytes (0: the least significant) in which `differ` has a bit set.
    private static func varying(_ differ: UInt64) -> [Int] {
        var bytes: [Int] = []
        for byte in 0..<8 where (differ >> UInt64(8 * byte)) & 0xFF != 0 { bytes.append(byte) }
        return bytes
    }

    /// A least-significant-digit radix sort of `source` on `bytes` (at least one) of the order
    /// key, into `out`, with `other` as the second buffer (both resized to `source`'s count).
    private mutating func radixSort(_ source: UnsafeBufferPointer<QueueEntry>, on bytes: [Int],
                                    into out: inout ContiguousArray<QueueEntry>, using other: inout ContiguousArray<QueueEntry>) {
        let n = source.count
        Self.resize(&out, to: n, filler: source[0])
        Self.resize(&other, to: n, filler: source[0])
        counts.withUnsafeMutableBufferPointer { c in
            for byte in bytes { for b in 0..<256 { c[256 &* byte &+ b] = 0 } }
            for i in 0..<n {
                let o = source[i].order
                for byte in bytes { c[256 &* byte &+ Int((o >> UInt64(8 &* byte)) & 0xFF)] &+= 1 }
            }
            // Exclusive prefix sums: where each digit's run starts.
            for byte in bytes {
                var total = 0
                for b in 0..<256 {
                    let k = 256 &* byte &+ b
                    let x = c[k]
                    c[k] = total
                    total &+= x
                }
            }
        }
        // The passes alternate between the two buffers; the first goes to whichever makes the
        // last land in `out`: `out` itself for an odd number of passes, the other buffer for an even.
        var inOther = false
        for (pass, byte) in bytes.enumerated() {
            let shift = UInt64(8 * byte), base = 256 * byte
            func scatter(_ from: UnsafeBufferPointer<QueueEntry>, _ to: UnsafeMutableBufferPointer<QueueEntry>) {
                counts.withUnsafeMutableBufferPointer { c in
                    for i in 0..<n {
                        let e = from[i]
                        let d = base &+ Int((e.order >> shift) & 0xFF)
                        to[c[d]] = e
                        c[d] &+= 1
                    }
                }
            }
            if pass == 0 {
                inOther = bytes.count % 2 == 0
                if inOther {
                    other.withUnsafeMutableBufferPointer { t in scatter(source, t) }
                } else {
                    out.withUnsafeMutableBufferPointer { t in scatter(source, t) }
                }
            } else if inOther {
                other.withUnsafeBufferPointer { f in out.withUnsafeMutableBufferPointer { t in scatter(f, t) } }
                inOther = false
            } else {
                out.withUnsafeBufferPointer { f in other.withUnsafeMutableBufferPointer { t in scatter(f, t) } }
                inOther = true
            }
        }
        #if PROBSIM_INVARIANTS
        precondition(!inOther, "invariant: the window's sort ended in its second buffer")
        #endif
    }

    /// Makes `buffer` hold `n` entries (its contents to be overwritten), keeping its storage.
    private static func resize(_ buffer: inout ContiguousArray<QueueEntry>, to n: Int, filler: QueueEntry?) {
        if buffer.count > n { buffer.removeLast(buffer.count - n) } else if buffer.count < n, let filler {
            buffer.append(contentsOf: repeatElement(filler, count: n - buffer.count))
        }
    }
}
