import Foundation
import Testing
@testable import ProbationModel
@testable import ProbationRules

/// The bisection of `probsim solve` against metrics worked out by hand: a known curve plus a
/// fixed pattern of noise per replication (the same at every value, as common random numbers give).
@Suite struct SolverTests {
    /// Noise of replication r: alternately +d and −d, so the mean of an even count is exact.
    static func noise(_ r: Int, _ d: Double) -> Double { r % 2 == 0 ? d : -d }

    func solver(_ target: String, _ low: Double, _ high: Double, whole: Bool = true, start: Int = 4, cap: Int = 64) throws -> Solver {
        Solver(target: try SolveTarget.parse(target), low: low, high: high, whole: whole, tolerance: 0.01, startReplications: start, maxReplications: cap)
    }

    /// A measure from a curve; records every (value, replications) asked for.
    final class Curve: @unchecked Sendable {
        let f: (Double) -> Double
        let d: Double
        var asked: [(Double, Range<Int>)] = []
        init(d: Double = 0.5, _ f: @escaping (Double) -> Double) { self.f = f; self.d = d }
        func measure(_ batch: [(value: Double, replications: Range<Int>)]) -> [[Double]] {
            asked += batch.map { ($0.value, $0.replications) }
            return batch.map { item in item.replications.map { f(item.value) + SolverTests.noise($0, d) } }
        }
    }

    /// Staff v gives capacity 10 v; the target 10 v ≥ 55 is first met at v = 6.
    @Test func smallestWholeValueOfARisingMetric() throws {
        let curve = Curve { 10 * $0 }
        let r = try solver("m>=55", 1, 20).solve(curve.measure)
        #expect(r.outcome == .found && r.answer == 6 && r.smallest && r.rises)
        #expect(r.neighbour?.value == 5)
        #expect(r.point(at: 6)?.verdict == .meets && r.neighbour?.verdict == .fails)
    }

    /// Load per head 100 − 8 v must be ≤ 50: met from v = 7 (44), not at 6 (52).
    @Test func smallestWholeValueOfAFallingMetric() throws {
        let r = try solver("m<=50", 0, 30).solve(Curve { 100 - 8 * $0 }.measure)
        #expect(r.outcome == .found && r.answer == 7 && r.smallest && !r.rises)
        #expect(r.neighbour?.value == 6)
    }

    /// A met rate 1 − v / 100 falling with the cases held must stay ≥ 0.9: the largest is v = 10.
    @Test func largestValueWhenTheLowEndMeets() throws {
        let r = try solver("m>=0.9", 0, 50).solve(Curve(d: 0.001) { 1 - $0 / 100 }.measure)
        #expect(r.outcome == .found && r.answer == 10 && !r.smallest)
        #expect(r.neighbour?.value == 11)
    }

    /// A real setting stops within the tolerance: 2 x ≥ 1 from x = 0.5.
    @Test func realValuesStopWithinTheTolerance() throws {
        let r = try solver("m>=1", 0, 3, whole: false).solve(Curve(d: 0.0001) { 2 * $0 }.measure)
        #expect(r.outcome == .found)
        #expect(abs(r.answer! - 0.5) <= 0.01)
        #expect(r.answer! >= 0.5 - 0.0001)
    }

    @Test func unmetAndMetEverywhereAreReportedWithTheEnds() throws {
        let none = try solver("m>=500", 1, 20).solve(Curve { 10 * $0 }.measure)
        #expect(none.outcome == .notMet && none.answer == nil && none.walked.map(\.value) == [1, 20])
        #expect(none.rises && none.smallest)
        let all = try solver("m>=5", 1, 20).solve(Curve { 10 * $0 }.measure)
        #expect(all.outcome == .metAcrossRange && all.answer == 1)
    }

    /// Near the threshold the interval straddles it: replications double until it clears, and
    /// the replications of other values are not rerun (only the new ones are asked for).
    @Test func replicationsDoubleUntilTheIntervalClears() throws {
        // 10 v ± 3 against 55: at 5 and 6 (±5 from the threshold) 4 replications give a half-width
        // of t(3) 3.46/2 = 5.5, which straddles; 8 give t(7) 3.2/2.83 = 2.7, which clears.
        let curve = Curve(d: 3) { 10 * $0 }
        let r = try solver("m>=55", 1, 20).solve(curve.measure)
        #expect(r.answer == 6)
        #expect(r.point(at: 6)?.samples.count == 8 && r.neighbour?.samples.count == 8)
        #expect(curve.asked.filter { $0.0 == 6 }.map(\.1) == [0..<4, 4..<8])
    }

    @Test func theCapIsReportedWhenTheIntervalNeverClears() throws {
        let r = try solver("m>=60", 1, 20, cap: 16).solve(Curve(d: 3) { 10 * $0 }.measure)
        #expect(r.capped == [6])
        #expect(r.point(at: 6)?.samples.count == 16)
        #expect(r.answer == 6)
    }

    @Test(arguments: ["m>0.5", "m>=", ">=3", "m<=x"])
    func malformedTargetsAreRefused(_ text: String) {
        #expect(throws: OverrideSyntaxError.self) { try SolveTarget.parse(text) }
    }
}
