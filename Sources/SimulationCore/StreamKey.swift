/// What a random stream is for: the third part of a ``StreamKey``.
///
/// Purposes are named by strings, hashed with FNV-1a (stable across runs and
/// platforms, unlike Swift's `Hasher`), so that adding a purpose never moves another's numbers.
public struct StreamPurpose: Hashable, Sendable, CustomStringConvertible {
    /// The purpose's name, e.g. `"arrivals"` or `"attendance"`.
    public let name: String
    /// A sub-index within the purpose (e.g. a case number), 0 by default.
    public let index: UInt64

    public init(_ name: String, index: UInt64 = 0) {
        self.name = name
        self.index = index
    }

    /// FNV-1a 64-bit hash of the name's UTF-8 bytes.
    public var nameHash: UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in name.utf8 {
            h ^= UInt64(byte)
            h = h &* 0x0000_0100_0000_01b3
        }
        return h
    }

    public var description: String { index == 0 ? name : "\(name)[\(index)]" }
}

/// The identity of one random stream: (seed, replication, purpose).
///
/// The scenario's seed is the only source of randomness. Every stream is derived from
/// it, the replication number and the stream's purpose, so that two regimes simulated on
/// the same replication draw the same numbers for the same purpose (common random numbers),
/// while different purposes and replications draw independent-looking numbers.
public struct StreamKey: Hashable, Sendable {
    public let seed: UInt64
    public let replication: Int
    public let purpose: StreamPurpose

    public init(seed: UInt64, replication: Int, purpose: StreamPurpose) {
        self.seed = seed
        self.replication = replication
        self.purpose = purpose
    }

    /// The stream's 64-bit seed, from which ``RandomStream`` fills the generator's whole state.
    ///
    /// The four parts are mixed with SplitMix64's finaliser, one after another, so a
    /// change in any part changes the whole seed.
    public var generatorSeed: UInt64 {
        var h = StreamKey.mix(seed ^ 0x9e37_79b9_7f4a_7c15)
        h = StreamKey.mix(h ^ UInt64(bitPattern: Int64(replication)))
        h = StreamKey.mix(h ^ purpose.nameHash)
        return StreamKey.mix(h ^ purpose.index)
    }

    /// SplitMix64's finaliser: a bijection on 64-bit integers with good avalanche.
    @inline(__always) public static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9e37_79b9_7f4a_7c15
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
