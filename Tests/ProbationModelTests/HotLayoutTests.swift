import Testing
@testable import ProbationModel

/// The sizes of the values the event loop touches for every piece of work, which decide how
/// many cache lines it reads (docs/performance-history.md). A field added carelessly grows them; these
/// fail then, so the growth is a decision rather than an accident.
@Suite struct HotLayoutTests {
    @Test func caseStatesWorkItemsAndWaitingEntriesKeepTheirSizes() {
        // CaseState: the mirrored timeline start and custody months sit in what was padding.
        #expect(MemoryLayout<CaseState>.stride == 72)
        // WorkItem: the practitioner hint (two bytes) sits in what was padding after the standard.
        #expect(MemoryLayout<WorkItem>.stride == 44)
        #expect(MemoryLayout<WorkItem>.offset(of: \WorkItem.practitionerHint) == 10)
        // WaitingWork: whether a piece is still wanted is read from its item, not kept with it;
        // its place is packed in 32 bits and its minutes are a Float.
        #expect(MemoryLayout<WaitingWork>.stride == 24)
        // What deciding whether to serve a practitioner's waiting work reads: a 32-byte stride.
        #expect(MemoryLayout<WaitingLists.Ring>.stride == 32)
    }

    /// The practitioner hint is the practitioner while one fits in it; no practitioner, or one
    /// past its range, is none (UInt16.max), never another practitioner's number.
    @Test func thePractitionerHintIsThePractitionerOrNone() {
        #expect(WorkItem.hint(practitioner: 0) == 0)
        #expect(WorkItem.hint(practitioner: 8_100) == 8_100)
        #expect(WorkItem.hint(practitioner: 65_534) == 65_534)
        #expect(WorkItem.hint(practitioner: 65_535) == .max)
        #expect(WorkItem.hint(practitioner: 70_000) == .max)
        #expect(WorkItem.hint(practitioner: -1) == .max)
    }

    /// Work put in a diary carries its case's practitioner as the hint: at a run's end, the work
    /// still in diaries (cases do move, which leaves a hint stale) mostly names the practitioner
    /// now holding its case. Filled from any other field, it would match rarely.
    @Test func workCarriesItsCasesPractitionerAsAHint() throws {
        let (s, regimes) = try ScenarioReader.load(path: Repository.root.appendingPathComponent("scenarios/smoke.yaml").path)
        let cases = try CaseGenerator(scenario: s).cases(replication: 0)
        var model = try ReplicationModel(scenario: s, variant: regimes[0], replication: 0, cases: cases,
                                         calendar: CaseGenerator.calendar(for: s))
        let result = model.run()
        #expect(result != nil)
        var live = 0, same = 0, practitioners = Set<UInt16>()
        for k in 0..<model.items.count where model.items[k].caseIndex >= 0 {
            let item = model.items[k]
            live += 1
            practitioners.insert(item.practitionerHint)
            if item.practitionerHint == WorkItem.hint(practitioner: model.state[Int(item.caseIndex)].practitioner) { same += 1 }
        }
        #expect(live > 50, "work still in diaries at the end: \(live)")
        #expect(practitioners.count > 1, "hints name several practitioners")
        #expect(same * 10 >= live * 9, "\(same) of \(live) hints name the case's practitioner")
    }
}
