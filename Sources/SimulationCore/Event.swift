/// When, among events at the same time, an event happens: lower first.
///
/// The model names its own priorities (see `ModelPriority` in ProbationModel); the
/// engine only compares them. Events are totally ordered by (time, priority, sequence),
/// where sequence is the order of scheduling, so equal-time, equal-priority events
/// happen first-scheduled, first-served and every run is reproducible.
public struct EventPriority: Hashable, Comparable, Sendable {
    public let rawValue: UInt16
    @inlinable public init(_ rawValue: UInt16) { self.rawValue = rawValue }
    public static func < (a: EventPriority, b: EventPriority) -> Bool { a.rawValue < b.rawValue }

    // Computed and inlinable: a `static let` would cost a lazy-initialisation call at each
    // use from another module (measured: one per scheduled event in `bench engine`).
    /// Before everything else at the same time.
    @inlinable public static var urgent: EventPriority { EventPriority(0) }
    /// The default.
    @inlinable public static var normal: EventPriority { EventPriority(1000) }
    /// After everything else at the same time.
    @inlinable public static var last: EventPriority { EventPriority(UInt16.max) }
}

/// An event as the engine hands it to the model: small, a plain value, no allocation.
public struct Event: Equatable, Sendable {
    /// When it happens, in days since the simulation's epoch (fractions are times within a day).
    public var time: Double
    /// Its place among events at the same time.
    public var priority: EventPriority
    /// The order in which it was scheduled (unique within an engine).
    public var sequence: UInt64
    /// What happens: a code the model defines.
    public var kind: UInt16
    /// To whom it happens: typically a case or process index.
    public var subject: UInt32

    public init(time: Double, priority: EventPriority, sequence: UInt64, kind: UInt16, subject: UInt32) {
        self.time = time
        self.priority = priority
        self.sequence = sequence
        self.kind = kind
        self.subject = subject
    }

    /// The total order: time, then priority, then sequence.
    @inline(__always)
    public static func precedes(_ a: Event, _ b: Event) -> Bool {
        if a.time != b.time { return a.time < b.time }
        if a.priority != b.priority { return a.priority < b.priority }
        return a.sequence < b.sequence
    }
}

/// A ticket for a scheduled event, used to cancel it.
public struct EventHandle: Hashable, Sendable {
    /// The slot in the engine's cancellation table.
    @usableFromInline let slot: UInt32
    /// The event's sequence number (guards against a reused slot).
    public let sequence: UInt64

    @usableFromInline init(slot: UInt32, sequence: UInt64) {
        self.slot = slot
        self.sequence = sequence
    }
}
