import SimulationCore

/// A numeric setting's value from a day on (one step of a `{schedule: [...]}`).
public struct ScheduledValue: Sendable, Equatable {
    public var from: Day
    public var value: Double

    public init(from: Day, value: Double) {
        self.from = from
        self.value = value
    }
}

extension Array where Element == ScheduledValue {
    /// The value in force on `day`: the last step from on or before it (nil before the first, or
    /// for no steps).
    public func value(on day: Day) -> Double? { last { $0.from <= day }?.value }
}

extension YAMLValue {
    /// A numeric setting that may change on dates: a number, or `{schedule: [{from: DATE, value:
    /// X}, ...]}`: step changes, each value from its day; the first step's `from` on or before
    /// `start` (it gives the value at the start), each later one after the one before and inside
    /// the horizon (after `start`, before `end`). Returns the steps (one, from `start`, for a plain
    /// number), or nil after reporting a problem.
    package func numberOrSchedule(in range: ClosedRange<Double>, start: Day, end: Day) -> [ScheduledValue]? {
        guard case .mapping = node else { return number(in: range).map { [ScheduledValue(from: start, value: $0)] } }
        guard let m = mapping(allowed: ["schedule"]) else { return nil }
        guard let sv = m["schedule"] else {
            report("a mapping here is a schedule: {schedule: [{from: YYYY-MM-DD, value: X}, ...]}")
            return nil
        }
        guard let list = sv.list() else { return nil }
        if list.isEmpty { sv.report("a schedule needs at least one step, {from: YYYY-MM-DD, value: X}"); return nil }
        var steps: [ScheduledValue] = []
        var ok = true
        for (k, item) in list.enumerated() {
            guard let e = item.mapping(allowed: ["from", "value"]) else { ok = false; continue }
            guard let fv = e["from"], let vv = e["value"] else {
                item.report("a schedule step needs 'from' (YYYY-MM-DD, the day the value applies from) and 'value'")
                ok = false
                continue
            }
            guard let day = fv.date(), let value = vv.number(in: range) else { ok = false; continue }
            if k == 0 && day > start {
                fv.report("the first step gives the value at the start: a 'from' on or before the start \(start.iso), found \(day.iso)")
                ok = false
            } else if k > 0 && (day <= start || day >= end) {
                fv.report("a change date inside the horizon, after the start \(start.iso) and before the end \(end.iso), found \(day.iso)")
                ok = false
            } else if let last = steps.last, day <= last.from {
                fv.report("step dates in order, each after the one before (\(last.from.iso)), found \(day.iso)")
                ok = false
            }
            steps.append(ScheduledValue(from: day, value: value))
        }
        return ok ? steps : nil
    }
}
