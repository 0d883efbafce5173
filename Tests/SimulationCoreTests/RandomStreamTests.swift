import Testing
import Foundation
@testable import SimulationCore

@Suite struct RandomStreamTests {
    func key(_ seed: UInt64, _ rep: Int, _ purpose: String, _ index: UInt64 = 0) -> StreamKey {
        StreamKey(seed: seed, replication: rep, purpose: StreamPurpose(purpose, index: index))
    }

    func draws(_ k: StreamKey, _ n: Int = 100) throws -> [Double] {
        let s = try RandomStream(key: k)
        return (0..<n).map { _ in s.uniform() }
    }

    @Test func sameKeySameStream() throws {
        #expect(try draws(key(42, 3, "attendance")) == draws(key(42, 3, "attendance")))
    }

    @Test func differentPurposesReplicationsAndSeedsDiffer() throws {
        let base = try draws(key(42, 3, "attendance"))
        #expect(try draws(key(42, 3, "arrivals")) != base)
        #expect(try draws(key(42, 4, "attendance")) != base)
        #expect(try draws(key(43, 3, "attendance")) != base)
        #expect(try draws(key(42, 3, "attendance", 1)) != base)
    }

    @Test func generatorSeedsDoNotCollideAcrossManyKeys() {
        var seen = Set<UInt64>()
        for rep in 0..<100 { for p in ["a", "b", "c", "d", "e"] { seen.insert(key(1, rep, p).generatorSeed) } }
        #expect(seen.count == 500)
    }

    /// A block of exponentials is the same numbers as one call at a time.
    @Test func exponentialBlockEqualsSingleDraws() throws {
        let k = key(5, 0, "block")
        let one = try RandomStream(key: k), block = try RandomStream(key: k)
        let buffer = UnsafeMutableBufferPointer<Double>.allocate(capacity: 300)
        defer { buffer.deallocate() }
        block.exponentials(mean: 2.5, into: buffer)
        #expect(Array(buffer) == (0..<300).map { _ in one.exponential(mean: 2.5) })
        #expect(buffer.allSatisfy { $0 > 0 })
    }

    /// The inline uniform, positive uniform and integer draws are GSL's own, bit for bit: two
    /// streams of one key, one drawing inline and the other through GSL, give the same numbers
    /// over 300,000 draws mixed with GSL's distributions (which step the same state) and
    /// reseeds, for integer ranges from 1 to 2^32 − 1.
    @Test func inlineDrawsAreGSLsBitForBit() throws {
        let key = StreamKey(seed: 21, replication: 3, purpose: StreamPurpose("inline-taus2"))
        let inline = try RandomStream(key: key), gsl = try RandomStream(key: key)
        let picker = try RandomStream(key: StreamKey(seed: 22, replication: 0, purpose: StreamPurpose("picker")))
        let ranges = [1, 2, 3, 7, 28, 1_000, 65_537, 1 << 31, 0xffff_ffff]
        var differing = 0
        for k in 0..<300_000 {
            switch picker.integerByGSL(below: 6) {
            case 0: if inline.uniform().bitPattern != gsl.uniformByGSL().bitPattern { differing += 1 }
            case 1: if inline.uniformPositive().bitPattern != gsl.uniformPositiveByGSL().bitPattern { differing += 1 }
            case 2:
                let n = ranges[k % ranges.count]
                if inline.integer(below: n) != gsl.integerByGSL(below: n) { differing += 1 }
            case 3: if inline.gamma(shape: 2.5, scale: 3).bitPattern != gsl.gamma(shape: 2.5, scale: 3).bitPattern { differing += 1 }
            case 4: if inline.poisson(mean: 4.2) != gsl.poisson(mean: 4.2) { differing += 1 }
            default:
                let seed = UInt64(k) &* 0x9e37_79b9_7f4a_7c15
                inline.reseed(seed)
                gsl.reseed(seed)
            }
        }
        #expect(differing == 0)
        // (Else both streams would draw through GSL, and the comparison would test nothing.)
        #expect(inline.drawsInline)
    }

    /// gsl_rng_set would keep 32 bits of a taus2 seed; reseed must use all 64.
    @Test func reseedUsesAll64BitsOfTheKey() throws {
        let s = try RandomStream(keyed: ())
        func first(_ k: UInt64) -> [Double] { s.reseed(k); return (0..<4).map { _ in s.uniform() } }
        let base = first(0x1234_5678)
        #expect(first(0x1234_5678) == base)
        for bit in [32, 40, 63] { #expect(first(0x1234_5678 | (1 << UInt64(bit))) != base, "bit \(bit)") }
    }

    /// Reseeded streams are uniform from their first draw (no warm-up needed): the first
    /// draw after each of 100,000 consecutive keys has mean 1/2 and variance 1/12 (5 SE).
    @Test func firstDrawAfterReseedIsUniform() throws {
        let s = try RandomStream(keyed: ())
        let n = 100_000
        var sum = 0.0, sumSq = 0.0
        for k in 0..<n {
            s.reseed(UInt64(k))
            let u = s.uniform()
            sum += u; sumSq += u * u
        }
        let mean = sum / Double(n), variance = sumSq / Double(n) - mean * mean
        #expect(abs(mean - 0.5) <= 5 * (1.0 / 12 / Double(n)).squareRoot())
        #expect(abs(variance - 1.0 / 12) <= 0.02 / 12)
    }

    @Test func discreteTableRejectsBadWeights() {
        #expect(throws: RandomError.self) { try DiscreteTable(weights: []) }
        #expect(throws: RandomError.self) { try DiscreteTable(weights: [0, 0]) }
        #expect(throws: RandomError.self) { try DiscreteTable(weights: [1, -1]) }
        #expect(throws: RandomError.self) { try DiscreteTable(weights: [1, .nan]) }
    }
}
