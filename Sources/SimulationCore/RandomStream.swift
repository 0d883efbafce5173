import CGSL

/// An error from GSL, turned into a Swift error instead of GSL's default abort.
public enum RandomError: Error, Equatable, CustomStringConvertible {
    /// `gsl_rng_alloc` returned NULL (out of memory).
    case generatorAllocationFailed
    /// `gsl_ran_discrete_preproc` refused the weights (negative, or all zero).
    case invalidEmpiricalWeights(String)

    public var description: String {
        switch self {
        case .generatorAllocationFailed:
            return "GSL could not allocate a random number generator (out of memory)"
        case .invalidEmpiricalWeights(let why):
            return "GSL refused the empirical weights: \(why)"
        }
    }
}

/// Turns off GSL's aborting error handler, once per process.
///
/// Every GSL entry point in probsim goes through this file, and every one of them
/// calls `disableGSLAbortOnce` first, so no GSL error can ever abort the process.
private let gslAbortDisabled: Bool = {
    probsim_gsl_disable_abort()
    return true
}()

/// One independent stream of random numbers: GSL's maximally equidistributed combined
/// Tausworthe generator (`gsl_rng_taus2`, L'Ecuyer 1996; period 2^88).
///
/// This is the only type in probsim that calls GSL's generator and its `gsl_ran_*`
/// distributions. Streams are made from a ``StreamKey`` so that the same seed,
/// replication and purpose always give the same numbers (see ``StreamKey``).
///
/// Why taus2 rather than GSL's default MT19937: it passes the same test batteries, its
/// uniform costs 3.3 ns against MT19937's 8.5 ns on this machine (`benchmarks/gsl_draws.c`: 20 million
/// `gsl_rng_uniform` calls), and its 12-byte state can be reset from a 64-bit key in a
/// few nanoseconds, which keyed draws (one reseed per group of draws) need.
///
/// A stream is not thread-safe: each replication owns its own streams.
public final class RandomStream {
    private let rng: UnsafeMutablePointer<gsl_rng>
    /// The generator's three 32-bit state words (`s1, s2, s3` held in `unsigned long`s),
    /// or nil if this GSL lays taus2's state out differently (then seeding goes through
    /// `gsl_rng_set`, and every draw through GSL's calls).
    private let state: UnsafeMutablePointer<UInt>?

    /// Makes the stream for a key.
    ///
    /// - Throws: ``RandomError/generatorAllocationFailed`` if GSL cannot allocate the generator.
    public convenience init(key: StreamKey) throws {
        try self.init(keyed: ())
        reseed(key.generatorSeed)
    }

    /// Makes a keyed stream, meant to be reseeded with ``reseed(_:)`` before each group of draws.
    ///
    /// Keyed draws give common random numbers that do not depend on the order of events: the
    /// draws for (case, contact number) are the same whichever regime is simulated.
    ///
    /// - Throws: ``RandomError/generatorAllocationFailed`` if GSL cannot allocate the generator.
    public init(keyed: Void) throws {
        _ = gslAbortDisabled
        guard let r = gsl_rng_alloc(probsim_gsl_rng_taus2()) else {
            throw RandomError.generatorAllocationFailed
        }
        rng = r
        state = gsl_rng_size(r) == 3 * MemoryLayout<UInt>.size
            ? gsl_rng_state(r)?.assumingMemoryBound(to: UInt.self) : nil
        reseed(0)
    }

    /// Reseeds the generator from a 64-bit key: all 64 bits count.
    ///
    /// `gsl_rng_set` would keep only 32 bits of a seed (taus2 seeds through a 32-bit LCG),
    /// so that among the millions of keys of a national run thousands of pairs would share a
    /// stream. Instead the three 32-bit state words are filled from SplitMix64 outputs of
    /// the key, kept above taus2's lower limits (2, 8 and 16), through `gsl_rng_state`.
    ///
    /// - Complexity: O(1).
    @inline(__always) public func reseed(_ key: UInt64) {
        let a = StreamKey.mix(key), b = StreamKey.mix(key ^ 0x5851_f42d_4c95_7f2d)
        guard let s = state else {
            gsl_rng_set(rng, UInt(truncatingIfNeeded: a == 0 ? 1 : a))
            return
        }
        s[0] = UInt(a & 0xffff_ffff) | 2
        s[1] = UInt(a >> 32) | 8
        s[2] = UInt(b & 0xffff_ffff) | 16
    }

    deinit { gsl_rng_free(rng) }

    /// A uniform draw in [0, 1): `gsl_rng_uniform`'s, bit for bit (``step(_:)``).
    @inline(__always) public func uniform() -> Double {
        guard let s = state else { return gsl_rng_uniform(rng) }
        return Double(Self.step(s)) / 4_294_967_296.0
    }

    /// A uniform draw in (0, 1), never exactly 0: `gsl_rng_uniform_pos`'s, bit for bit.
    @inline(__always) public func uniformPositive() -> Double {
        guard state != nil else { return gsl_rng_uniform_pos(rng) }
        while true {
            let x = uniform()
            if x != 0 { return x }
        }
    }

    /// A uniform integer in 0 ..< n: `gsl_rng_uniform_int`'s, bit for bit (``step(_:)``).
    /// `n` must be at least 1.
    @inline(__always) public func integer(below n: Int) -> Int {
        guard let s = state, n >= 1, n <= 0xffff_ffff else { return Int(gsl_rng_uniform_int(rng, UInt(n))) }
        // As GSL: the generator's range (0 ... 2^32 − 1) cut into n equal parts, a draw past them drawn again.
        let scale = 0xffff_ffff / UInt(n)
        while true {
            let k = Self.step(s) / scale
            if k < UInt(n) { return Int(k) }
        }
    }

    /// Whether the uniform and integer draws take the inline step (GSL's state laid out as expected).
    var drawsInline: Bool { state != nil }

    /// GSL's own uniform and integer draws, which the inline ones above must equal (the tests).
    func uniformByGSL() -> Double { gsl_rng_uniform(rng) }
    func uniformPositiveByGSL() -> Double { gsl_rng_uniform_pos(rng) }
    func integerByGSL(below n: Int) -> Int { Int(gsl_rng_uniform_int(rng, UInt(n))) }

    /// One step of taus2, on the generator's own state (GSL's `taus.c`, `taus_get`: each word a
    /// Tausworthe step, the draw their exclusive or; taus2 differs from taus only in its seeding).
    ///
    /// What it buys: GSL's `gsl_rng_uniform` and `gsl_rng_uniform_int` reach this step through
    /// calls by function pointer, about 38 and 61 instructions a draw in all on a calibrated
    /// tenth (callgrind); inlined, the draws took 1.0% off the one-year twentieth's instructions.
    /// The distributions (`gsl_ran_*`) still step the same state through GSL, so every stream's
    /// sequence is GSL's.
    @inline(__always) static func step(_ s: UnsafeMutablePointer<UInt>) -> UInt {
        let mask: UInt = 0xffff_ffff
        let s1 = s[0], s2 = s[1], s3 = s[2]
        let t1 = (((s1 & 4_294_967_294) << 12) & mask) ^ ((((s1 << 13) & mask) ^ s1) >> 19)
        let t2 = (((s2 & 4_294_967_288) << 4) & mask) ^ ((((s2 << 2) & mask) ^ s2) >> 25)
        let t3 = (((s3 & 4_294_967_280) << 17) & mask) ^ ((((s3 << 3) & mask) ^ s3) >> 11)
        s[0] = t1
        s[1] = t2
        s[2] = t3
        return t1 ^ t2 ^ t3
    }

    /// An exponential draw with the given mean (`gsl_ran_exponential`).
    @inline(__always) public func exponential(mean: Double) -> Double {
        gsl_ran_exponential(rng, mean)
    }

    /// Fills `buffer` with exponential draws: the same numbers, in the same order, as that
    /// many calls of ``exponential(mean:)``.
    ///
    /// Drawing a block at a time lets the CPU overlap GSL's logarithms (about 12 ns each back
    /// to back, twice that when each waits behind other work).
    public func exponentials(mean: Double, into buffer: UnsafeMutableBufferPointer<Double>) {
        for i in buffer.indices { buffer[i] = gsl_ran_exponential(rng, mean) }
    }

    /// A uniform draw in [a, b) (`gsl_ran_flat`).
    @inline(__always) public func flat(_ a: Double, _ b: Double) -> Double { gsl_ran_flat(rng, a, b) }

    /// A gamma draw with shape k and scale θ (`gsl_ran_gamma`); mean kθ.
    @inline(__always) public func gamma(shape: Double, scale: Double) -> Double {
        gsl_ran_gamma(rng, shape, scale)
    }

    /// A lognormal draw: exp(N(zeta, sigma²)) (`gsl_ran_lognormal`); median e^zeta.
    @inline(__always) public func lognormal(zeta: Double, sigma: Double) -> Double {
        gsl_ran_lognormal(rng, zeta, sigma)
    }

    /// A normal draw with mean 0 and the given standard deviation (`gsl_ran_gaussian`).
    @inline(__always) public func gaussian(sd: Double) -> Double { gsl_ran_gaussian(rng, sd) }

    /// A Poisson count with the given mean (`gsl_ran_poisson`).
    @inline(__always) public func poisson(mean: Double) -> Int { Int(gsl_ran_poisson(rng, mean)) }

    /// A Bernoulli trial: true with probability p (`gsl_ran_bernoulli`).
    @inline(__always) public func bernoulli(_ p: Double) -> Bool { gsl_ran_bernoulli(rng, p) == 1 }

    /// An index drawn from a preprocessed discrete distribution (`gsl_ran_discrete`).
    @inline(__always) public func discrete(_ table: DiscreteTable) -> Int {
        Int(gsl_ran_discrete(rng, table.table))
    }
}

/// A preprocessed discrete distribution over indices 0 ..< weights.count (`gsl_ran_discrete_preproc`).
///
/// Built once from weights (which need not sum to 1), then sampled in O(1) by ``RandomStream/discrete(_:)``.
public final class DiscreteTable: @unchecked Sendable {
    // Immutable after init; GSL only reads the table when sampling, so sharing it across threads is safe.
    fileprivate let table: UnsafeMutablePointer<gsl_ran_discrete_t>
    /// The weights as given.
    public let weights: [Double]

    /// - Throws: ``RandomError/invalidEmpiricalWeights(_:)`` for an empty list, a negative or
    ///   non-finite weight, or weights that are all zero.
    public init(weights: [Double]) throws {
        _ = gslAbortDisabled
        guard !weights.isEmpty else { throw RandomError.invalidEmpiricalWeights("no weights") }
        guard weights.allSatisfy({ $0.isFinite && $0 >= 0 }) else {
            throw RandomError.invalidEmpiricalWeights("a weight is negative or not finite")
        }
        guard weights.contains(where: { $0 > 0 }) else {
            throw RandomError.invalidEmpiricalWeights("all weights are zero")
        }
        guard let t = weights.withUnsafeBufferPointer({ gsl_ran_discrete_preproc($0.count, $0.baseAddress) }) else {
            throw RandomError.invalidEmpiricalWeights("GSL returned no table")
        }
        table = t
        self.weights = weights
    }

    deinit { gsl_ran_discrete_free(table) }
}
