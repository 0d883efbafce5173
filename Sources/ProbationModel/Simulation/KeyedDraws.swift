import SimulationCore

/// Where the model's random numbers come from: the one derivation of its keyed draws, and the
/// map of every random stream in probsim.
///
/// The scenario's `seed` is the only source of randomness. It is derived two ways:
/// - **Streams drawn in sequence** (``StreamKey`` in SimulationCore: seed, replication and a named
///   ``StreamPurpose``), where the order of the draws is fixed by the input, not by the simulation:
///   the caseload and its arrivals (`"caseload"`), release surges (`"releases"`), a sweep's Latin
///   hypercube (`"sweep-lhs"`), the engine benchmark (`"bench-engine"`).
/// - **Keyed draws** (this type), for everything the model draws while it runs. The order of events
///   depends on the regime, so a draw is keyed by what it is for, never by when it happens: the
///   model's one keyed stream is reseeded with ``key(case:_:_:)`` before each group of draws. Two
///   regimes on the same replication thus see the same people behave the same way where their
///   plans agree (common random numbers), whatever other work either gives the case, and a draw
///   added under a new purpose or ordinal moves no other draw.
///
/// A key is `mix(base ^ case << 20 ^ purpose << 56) ^ ordinal`, where `base` mixes the seed and the
/// replication and `mix` is SplitMix64's finaliser (``StreamKey/mix(_:)``). Each purpose's ordinals
/// are named below. Changing any constant here changes every result (the golden tests say so).
struct KeyedDraws {
    /// What a group of keyed draws is for; each purpose is a stream of its own for a case.
    enum Purpose: UInt64 {
        /// A piece of work's minutes (ordinal: ``work(_:_:)``).
        case work = 1
        /// A contact's attendance (ordinal: ``work(_:_:)``), a breach recall's kind and length
        /// (``breachRecall(absences:)``), the parole report (``paroleReport``).
        case outcome
        /// The month's RoSH transition, flag hazards and volume work (ordinal: ``month(_:)``).
        case month
        /// The practitioner a case is allocated to (ordinal: the case's count of allocations).
        case allocation
        /// The pre-sentence report (ordinal: ``courtReport``).
        case court
        /// The month's draw of a recall for risk or offending (ordinal: ``month(_:)``), and that
        /// recall's kind and length (``hazardRecall(on:)``).
        case recallHazard
        /// The court's outcome of a breach report (ordinal: the report's ordinal among the case's
        /// breach reports).
        case breachOutcome
        /// Whether a practitioner leaves this month (keyed by the practitioner's index in place of
        /// a case's; ordinal: ``month(_:)``).
        case attrition
    }

    /// The seed and the replication, mixed.
    let base: UInt64

    init(seed: UInt64, replication: Int) {
        base = StreamKey.mix(StreamKey.mix(seed ^ 0x5eed) ^ UInt64(replication))
    }

    /// The key the keyed stream is reseeded with for (case, purpose, ordinal).
    @inline(__always) func key(case i: Int, _ purpose: Purpose, _ ordinal: UInt64) -> UInt64 {
        StreamKey.mix(base ^ (UInt64(i) << 20) ^ (purpose.rawValue << 56)) ^ ordinal
    }

    // MARK: ordinals

    /// A piece of work (its minutes, or a contact's attendance): what the work is
    /// (``WorkCatalogue/drawCode(_:activity:)``) and its ordinal among such work for the case.
    @inline(__always) static func work(_ code: UInt64, _ ordinal: UInt32) -> UInt64 {
        code << 32 | UInt64(ordinal)
    }

    /// The month of `day` (month draws and the recall hazard).
    static func month(_ day: Day) -> UInt64 { UInt64(day.monthOrdinal + 1) }   // year × 12 + month

    /// The parole report, drawn once per case (under ``Purpose/outcome``).
    static let paroleReport: UInt64 = 0x9a40_0000

    /// The pre-sentence report, drawn once per case (under ``Purpose/court``).
    static let courtReport: UInt64 = 0

    /// A recall for non-compliance, by the case's count of unacceptable absences (under ``Purpose/outcome``).
    static func breachRecall(absences n: Int) -> UInt64 { 0x7ec0_0000 | UInt64(n) }

    /// A recall for risk or offending, by its day (under ``Purpose/recallHazard``).
    static func hazardRecall(on day: Day) -> UInt64 { 0x7ec1 << 32 | UInt64(day.number) }

    // MARK: without the stream

    /// A uniform number in [0, 1) fixed per case and activity row: whether the row's own bookings
    /// apply to the case (its `share`). A hash of the key, so it leaves the keyed stream alone.
    @inline(__always) func share(case i: Int, row activity: Int) -> Double {
        let h = StreamKey.mix(base ^ 0x5ba2_e000_0000_0000 ^ (UInt64(i) << 8) ^ UInt64(activity))
        return Double(h >> 11) * 0x1p-53
    }
}
