/// The discrete-event kernel: a clock, a future-event list, schedule, cancel, step and run.
///
/// Time is in days since the model's epoch (a ``Day``'s number), fractions being times
/// within a day. Events come out in the total order (time, priority, sequence). The engine
/// knows nothing of probation: the model gives each event a `kind` and a `subject` and
/// handles it. Noncopyable: it has one owner, and its queue's buffers are written without
/// copy-on-write checks (``HeapStorage``). Nothing is allocated per event.
///
/// Order at equal times, as SimPy and simmer publish theirs:
/// 1. lower ``EventPriority`` first;
/// 2. at equal priority, the event scheduled first.
public struct EventEngine<Queue: FutureEventList & ~Copyable>: ~Copyable {
    /// The current time, in days. Never decreases.
    public var now: Double { clock }
    @usableFromInline var clock: Double
    @usableFromInline var queue = Queue()
    @usableFromInline var nextSequence: UInt64 = 0
    /// Sequence number + 1 of the pending event in each cancellation slot (0 when free), top bit set once cancelled.
    @usableFromInline var slotSequence: ContiguousArray<UInt64> = []
    @usableFromInline var freeSlots: ContiguousArray<UInt32> = []
    /// The number of events handed out by ``step()`` so far.
    public var processedCount: UInt64 { handedOut }
    @usableFromInline var handedOut: UInt64 = 0

    @usableFromInline static var cancelledBit: UInt64 { 1 << 63 }
    @usableFromInline static var sequenceLimit: UInt64 { 1 << 48 }

    /// The sequence number the next scheduled event will get (events scheduled so far).
    public var scheduledCount: UInt64 { nextSequence }

    /// Makes an engine whose clock starts at `start` days.
    public init(start: Double = 0) { clock = start }

    /// Reserves room for `pending` events at once.
    public mutating func reserveCapacity(_ pending: Int) { queue.reserveCapacity(pending) }

    /// The number of pending events, cancelled ones not yet discarded included.
    public var pendingCount: Int { queue.count }

    /// The time of the next pending entry (possibly a cancelled one), if any.
    public var nextTime: Double? { mutating get { queue.minimumTime } }

    /// Schedules an event at an absolute time.
    ///
    /// - Parameters:
    ///   - time: days since the epoch; must not be before ``now`` and must be finite.
    ///   - priority: its place among events at the same time.
    ///   - kind: the model's code for what happens.
    ///   - subject: the model's index of whom it happens to.
    /// - Complexity: O(log n).
    @inlinable
    public mutating func schedule(at time: Double, priority: EventPriority = .normal, kind: UInt16, subject: UInt32) {
        precondition(time >= now && time.isFinite, "event scheduled in the past or at a non-finite time")
        queue.push(makeEntry(time, priority, kind, subject, slot: .max))
    }

    /// Schedules an event after a delay in days.
    @inlinable
    public mutating func schedule(after delay: Double, priority: EventPriority = .normal, kind: UInt16, subject: UInt32) {
        schedule(at: now + delay, priority: priority, kind: kind, subject: subject)
    }

    /// Schedules an event that may later be cancelled, and returns its handle.
    ///
    /// - Complexity: O(log n); the cancellation table grows to the largest number of
    ///   cancellable events pending at once and is reused after that.
    @inlinable
    public mutating func scheduleCancellable(at time: Double, priority: EventPriority = .normal,
                                             kind: UInt16, subject: UInt32) -> EventHandle {
        precondition(time >= now && time.isFinite, "event scheduled in the past or at a non-finite time")
        let slot: UInt32
        if let s = freeSlots.popLast() { slot = s } else {
            slot = UInt32(slotSequence.count)
            slotSequence.append(0)
        }
        let entry = makeEntry(time, priority, kind, subject, slot: slot)
        let seq = entry.order & (Self.sequenceLimit - 1)
        slotSequence[Int(slot)] = seq + 1
        queue.push(entry)
        return EventHandle(slot: slot, sequence: seq)
    }

    /// Cancels a pending event. Returns false if it already happened or was cancelled.
    ///
    /// The entry stays in the heap and is discarded when it reaches the top.
    /// - Complexity: O(1).
    @discardableResult
    public mutating func cancel(_ handle: EventHandle) -> Bool {
        let i = Int(handle.slot)
        guard i < slotSequence.count, slotSequence[i] == handle.sequence + 1 else { return false }
        slotSequence[i] = (handle.sequence + 1) | Self.cancelledBit
        return true
    }

    /// Whether the event behind a handle is still pending (scheduled, not cancelled, not yet happened).
    public func isPending(_ handle: EventHandle) -> Bool {
        let i = Int(handle.slot)
        return i < slotSequence.count && slotSequence[i] == handle.sequence + 1
    }

    /// Removes the next event, advances the clock to it and returns it; nil when none is left.
    ///
    /// - Complexity: O(log n) amortised (cancelled entries are skipped).
    ///
    /// Always inlined into the caller's loop, as ``step(before:)`` is: left to the optimizer it
    /// stayed a call at every event (measured by `bench engine`: docs/performance-history.md, ninth session).
    @inlinable @inline(__always)
    public mutating func step() -> Event? { nextEvent(before: .infinity) }

    /// Removes the next event if it happens before `end`, advances the clock to it and
    /// returns it; nil (leaving the clock and the event alone) when the next is at `end` or later.
    ///
    /// For a caller's own loop that stops at a time and does something between events
    /// (``run(until:_:)`` takes a closure instead).
    @inlinable @inline(__always)
    public mutating func step(before end: Double) -> Event? { nextEvent(before: end) }

    /// The kinds and subjects of the next two pending events, as far as the queue sees them
    /// cheaply (cancelled ones included): a hint for prefetching what they will touch.
    @inlinable
    public mutating func lookahead() -> Lookahead { queue.lookahead() }

    /// Handles every event whose time is before `end`, in order, then sets the clock to `end`.
    ///
    /// Events at exactly `end` stay pending (as in SimPy's `run(until=)`), so a later
    /// call continues seamlessly. The handler may schedule and cancel events.
    /// - Parameters:
    ///   - end: days since the epoch; must not be before ``now``.
    ///   - handle: called once per event with the engine and the event.
    @inlinable
    public mutating func run(until end: Double, _ handle: (inout EventEngine, Event) -> Void) {
        precondition(end >= now, "run(until:) into the past")
        while let e = nextEvent(before: end) { handle(&self, e) }
        clock = end
    }

    /// Pops the next live event if its time is before `end`, skipping cancelled entries.
    @inlinable @inline(__always)
    mutating func nextEvent(before end: Double) -> Event? {
        let endBits = QueueEntry.bits(fromTime: end)
        while let e = queue.pop(beforeBits: endBits) {
            let t = e.time
            let order = e.order
            if e.slot != .max {
                let cancelled = slotSequence[Int(e.slot)] & Self.cancelledBit != 0
                slotSequence[Int(e.slot)] = 0
                freeSlots.append(e.slot)
                if cancelled { continue }
            }
            #if PROBSIM_INVARIANTS
            precondition(t >= clock, "invariant: an event at day \(t) was handed out after the clock reached \(clock)")
            #endif
            clock = t
            handedOut &+= 1
            return Event(time: t, priority: EventPriority(UInt16(truncatingIfNeeded: order >> 48)),
                         sequence: order & (Self.sequenceLimit - 1), kind: e.kind, subject: e.subject)
        }
        return nil
    }

    @inlinable @inline(__always)
    mutating func makeEntry(_ time: Double, _ priority: EventPriority, _ kind: UInt16, _ subject: UInt32,
                   slot: UInt32) -> QueueEntry {
        precondition(nextSequence < Self.sequenceLimit, "more than 2^48 events scheduled")
        let order = UInt64(priority.rawValue) << 48 | nextSequence
        nextSequence &+= 1
        return .init(key: QueueEntry.key(time: time, order: order), kind: kind, slot: slot, subject: subject)
    }
}

/// The engine probsim uses, on the queue that measured fastest (see the README).
public typealias Simulator = EventEngine<EventQueue>
