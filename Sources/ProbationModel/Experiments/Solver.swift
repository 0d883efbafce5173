import SimulationCore
import ProbationRules

/// A target for `probsim solve`: `METRIC>=X` or `METRIC<=X`.
package struct SolveTarget: Sendable, Equatable, CustomStringConvertible {
    package var metric: String
    var atLeast: Bool
    package var threshold: Double

    package var description: String { "\(metric)\(atLeast ? ">=" : "<=")\(JSONValue.format(threshold))" }

    /// Parses `METRIC>=X` or `METRIC<=X`.
    ///
    /// - Throws: ``OverrideSyntaxError`` (exit 64) when there is no `>=` or `<=`, or X is not a number.
    package static func parse(_ text: String) throws(OverrideSyntaxError) -> SolveTarget {
        for (op, atLeast) in [(">=", true), ("<=", false)] {
            guard let r = text.range(of: op) else { continue }
            let metric = text[..<r.lowerBound].trimmingCharacters(in: .whitespaces)
            let x = text[r.upperBound...].trimmingCharacters(in: .whitespaces)
            guard !metric.isEmpty, let v = Double(x), v.isFinite else {
                throw OverrideSyntaxError(message: "--target '\(text)': expected METRIC>=X or METRIC<=X with X a number (e.g. 'standards.<standard id>.met_rate>=0.95')")
            }
            return SolveTarget(metric: metric, atLeast: atLeast, threshold: v)
        }
        throw OverrideSyntaxError(message: "--target '\(text)': expected METRIC>=X or METRIC<=X (e.g. 'wmt_capacity_percent<=100'); quote it, since > and < mean redirection to the shell")
    }

    /// Whether a 95% interval lies wholly on the side of the threshold that meets the target,
    /// wholly on the other side, or straddles it.
    func verdict(low: Double, high: Double) -> SolvePoint.Verdict {
        guard low.isFinite && high.isFinite else { return .fails }
        if atLeast { return low >= threshold ? .meets : high < threshold ? .fails : .undecided }
        return high <= threshold ? .meets : low > threshold ? .fails : .undecided
    }
}

/// One value of the setting tried by the solver, with the target metric over its replications.
package struct SolvePoint: Sendable {
    enum Verdict: String, Sendable { case meets, fails, undecided }

    var value: Double
    /// The target metric in each replication run so far (replication 0, 1, ...).
    var samples: [Double]
    var target: SolveTarget

    var stat: (mean: Double, low: Double, high: Double) {
        let finite = samples.filter(\.isFinite)
        return finite.isEmpty ? (.nan, .nan, .nan) : StudentT.meanAndInterval(finite)
    }
    var verdict: SolvePoint.Verdict { let s = stat; return target.verdict(low: s.low, high: s.high) }
    /// The verdict, or, where the interval still straddles the threshold (the replication cap was
    /// reached), the side the mean is on.
    var meets: Bool {
        switch verdict {
        case .meets: return true
        case .fails: return false
        case .undecided: return target.atLeast ? stat.mean >= target.threshold : stat.mean <= target.threshold
        }
    }
}

/// The smallest (or largest) value of a setting that meets a target, by bisection on common
/// random numbers: every value runs replications 0, 1, ... with the same seed, and a value's
/// replications are doubled until the 95% interval of the metric clears the threshold (or the
/// cap is reached).
///
/// Which end of the range meets the target decides the direction: if the high end meets it and
/// the low end does not, the answer is the smallest value that meets it (e.g. staff needed);
/// the other way round, the largest (e.g. the most cases a team can hold).
package struct Solver {
    var target: SolveTarget
    var low: Double
    var high: Double
    /// Whole numbers only (a head count); otherwise the search stops within `tolerance`.
    var whole: Bool
    var tolerance: Double
    var startReplications: Int
    var maxReplications: Int

    package init(target: SolveTarget, low: Double, high: Double, whole: Bool, tolerance: Double, startReplications: Int, maxReplications: Int) {
        self.target = target; self.low = low; self.high = high; self.whole = whole; self.tolerance = tolerance; self.startReplications = startReplications; self.maxReplications = maxReplications
    }

    /// Runs replications `replications` at each value and returns the target metric of each.
    package typealias Measure = ([(value: Double, replications: Range<Int>)]) throws -> [[Double]]

    package enum Outcome: String, Sendable {
        /// The answer lies inside the range, between a value that meets the target and one that does not.
        case found
        /// Both ends meet the target: the answer is the end nearest the values that would fail.
        case metAcrossRange = "met_across_range"
        /// Neither end meets the target.
        case notMet = "not_met"
    }

    package struct Result: Sendable {
        package var outcome: Outcome
        /// The value that meets the target (nil when not met).
        package var answer: Double?
        /// Every value tried, in the order tried.
        package var walked: [SolvePoint]
        /// The metric's mean is higher at the high end than at the low end.
        package var rises: Bool
        /// The high end meets the target (so the answer is the smallest value that does).
        package var smallest: Bool

        package init(outcome: Outcome, answer: Double? = nil, walked: [SolvePoint], rises: Bool, smallest: Bool) {
            self.outcome = outcome; self.answer = answer; self.walked = walked; self.rises = rises; self.smallest = smallest
        }

        func point(at value: Double?) -> SolvePoint? { value.flatMap { v in walked.last { $0.value == v } } }
        /// The nearest value tried on the failing side of the answer.
        var neighbour: SolvePoint? {
            guard let a = answer else { return nil }
            return walked.filter { !$0.meets && ($0.value < a) == smallest }.min { abs($0.value - a) < abs($1.value - a) }
        }
        /// Values whose interval still straddled the threshold at the replication cap.
        package var capped: [Double] { walked.filter { $0.verdict == .undecided }.map(\.value) }
    }

    /// Evaluates values together, doubling the replications of those still undecided.
    func evaluate(_ values: [Double], _ measure: Measure) throws -> [SolvePoint] {
        var points = zip(values, try measure(values.map { ($0, 0..<startReplications) })).map { SolvePoint(value: $0, samples: $1, target: target) }
        while true {
            let open = points.indices.filter { points[$0].verdict == .undecided && points[$0].samples.count < maxReplications }
            if open.isEmpty { return points }
            let more = try measure(open.map { i in (points[i].value, points[i].samples.count..<min(maxReplications, points[i].samples.count * 2)) })
            for (i, samples) in zip(open, more) { points[i].samples += samples }
        }
    }

    /// Finds the answer.
    ///
    /// - Complexity: two end points, then about log2((high − low) / step) bisection steps, each
    ///   with between `startReplications` and `maxReplications` replications.
    package func solve(_ measure: Measure) throws -> Result {
        let ends = try evaluate([low, high], measure)
        var walked = ends
        let rises = ends[1].stat.mean > ends[0].stat.mean
        switch (ends[0].meets, ends[1].meets) {
        case (false, false):
            return Result(outcome: .notMet, answer: nil, walked: walked, rises: rises, smallest: rises == target.atLeast)
        case (true, true):
            let smallest = rises == target.atLeast
            return Result(outcome: .metAcrossRange, answer: smallest ? low : high, walked: walked, rises: rises, smallest: smallest)
        default:
            let smallest = ends[1].meets
            var good = smallest ? high : low, bad = smallest ? low : high
            while whole ? abs(good - bad) > 1 : abs(good - bad) > tolerance {
                let mid = whole ? bad + ((good - bad) / 2).rounded(.towardZero) : (good + bad) / 2
                let p = try evaluate([mid], measure)[0]
                walked.append(p)
                if p.meets { good = mid } else { bad = mid }
            }
            return Result(outcome: .found, answer: good, walked: walked, rises: rises, smallest: smallest)
        }
    }
}
