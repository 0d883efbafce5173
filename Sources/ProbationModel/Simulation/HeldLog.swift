import CPrefetch
import SimulationCore

/// The contacts every case has held, as one linked list per case in a shared arena (newest first).
///
/// Recording a contact writes one 12-byte record (at the arena's end, or a recycled one) and the
/// case's list head: no per-case array to grow and reallocate, no cold array header to check for
/// uniqueness. (Per-case arrays cost about a tenth of a national run in `perf`: the first touch
/// of each case's array header missed the cache.) A finished case's records are recycled.
struct HeldLog {
    struct Record {
        var day: Int32
        /// The case's previous record, or -1.
        var next: Int32
        var kind: ContactKind
        var attended: Bool
    }

    private(set) var records: [Record] = []
    /// First recycled record, or -1; recycled records are chained through `next`.
    private var free: Int32 = -1

    /// Records a contact at the head of the list starting at `head` (-1 for an empty list).
    mutating func add(_ c: HeldContact, to head: inout Int32) {
        let r = Record(day: Int32(c.day.number), next: head, kind: c.kind, attended: c.attended)
        if free >= 0 {
            let k = free
            free = records[Int(k)].next
            records[Int(k)] = r
            head = k
            // Recycled records are scattered: ask for the next one now, so the next add finds it cached.
            if free >= 0 { records.withUnsafeBufferPointer { probsim_prefetch($0.baseAddress! + Int(free)) } }
        } else {
            head = Int32(records.count)
            records.append(r)
        }
    }

    /// The list's contacts in the order they were held (oldest first), into `out` (emptied first).
    func contacts(from head: Int32, into out: inout [HeldContact]) {
        out.removeAll(keepingCapacity: true)
        var k = head
        while k >= 0 {
            let r = records[Int(k)]
            out.append(HeldContact(day: Day(number: Int(r.day)), kind: r.kind, attended: r.attended))
            k = r.next
        }
        out.reverse()
    }

    /// Recycles a list's records and empties it.
    mutating func release(_ head: inout Int32) {
        guard head >= 0 else { return }
        var tail = head
        while records[Int(tail)].next >= 0 { tail = records[Int(tail)].next }
        records[Int(tail)].next = free
        free = head
        head = -1
    }
}
