import SimulationCore

extension YAMLValue {
    /// The distribution shapes a scenario may name, with their parameters.
    static let distributionShapes: [String: [String]] = [
        "fixed": [], "uniform": ["min", "max"], "exponential": ["mean"], "gamma": ["mean", "sd"],
        "lognormal": ["median", "sigma"], "normal": ["mean", "sd"], "triangular": ["min", "mode", "max"],
        "poisson": ["mean"], "empirical": ["values", "weights"],
    ]

    /// A constant or a distribution (`{gamma: {mean: 45, sd: 15}, min: 10}`), checked.
    ///
    /// - Parameter range: the values a draw may sensibly take (e.g. minutes ≥ 0); a constant or
    ///   a truncation bound outside it is reported.
    package func distribution(in range: ClosedRange<Double>) -> Distribution? {
        if case .scalar = node {
            guard let x = number(in: range) else { return nil }
            return .constant(x)
        }
        guard let m = mapping(allowed: Array(YAMLValue.distributionShapes.keys).sorted() + ["min", "max"]) else { return nil }
        let shapes = YAMLValue.distributionShapes.keys.filter { m[$0] != nil }.sorted()
        guard shapes.count == 1, let name = shapes.first, let body = m[name] else {
            report("expected a number or exactly one distribution (\(YAMLValue.distributionShapes.keys.sorted().joined(separator: ", "))), found \(shapes.isEmpty ? "none" : shapes.joined(separator: " and "))")
            return nil
        }
        let lo = m["min"]?.number(in: -1e12...1e12)
        let hi = m["max"]?.number(in: -1e12...1e12)
        let shape: Distribution.Shape
        if name == "fixed" {
            guard let x = body.number(in: range) else { return nil }
            shape = .fixed(x)
        } else {
            guard let p = body.mapping(allowed: YAMLValue.distributionShapes[name]!) else { return nil }
            func need(_ key: String) -> Double? {
                guard let v = p[key] else {
                    body.report("\(name) needs '\(key)' (it takes \(YAMLValue.distributionShapes[name]!.joined(separator: ", ")))")
                    return nil
                }
                return v.number(in: -1e12...1e12)
            }
            switch name {
            case "uniform":
                guard let a = need("min"), let b = need("max") else { return nil }
                shape = .uniform(min: a, max: b)
            case "exponential":
                guard let a = need("mean") else { return nil }
                shape = .exponential(mean: a)
            case "gamma":
                guard let a = need("mean"), let b = need("sd") else { return nil }
                shape = .gamma(mean: a, sd: b)
            case "lognormal":
                guard let a = need("median"), let b = need("sigma") else { return nil }
                shape = .lognormal(median: a, sigma: b)
            case "normal":
                guard let a = need("mean"), let b = need("sd") else { return nil }
                shape = .normal(mean: a, sd: b)
            case "triangular":
                guard let a = need("min"), let c = need("mode"), let b = need("max") else { return nil }
                shape = .triangular(min: a, mode: c, max: b)
            case "poisson":
                guard let a = need("mean") else { return nil }
                shape = .poisson(mean: a)
            default: // empirical
                guard let vs = p["values"]?.list(), let ws = p["weights"]?.list() else {
                    body.report("empirical needs 'values' and 'weights' lists of the same length")
                    return nil
                }
                let values = vs.compactMap { $0.number(in: range) }
                let weights = ws.compactMap { $0.number(in: 0...1e12) }
                guard values.count == vs.count, weights.count == ws.count else { return nil }
                guard !values.isEmpty, values.count == weights.count else {
                    body.report("empirical needs as many weights (\(weights.count)) as values (\(values.count)), at least one")
                    return nil
                }
                guard weights.contains(where: { $0 > 0 }) else {
                    body.report("empirical weights are all zero; at least one must be positive")
                    return nil
                }
                guard let table = try? DiscreteTable(weights: weights) else {
                    body.report("empirical weights could not be used")
                    return nil
                }
                shape = .empirical(values: values, table: table)
            }
        }
        let d = Distribution(shape, min: lo, max: hi)
        let problems = d.problems()
        for p in problems { report(p) }
        if let lo, !range.contains(lo) { m["min"]?.report("expected a bound from \(range.lowerBound) to \(range.upperBound), found \(lo)") ; return nil }
        if let hi, !range.contains(hi) { m["max"]?.report("expected a bound from \(range.lowerBound) to \(range.upperBound), found \(hi)"); return nil }
        return problems.isEmpty ? d : nil
    }

    /// A date written `YYYY-MM-DD` that exists.
    package func date() -> Day? {
        guard let s = string() else { return nil }
        guard let d = Day(iso: s) else {
            report("expected a date that exists, written YYYY-MM-DD, found '\(s)'")
            return nil
        }
        return d
    }

    /// A length of time: `{weeks: N}`, `{months: N}` or `{years: N}` (or `{days: N}`), as a day after `from`.
    package func span(after from: Day) -> Day? {
        guard let m = mapping(allowed: ["days", "weeks", "months", "years"]) else { return nil }
        guard m.count == 1, let (unit, v) = m.first else {
            report("expected exactly one of days, weeks, months or years, e.g. {years: 3}")
            return nil
        }
        guard let n = v.int(in: 0...100_000) else { return nil }
        switch unit {
        case "days": return from.adding(days: n)
        case "weeks": return from.adding(days: 7 * n)
        case "months": return n > 1200 ? reportTooLong(v) : from.adding(months: n)
        default: return n > 100 ? reportTooLong(v) : from.adding(months: 12 * n)
        }
    }

    private func reportTooLong(_ v: YAMLValue) -> Day? {
        v.report("a span of more than 100 years is not supported")
        return nil
    }
}
