import Foundation
import Testing
import SimulationCore
@testable import ProbationModel
@testable import ProbationRules

/// The held-contact arena: per-case chains of chunks in holding order, recycled chunks.
@Suite struct HeldLogTests {
    func contact(_ d: Int, _ kind: ContactKind = .f2f, attended: Bool = true) -> HeldContact {
        HeldContact(day: Day(number: d), kind: kind, attended: attended)
    }

    @Test func aChunkIsOneCacheLine() {
        #expect(MemoryLayout<HeldLog.Chunk>.stride == 64)
    }

    @Test func chainsKeepHoldingOrderAndRecycleChunks() {
        let per = HeldLog.Chunk.capacity
        var log = HeldLog()
        var a: Int32 = -1, b: Int32 = -1
        var out: [HeldContact] = []
        log.contacts(from: a, into: &out)
        #expect(out.isEmpty)
        // a fills two chunks and starts a third; b, interleaved with it, fills one and starts a second.
        let kinds: [ContactKind] = [.f2f, .homeVisit, .other, .initialAppointment]
        let aList = (1...(2 * per + 3)).map { contact($0, kinds[$0 % 4], attended: $0 % 3 != 0) }
        let bList = (1...(per + 1)).map { contact(1000 + $0, .homeVisit, attended: $0.isMultiple(of: 2)) }
        for k in 0..<aList.count {
            log.add(aList[k], to: &a)
            if k < bList.count { log.add(bList[k], to: &b) }
        }
        #expect(log.chunks.count == 5)
        log.contacts(from: a, into: &out)
        #expect(out == aList)
        log.contacts(from: b, into: &out)
        #expect(out == bList)
        log.release(&a)
        #expect(a == -1)
        // New contacts reuse a's three released chunks before the arena grows.
        var c: Int32 = -1
        let cList = (1...(3 * per)).map { contact(2000 + $0, .other) }
        for x in cList { log.add(x, to: &c) }
        #expect(log.chunks.count == 5)
        log.contacts(from: c, into: &out)
        #expect(out == cList)
        log.contacts(from: b, into: &out)
        #expect(out == bList)
        log.add(contact(3000), to: &c)
        #expect(log.chunks.count == 6)
        log.contacts(from: c, into: &out)
        #expect(out == cList + [contact(3000)])
    }
}
