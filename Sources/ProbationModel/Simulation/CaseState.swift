import SimulationCore
import ProbationRules

/// A case as the simulation holds it, in an array indexed by case number.
struct CaseState {
    var practitioner: Int32 = -1
    var tier: UInt8 = 9
    var active = false
    /// In custody after a recall.
    var inCustody = false
    /// In the custody phase: sentenced, not yet released (conventions §8).
    var preRelease = false
    /// Held by a prison offender manager until COM allocation: not on a practitioner's caseload, no points.
    var pomHeld = false
    var suspensionLifted = false
    var ended = false
    /// Bumped on every replan or recall; planned work of an older generation is dropped.
    var generation: UInt32 = 0
    /// Next booking of the plan to hand to the diary, and its day (Int32.max: none; Int32.min: unknown).
    var cursor: Int32 = 0
    var nextBooking: Int32 = Int32.min
    /// The newest chunk of its held contacts in the model's ``HeldLog``, or -1.
    var heldHead: Int32 = -1
    /// Keyed-draw counter for this case's allocations (work draws count by kind, in the model's kindOrdinals).
    var ordinal: UInt32 = 0
    /// Its position in the active list.
    var activeSlot: Int32 = -1
    /// The end (exclusive) of the timeline segment whose phase is cached in ``phaseIndex``
    /// (Int32.min: none cached). It sits in what was padding, so the state is no larger.
    var phaseEnd: Int32 = Int32.min
    var points: Double = 0
    /// Current RoSH and cohort flags (bit k = CohortFlag.allCases[k]), mirrored from the spec for the hot path.
    var rosh: RoSH = .medium
    var flagBits: UInt8 = 0
    /// The cached phase (``SupervisionPhase`` index) of the case's timeline up to ``phaseEnd``.
    var phaseIndex: Int8 = -1
    /// The day its plan's timeline starts (the anniversaries of scheduled work count from it),
    /// mirrored from its plan (at the start, and by ``ReplicationModel/takeBookings(_:)`` after
    /// every plan) so the month loop need not read the plan: with the cached phase and
    /// ``custodyMonths`` this took the month loop's own time from 9.4% to 5.3% of a calibrated
    /// tenth (`perf record`). With ``custodyMonths`` it sits in what was padding: the state stays 72 bytes.
    var timelineStart: Int32 = 0
    /// Probability of attending a booked contact (by tier letter).
    var attendance: Double = 0.9
    /// The day supervision ends (exclusive).
    var supervisionEnd: Int32 = 0
    /// The day the current (re-)release or sentence supervision began, for counting.
    var measuredOnce = false
    /// The sentence's custody months (0 for none), mirrored from its spec (at the start and at a
    /// change of risk, where the spec is replaced) for rows' scopes.
    var custodyMonths: UInt16 = 0
}
