import Testing
import Foundation
@testable import SimulationCore

/// Sample mean and variance of each distribution at a fixed seed, against the closed forms.
///
/// n = 200,000 draws; tolerance 5 standard errors of the mean (and 5% relative on the variance),
/// so a correct sampler fails with probability well under 1e-5, while a wrong parameterisation
/// (e.g. gamma's scale for its rate) is off by far more.
@Suite struct DistributionMomentTests {
    static let n = 200_000

    func moments(_ d: Distribution, seed: UInt64 = 7) throws -> (mean: Double, variance: Double) {
        let s = try RandomStream(key: StreamKey(seed: seed, replication: 0, purpose: StreamPurpose("moments")))
        var sum = 0.0, sumSq = 0.0
        for _ in 0..<Self.n {
            let x = d.sample(s)
            sum += x
            sumSq += x * x
        }
        let mean = sum / Double(Self.n)
        return (mean, sumSq / Double(Self.n) - mean * mean)
    }

    func check(_ d: Distribution, mean: Double, variance: Double) throws {
        let (m, v) = try moments(d)
        let se = (variance / Double(Self.n)).squareRoot()
        #expect(abs(m - mean) <= 5 * se + 1e-12, "mean \(m) vs \(mean) (seed 7)")
        #expect(abs(v - variance) <= 0.05 * variance + 1e-12, "variance \(v) vs \(variance) (seed 7)")
    }

    @Test func fixed() throws {
        let (m, v) = try moments(Distribution(.fixed(45)))
        #expect(m == 45 && v == 0)
    }
    @Test func uniform() throws { try check(Distribution(.uniform(min: 10, max: 30)), mean: 20, variance: 400.0 / 12) }
    @Test func exponential() throws { try check(Distribution(.exponential(mean: 3)), mean: 3, variance: 9) }
    @Test func gamma() throws { try check(Distribution(.gamma(mean: 45, sd: 15)), mean: 45, variance: 225) }
    @Test func lognormal() throws {
        // median 12, sigma 0.4: mean 12·e^{0.08}, variance (e^{0.16} − 1)·e^{2 ln 12 + 0.16}.
        let mean = 12 * exp(0.08)
        let variance = (exp(0.16) - 1) * exp(2 * log(12.0) + 0.16)
        try check(Distribution(.lognormal(median: 12, sigma: 0.4)), mean: mean, variance: variance)
    }
    @Test func normal() throws { try check(Distribution(.normal(mean: 60, sd: 20)), mean: 60, variance: 400) }
    @Test func triangular() throws {
        let (a, c, b) = (10.0, 20.0, 60.0)
        try check(Distribution(.triangular(min: a, mode: c, max: b)), mean: (a + b + c) / 3,
                  variance: (a * a + b * b + c * c - a * b - a * c - b * c) / 18)
    }
    @Test func poisson() throws { try check(Distribution(.poisson(mean: 4.5)), mean: 4.5, variance: 4.5) }
    @Test func empirical() throws {
        let table = try DiscreteTable(weights: [1, 2, 1])
        // values 10, 20, 40 with p 1/4, 1/2, 1/4: mean 22.5, E[x²] = 25 + 200 + 400 = 625.
        try check(Distribution(.empirical(values: [10, 20, 40], table: table)), mean: 22.5, variance: 625 - 22.5 * 22.5)
    }

    @Test func truncationKeepsDrawsInRange() throws {
        let d = Distribution(.lognormal(median: 20, sigma: 0.9), min: 1, max: 240)
        let s = try RandomStream(key: StreamKey(seed: 3, replication: 0, purpose: StreamPurpose("trunc")))
        for _ in 0..<50_000 {
            let x = d.sample(s)
            #expect(x >= 1 && x <= 240)
        }
        // Truncating a uniform to its middle half gives the uniform on that half.
        try check(Distribution(.uniform(min: 0, max: 40), min: 10, max: 30), mean: 20, variance: 400.0 / 12)
    }

    @Test func impossibleTruncationClampsInsteadOfHanging() throws {
        let d = Distribution(.normal(mean: 0, sd: 1), min: 1000, max: 1001)
        let s = try RandomStream(key: StreamKey(seed: 3, replication: 0, purpose: StreamPurpose("trunc")))
        #expect(d.sample(s) == 1000)
    }

    /// `Distribution.Plain` (the hot loops' copy of a distribution) draws what `sample` draws,
    /// from the same stream, for every shape, truncated or not; an empirical one has none.
    @Test func plainDrawsAreTheSamplesDraws() throws {
        let shapes: [Distribution.Shape] = [.fixed(7), .uniform(min: 2, max: 9), .exponential(mean: 30),
                                            .gamma(mean: 45, sd: 15), .lognormal(median: 20, sigma: 0.9),
                                            .normal(mean: 40, sd: 12), .triangular(min: 5, mode: 20, max: 60), .poisson(mean: 3)]
        let a = try RandomStream(key: StreamKey(seed: 5, replication: 0, purpose: StreamPurpose("plain")))
        let b = try RandomStream(key: StreamKey(seed: 5, replication: 0, purpose: StreamPurpose("plain")))
        for shape in shapes {
            for (lo, hi) in [(nil, nil), (10.0, 50.0), (nil, 25.0)] as [(Double?, Double?)] {
                let d = Distribution(shape, min: lo, max: hi)
                let plain = try #require(d.plain)
                for _ in 0..<500 { #expect(plain.sample(a) == d.sample(b), "\(shape) on [\(String(describing: lo)), \(String(describing: hi))]") }
            }
        }
        #expect(Distribution(.empirical(values: [1, 2], table: try DiscreteTable(weights: [1, 1]))).plain == nil)
    }

    @Test func problemsAreReported() throws {
        #expect(Distribution(.gamma(mean: 45, sd: 0)).problems().count == 1)
        #expect(Distribution(.triangular(min: 5, mode: 1, max: 3)).problems().count == 1)
        #expect(Distribution(.uniform(min: 3, max: 1)).problems().count == 1)
        #expect(Distribution(.fixed(1), min: 5, max: 2).problems().count == 1)
        #expect(Distribution(.exponential(mean: .infinity)).problems().count == 1)
        #expect(Distribution(.gamma(mean: 45, sd: 15)).problems().isEmpty)
    }
}
