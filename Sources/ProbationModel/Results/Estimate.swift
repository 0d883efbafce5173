import SimulationCore

/// A figure estimated over replications: the mean and its 95% Student-t interval.
///
/// Replications where the figure has no value (not a finite number: a met rate with nothing
/// due, a caseload with no week measured) are left out; with none left, there is no estimate
/// (`count` 0, every field nil). With one, the interval is the mean itself.
public struct Estimate: Sendable, Equatable {
    /// The mean over the replications with a value; nil when there are none (or it overflows).
    public var mean: Double?
    /// The low end of the 95% interval (nil as `mean` is, or when it is not a finite number).
    public var low: Double?
    /// The high end of the 95% interval (nil as `mean` is, or when it is not a finite number).
    public var high: Double?
    /// The replications with a value, which the mean and interval are over.
    public var count: Int

    /// The estimate from one value per replication; values that are not finite are left out.
    ///
    /// - Complexity: O(*n*) for *n* values.
    public init(_ values: [Double]) {
        let finite = values.filter(\.isFinite)
        count = finite.count
        guard !finite.isEmpty else { return }
        let (m, lo, hi) = StudentT.meanAndInterval(finite)
        mean = m.isFinite ? m : nil
        low = lo.isFinite ? lo : nil
        high = hi.isFinite ? hi : nil
    }

    /// `{"mean": m, "ci95": [low, high]}`, or `{"mean": null, "ci95": null}` with no value.
    var json: JSONValue {
        guard count > 0 else { return .object([("mean", .null), ("ci95", .null)]) }
        func number(_ x: Double?) -> JSONValue { x.map { .number($0) } ?? .null }
        return .object([("mean", number(mean)), ("ci95", .array([number(low), number(high)]))])
    }
}
