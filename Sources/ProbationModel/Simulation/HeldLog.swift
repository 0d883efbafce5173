import SimulationCore
import ProbationRules

/// The contacts every case has held, as one chain of chunks per case in a shared arena.
///
/// A chunk is one 64-byte record holding up to ``Chunk/capacity`` contacts of one case in
/// holding order, and the index of the case's previous (older) chunk. Recording a contact
/// writes into the case's newest chunk, or starts a new one (at the arena's end, or a recycled
/// one): no per-case array to grow and reallocate, no cold array header to check for
/// uniqueness. (Per-case arrays cost about a tenth of a national run in `perf`: the first touch
/// of each case's array header missed the cache.) Scoring reads a case's contacts a chunk at a
/// time, so a case with 24 contacts costs three cache misses rather than 24 (as a list of one
/// record per contact did). A finished case's chunks are recycled.
struct HeldLog {
    /// Up to ``capacity`` contacts of one case, oldest first: 64 bytes.
    struct Chunk {
        /// The contacts a chunk holds.
        static var capacity: Int { 11 }
        /// The case's previous (older) chunk, or -1; for a recycled chunk, the next recycled one.
        var previous: Int32
        /// Bit k set when contact k was attended.
        var attendedBits: UInt16 = 0
        /// How many of the slots are used.
        var count: UInt8 = 0
        var kinds = InlineArray<11, ContactKind>(repeating: .f2f)
        /// Day numbers.
        var days = InlineArray<11, Int32>(repeating: 0)

        init(previous: Int32) { self.previous = previous }
    }

    /// The arena: a ``RefArray`` (in large pages at national scale), so a copy of the log would
    /// share it while keeping its own free list. The model's one log is never copied. Written
    /// only through the methods below.
    let chunks = RefArray<Chunk>()
    /// First recycled chunk, or -1; recycled chunks are chained through `previous`.
    private var free: Int32 = -1

    /// Records a contact in the chain whose newest chunk is `head` (-1 for an empty chain).
    mutating func add(_ c: HeldContact, to head: inout Int32) {
        if head < 0 || Int(chunks[Int(head)].count) == Chunk.capacity {
            let chunk = Chunk(previous: head)
            if free >= 0 {
                let k = free
                free = chunks[Int(k)].previous
                chunks[Int(k)] = chunk
                head = k
                // Recycled chunks are scattered: ask for the next one now, so the next new chunk finds it cached.
                if free >= 0 { CacheHint.element(chunks, Int(free)) }
            } else {
                head = Int32(chunks.count)
                chunks.append(chunk)
            }
        }
        chunks.withUnsafeMutableBufferPointer { all in
            let n = Int(all[Int(head)].count)
            all[Int(head)].days[n] = Int32(c.day.number)
            all[Int(head)].kinds[n] = c.kind
            if c.attended { all[Int(head)].attendedBits |= 1 << UInt16(n) }
            all[Int(head)].count = UInt8(n + 1)
        }
    }

    /// Asks the cache for the chain's newest chunk (where ``add(_:to:)`` writes next); a hint only.
    @inline(__always)
    func prefetch(_ head: Int32) {
        guard head >= 0 else { return }
        CacheHint.element(chunks, Int(head))
    }

    /// The chain's contacts in the order they were held (oldest first), into `out` (emptied first).
    func contacts(from head: Int32, into out: inout [HeldContact]) {
        out.removeAll(keepingCapacity: true)
        chunks.withUnsafeBufferPointer { all in
            // Newest chunk first, each read newest contact first; reversed at the end.
            var k = head
            while k >= 0 {
                let chunk = all[Int(k)]
                if chunk.previous >= 0 { CacheHint.element(chunks, Int(chunk.previous)) }
                var j = Int(chunk.count) - 1
                while j >= 0 {
                    out.append(HeldContact(day: Day(number: Int(chunk.days[j])), kind: chunk.kinds[j],
                                           attended: chunk.attendedBits & (1 << UInt16(j)) != 0))
                    j -= 1
                }
                k = chunk.previous
            }
        }
        out.reverse()
        #if PROBSIM_INVARIANTS
        // Invariant: a case's contacts are held in day order (scoring binary-searches them).
        for n in out.indices.dropFirst() { precondition(out[n - 1].day <= out[n].day, "invariant: held contacts out of day order") }
        #endif
    }

    /// Recycles a chain's chunks and empties it.
    mutating func release(_ head: inout Int32) {
        guard head >= 0 else { return }
        var oldest = head
        while chunks[Int(oldest)].previous >= 0 { oldest = chunks[Int(oldest)].previous }
        chunks[Int(oldest)].previous = free
        free = head
        head = -1
    }
}
