import Testing
@testable import SimulationCore

@Suite struct EngineKernelTests {
    @Test func runUntilStopsExactlyAtItsTime() {
        var engine = Simulator()
        for t in [1.0, 2.0, 2.5, 3.0, 3.0, 4.0] { engine.schedule(at: t, kind: 0, subject: 0) }
        var seen: [Double] = []
        engine.run(until: 3.0) { _, e in seen.append(e.time) }
        #expect(seen == [1.0, 2.0, 2.5])
        #expect(engine.now == 3.0)
        #expect(engine.pendingCount == 3)
        engine.run(until: 10) { _, e in seen.append(e.time) }
        #expect(seen == [1.0, 2.0, 2.5, 3.0, 3.0, 4.0])
        #expect(engine.now == 10)
    }

    @Test func stepBeforeLeavesLaterEventsAndTheClockAlone() {
        var engine = Simulator()
        for t in [1.0, 2.0, 2.0, 3.0] { engine.schedule(at: t, kind: 0, subject: UInt32(t)) }
        #expect(engine.step(before: 2.0)?.time == 1.0)
        #expect(engine.step(before: 2.0) == nil)
        #expect(engine.now == 1.0)
        #expect(engine.pendingCount == 3)
        #expect(engine.step(before: 2.5)?.time == 2.0)
        #expect(engine.step(before: 2.5)?.time == 2.0)
        #expect(engine.step(before: 2.5) == nil)
        #expect(engine.step(before: .infinity)?.time == 3.0)
        #expect(engine.step(before: .infinity) == nil)
    }

    @Test func runUntilSkipsCancelledEventsWithoutOvershooting() {
        var engine = Simulator()
        let h = engine.scheduleCancellable(at: 1, kind: 0, subject: 1)
        engine.schedule(at: 5, kind: 0, subject: 2)
        engine.cancel(h)
        var seen: [UInt32] = []
        engine.run(until: 3) { _, e in seen.append(e.subject) }
        #expect(seen.isEmpty)
        #expect(engine.now == 3)
        let next = engine.step()
        #expect(next?.subject == 2)
    }

    @Test func urgentEventAtCurrentTimeComesNext() {
        var engine = Simulator()
        engine.schedule(at: 1, priority: .normal, kind: 0, subject: 1)
        engine.schedule(at: 1, priority: .normal, kind: 0, subject: 2)
        var order: [UInt32] = []
        while let e = engine.step() {
            order.append(e.subject)
            if e.subject == 1 { engine.schedule(at: 1, priority: .urgent, kind: 0, subject: 3) }
        }
        #expect(order == [1, 3, 2])
    }

    @Test func priorityOrdersEqualTimes() {
        var engine = Simulator()
        engine.schedule(at: 1, priority: .last, kind: 0, subject: 3)
        engine.schedule(at: 1, priority: .normal, kind: 0, subject: 2)
        engine.schedule(at: 1, priority: .urgent, kind: 0, subject: 1)
        engine.schedule(at: 1, priority: .normal, kind: 0, subject: 4)
        var order: [UInt32] = []
        while let e = engine.step() { order.append(e.subject) }
        #expect(order == [1, 2, 4, 3])
    }

    @Test func cancelAfterFiringFailsAndSlotsAreReused() {
        var engine = Simulator()
        let h1 = engine.scheduleCancellable(at: 1, kind: 0, subject: 1)
        let h1Pending = engine.isPending(h1)   // (the engine is noncopyable: #expect cannot take it whole)
        #expect(h1Pending)
        _ = engine.step()
        let h1StillPending = engine.isPending(h1)
        #expect(!h1StillPending)
        let lateCancel = engine.cancel(h1)
        #expect(!lateCancel)
        let h2 = engine.scheduleCancellable(at: 2, kind: 0, subject: 2)
        let staleCancel = engine.cancel(h1)
        #expect(!staleCancel, "an old handle must not cancel the event now in its slot")
        let h2Pending = engine.isPending(h2)
        #expect(h2Pending)
        let liveCancel = engine.cancel(h2)
        #expect(liveCancel)
        let none = engine.step()
        #expect(none == nil)
    }

    @Test func negativeAndFractionalTimesKeepTheirOrder() {
        var engine = EventEngine<BucketedEventQueue>(start: -100)
        for t in [-3.5, 0, -99.25, 7.125, -0.0001] { engine.schedule(at: t, kind: 0, subject: 0) }
        var seen: [Double] = []
        while let e = engine.step() { seen.append(e.time) }
        #expect(seen == [-99.25, -3.5, -0.0001, 0, 7.125])
    }
}
