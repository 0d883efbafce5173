/// Working days (Monday to Friday, not a bank holiday) over a range of years, with O(1) arithmetic.
///
/// Conventions §1: "within N working days of D" means on or before the N-th working day
/// after D, D itself being day 0. ``addingWorkingDays(_:to:)`` gives that day.
/// Built once per run as flat arrays over the range; dates outside it fall back to a
/// rule-by-rule walk, so nothing is ever out of range.
public struct WorkingDayCalendar: Sendable {
    /// First day covered by the tables.
    public let first: Day
    /// Day after the last day covered.
    public let end: Day
    public let extraHolidays: [Day]
    /// Working days strictly before each day in the range, plus one entry for `end`.
    /// (Internal, not private: the O(1) paths below are inlined into the model's hot loops.)
    @usableFromInline let workingBefore: [Int32]
    /// The working days of the range, in order.
    @usableFromInline let workingDays: [Int32]

    /// Builds the tables for whole years `fromYear ... toYear`.
    ///
    /// - Parameter extraHolidays: one-off holidays a scenario adds to the computed ones.
    /// - Complexity: O(days in the range).
    public init(fromYear: Int, toYear: Int, extraHolidays: [Day] = []) {
        let y0 = Swift.min(fromYear, toYear), y1 = Swift.max(fromYear, toYear)
        first = Day(year: y0, month: 1, day: 1)!
        end = Day(year: y1 + 1, month: 1, day: 1)!
        self.extraHolidays = extraHolidays
        var holidays = Set<Int>()
        for y in y0...y1 { for h in BankHolidays.holidays(y, extra: extraHolidays) { holidays.insert(h.number) } }
        var before: [Int32] = []
        var days: [Int32] = []
        before.reserveCapacity(first.days(to: end) + 1)
        var count: Int32 = 0
        for n in first.number..<end.number {
            before.append(count)
            let day = Day(number: n)
            if !day.isWeekend && !holidays.contains(n) {
                days.append(Int32(n))
                count += 1
            }
        }
        before.append(count)
        workingBefore = before
        workingDays = days
    }

    /// Whether a day is a working day.
    @inlinable
    public func isWorkingDay(_ day: Day) -> Bool {
        if day >= first && day < end {
            let i = day.number - first.number
            return workingBefore[i + 1] > workingBefore[i]
        }
        return isWorkingDayByRule(day)
    }

    /// ``isWorkingDay(_:)`` outside the tables' range, by the rules.
    @usableFromInline
    func isWorkingDayByRule(_ day: Day) -> Bool {
        !day.isWeekend && !BankHolidays.holidays(day.year, extra: extraHolidays).contains(day)
    }

    /// The n-th working day after `day` (n ≥ 1), `day` itself being day 0; `day` itself
    /// when n is 0. "Within n working days of `day`" means on or before this day.
    ///
    /// - Complexity: O(1) inside the range; O(n) outside it.
    @inlinable
    public func addingWorkingDays(_ n: Int, to day: Day) -> Day {
        precondition(n >= 0, "addingWorkingDays needs n >= 0")
        if n == 0 { return day }
        if day >= first && day < end {
            let k = Int(workingBefore[day.number - first.number + 1]) + n - 1
            if k < workingDays.count { return Day(number: Int(workingDays[k])) }
        }
        return addingWorkingDaysByWalking(n, to: day)
    }

    /// ``addingWorkingDays(_:to:)`` past the tables' range: a day-by-day walk.
    @usableFromInline
    func addingWorkingDaysByWalking(_ n: Int, to day: Day) -> Day {
        var d = day
        var left = n
        while left > 0 {
            d = d.adding(days: 1)
            if isWorkingDay(d) { left -= 1 }
        }
        return d
    }

    /// The n-th working day before `day` (n ≥ 1): the last working day before it when n is 1.
    /// "Within n working days before `day`" means on or after this day.
    ///
    /// - Complexity: O(1) inside the range (the planner asks it of every case's end); O(n) outside it.
    public func subtractingWorkingDays(_ n: Int, from day: Day) -> Day {
        precondition(n >= 1, "subtractingWorkingDays needs n >= 1")
        if day >= first && day <= end {
            let k = Int(workingBefore[day.number - first.number]) - n
            if k >= 0 { return Day(number: Int(workingDays[k])) }
        }
        var d = day
        var left = n
        while left > 0 {
            d = d.adding(days: -1)
            if isWorkingDay(d) { left -= 1 }
        }
        return d
    }

    /// The first working day on or after `day`.
    @inlinable
    public func workingDayOnOrAfter(_ day: Day) -> Day {
        isWorkingDay(day) ? day : addingWorkingDays(1, to: day)
    }

    /// The number of working days in [from, to).
    @inlinable
    public func workingDays(from: Day, to: Day) -> Int {
        if from >= to { return 0 }
        if from >= first && to <= end {
            return Int(workingBefore[to.number - first.number] - workingBefore[from.number - first.number])
        }
        return workingDaysByWalking(from: from, to: to)
    }

    /// ``workingDays(from:to:)`` past the tables' range: a day-by-day count.
    @usableFromInline
    func workingDaysByWalking(from: Day, to: Day) -> Int {
        var c = 0
        var d = from
        while d < to { if isWorkingDay(d) { c += 1 }; d = d.adding(days: 1) }
        return c
    }
}
