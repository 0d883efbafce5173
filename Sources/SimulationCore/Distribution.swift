import Foundation

/// A probability distribution of a duration, length or count, as written in scenario files.
///
/// The unit is the caller's (minutes for activities, months for sentence lengths). Every
/// draw is made with GSL through ``RandomStream``. A distribution may be truncated to
/// [min, max]: draws outside are redrawn (true truncation), up to
/// ``Distribution/maxRedraws`` times, after which the draw is clamped, so a badly chosen
/// range can never hang a run.
public struct Distribution: Sendable {
    /// The shape of a distribution and its parameters.
    public enum Shape: Sendable {
        /// Always x.
        case fixed(Double)
        /// Uniform on [min, max).
        case uniform(min: Double, max: Double)
        /// Exponential with the given mean.
        case exponential(mean: Double)
        /// Gamma with the given mean and standard deviation (shape (mean/sd)², scale sd²/mean).
        case gamma(mean: Double, sd: Double)
        /// Lognormal with the given median (e^μ) and sigma (σ of the log).
        case lognormal(median: Double, sigma: Double)
        /// Normal with the given mean and standard deviation.
        case normal(mean: Double, sd: Double)
        /// Triangular on [min, max] with the given mode (inverse CDF of a GSL uniform).
        case triangular(min: Double, mode: Double, max: Double)
        /// Poisson with the given mean.
        case poisson(mean: Double)
        /// One of `values`, drawn with the given weights.
        case empirical(values: [Double], table: DiscreteTable)
    }

    /// How many times a truncated draw is redrawn before it is clamped.
    public static let maxRedraws = 1000

    /// What a draw computes from, worked out once (first, with the bounds, so that a draw
    /// reads the front of the value only).
    private let kernel: Kernel
    /// Lower truncation bound, if any.
    public let min: Double?
    /// Upper truncation bound, if any.
    public let max: Double?
    public let shape: Shape

    public init(_ shape: Shape, min: Double? = nil, max: Double? = nil) {
        self.shape = shape
        self.min = min
        self.max = max
        kernel = Kernel(shape)
    }

    /// The shape as a draw uses it: plain numbers only (an empirical shape's arrays are read from
    /// ``shape``), so that a draw copies nothing that is reference-counted (switching over
    /// ``Shape``, whose empirical case holds arrays, copied it with a retain and a release on
    /// every draw: 1% of a calibrated tenth of national in `perf record`), and with what each
    /// draw used to work out again (a lognormal's log of its median, a gamma's shape and scale)
    /// worked out once, by the same expressions.
    fileprivate enum Kernel {
        case fixed(Double)
        case uniform(Double, Double)
        case exponential(Double)
        case gamma(shape: Double, scale: Double)
        case lognormal(zeta: Double, sigma: Double)
        case normal(Double, Double)
        case triangular(Double, Double, Double)
        case poisson(Double)
        case empirical

        init(_ shape: Shape) {
            switch shape {
            case .fixed(let x): self = .fixed(x)
            case .uniform(let a, let b): self = .uniform(a, b)
            case .exponential(let mean): self = .exponential(mean)
            case .gamma(let mean, let sd): self = .gamma(shape: (mean / sd) * (mean / sd), scale: sd * sd / mean)
            case .lognormal(let median, let sigma): self = .lognormal(zeta: Foundation.log(median), sigma: sigma)
            case .normal(let mean, let sd): self = .normal(mean, sd)
            case .triangular(let a, let c, let b): self = .triangular(a, c, b)
            case .poisson(let mean): self = .poisson(mean)
            case .empirical: self = .empirical
            }
        }
    }

    /// A constant.
    public static func constant(_ x: Double) -> Distribution { Distribution(.fixed(x)) }

    /// Checks the parameters, returning a sentence for each problem (empty when valid).
    ///
    /// Used by scenario validation, so that a bad parameter is reported with its key path
    /// before anything is simulated.
    public func problems() -> [String] {
        var out: [String] = []
        func finite(_ name: String, _ x: Double) {
            if !x.isFinite { out.append("\(name) must be a finite number, found \(x)") }
        }
        func positive(_ name: String, _ x: Double) {
            if !(x > 0) || !x.isFinite { out.append("\(name) must be a positive number, found \(x)") }
        }
        switch shape {
        case .fixed(let x): finite("fixed", x)
        case .uniform(let a, let b):
            finite("min", a); finite("max", b)
            if a > b { out.append("uniform min (\(a)) must not exceed max (\(b))") }
        case .exponential(let mean): positive("mean", mean)
        case .gamma(let mean, let sd): positive("mean", mean); positive("sd", sd)
        case .lognormal(let median, let sigma):
            positive("median", median)
            if !(sigma >= 0) || !sigma.isFinite { out.append("sigma must be zero or positive, found \(sigma)") }
        case .normal(let mean, let sd):
            finite("mean", mean)
            if !(sd >= 0) || !sd.isFinite { out.append("sd must be zero or positive, found \(sd)") }
        case .triangular(let a, let c, let b):
            finite("min", a); finite("mode", c); finite("max", b)
            if !(a <= c && c <= b) { out.append("triangular needs min <= mode <= max, found \(a), \(c), \(b)") }
            if a == b { out.append("triangular needs min < max, found both \(a)") }
        case .poisson(let mean):
            if !(mean >= 0) || !mean.isFinite || mean > 1e9 {
                out.append("poisson mean must be between 0 and 1e9, found \(mean)")
            }
        case .empirical(let values, let table):
            if values.count != table.weights.count {
                out.append("empirical needs as many weights (\(table.weights.count)) as values (\(values.count))")
            }
            for v in values where !v.isFinite { out.append("empirical value \(v) is not finite") }
        }
        if let lo = min { finite("min", lo) }
        if let hi = max { finite("max", hi) }
        if let lo = min, let hi = max, lo > hi {
            out.append("min (\(lo)) must not exceed max (\(hi))")
        }
        return out
    }

    /// The mean of the untruncated distribution (used for documentation and tests).
    public var untruncatedMean: Double {
        switch shape {
        case .fixed(let x): return x
        case .uniform(let a, let b): return (a + b) / 2
        case .exponential(let m): return m
        case .gamma(let m, _): return m
        case .lognormal(let median, let s): return median * Foundation.exp(s * s / 2)
        case .normal(let m, _): return m
        case .triangular(let a, let c, let b): return (a + b + c) / 3
        case .poisson(let m): return m
        case .empirical(let values, let table):
            let total = table.weights.reduce(0, +)
            return zip(values, table.weights).reduce(0) { $0 + $1.0 * $1.1 } / total
        }
    }

    /// One draw.
    ///
    /// - Complexity: O(1) expected; at most ``maxRedraws`` redraws when truncated.
    @inline(__always)
    public func sample(_ rng: RandomStream) -> Double {
        if case .empirical = kernel, case .empirical(let values, let table) = shape {
            return Plain.truncated(min: min, max: max) { values[rng.discrete(table)] }
        }
        return Plain(kernel: kernel, min: min, max: max).sample(rng)
    }

    /// The distribution as plain numbers, for draws in a hot loop (nil for an empirical one,
    /// which holds arrays). Copying a ``Distribution`` out of an array to draw from it retains
    /// and releases its shape's storage; copying a `Plain` copies 57 bytes. The draws are the
    /// same as ``sample(_:)``'s, from the same stream.
    public var plain: Plain? {
        if case .empirical = kernel { return nil }
        return Plain(kernel: kernel, min: min, max: max)
    }

    /// A distribution that is not empirical, as plain numbers (``Distribution/plain``).
    public struct Plain: Sendable {
        fileprivate let kernel: Kernel
        let min: Double?
        let max: Double?

        /// One draw, as ``Distribution/sample(_:)`` makes it.
        @inline(__always)
        public func sample(_ rng: RandomStream) -> Double {
            Self.truncated(min: min, max: max) { kernel.raw(rng) }
        }

        /// A draw of `raw`, redrawn while outside [min, max] (``Distribution/maxRedraws`` times, then clamped).
        @inline(__always)
        static func truncated(min: Double?, max: Double?, _ raw: () -> Double) -> Double {
            if min == nil && max == nil { return raw() }
            let lo = min ?? -Double.infinity
            let hi = max ?? Double.infinity
            for _ in 0..<Distribution.maxRedraws {
                let x = raw()
                if x >= lo && x <= hi { return x }
            }
            return Swift.min(Swift.max(raw(), lo), hi)
        }
    }
}

extension Distribution.Kernel {
    /// One untruncated draw (not for `.empirical`, whose arrays the ``Distribution`` holds).
    @inline(__always)
    fileprivate func raw(_ rng: RandomStream) -> Double {
        switch self {
        case .fixed(let x):
            return x
        case .uniform(let a, let b):
            return a == b ? a : rng.flat(a, b)
        case .exponential(let mean):
            return rng.exponential(mean: mean)
        case .gamma(let k, let scale):
            return rng.gamma(shape: k, scale: scale)
        case .lognormal(let zeta, let sigma):
            return rng.lognormal(zeta: zeta, sigma: sigma)
        case .normal(let mean, let sd):
            return sd == 0 ? mean : mean + rng.gaussian(sd: sd)
        case .triangular(let a, let c, let b):
            let u = rng.uniform()
            let fc = (c - a) / (b - a)
            if u < fc { return a + ((b - a) * (c - a) * u).squareRoot() }
            return b - ((b - a) * (b - c) * (1 - u)).squareRoot()
        case .poisson(let mean):
            return Double(rng.poisson(mean: mean))
        case .empirical:
            preconditionFailure("an empirical distribution is drawn from its values")
        }
    }
}
