/// A calendar date in the proleptic Gregorian calendar, stored as a day number.
///
/// The number counts days since 1970-01-01 (day 0), so it doubles as the event
/// engine's clock: an event at time `t` happens on `Day(number: Int(t))`.
public struct Day: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// Days since 1970-01-01.
    public let number: Int

    public init(number: Int) { self.number = number }

    /// The date with the given year, month (1-12) and day of month (1-31); nil if it does not exist.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= Day.daysIn(year: year, month: month),
              (-1_000_000...1_000_000).contains(year) else { return nil }
        number = Day.daysFromCivil(year, month, day)
    }

    /// Parses `YYYY-MM-DD`; nil unless it is exactly that form and the date exists.
    public init?(iso text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    public static func < (a: Day, b: Day) -> Bool { a.number < b.number }

    /// (year, month 1-12, day 1-31).
    ///
    /// From 1900 to 2199 a table lookup (``monthStarts``), else Hinnant's civil algorithm; the
    /// tests check that the two agree on every day of the table.
    public var civil: (year: Int, month: Int, day: Int) {
        guard let k = Day.monthIndex(number) else { return Day.civilFromDays(number) }
        return (Day.monthTableFirstYear + k / 12, k % 12 + 1, number - Int(Day.monthStarts[k]) + 1)
    }
    /// Months since January of year 0 (`year * 12 + month - 1`), for month arithmetic: a table
    /// lookup from 1900 to 2199, without the divisions of ``civil``.
    public var monthOrdinal: Int {
        if let k = Day.monthIndex(number) { return Day.monthTableFirstYear * 12 + k }
        let (y, m, _) = Day.civilFromDays(number)
        return y * 12 + m - 1
    }
    public var year: Int { civil.year }
    public var month: Int { civil.month }
    public var dayOfMonth: Int { civil.day }

    /// The first year of ``monthStarts``.
    static let monthTableFirstYear = 1900

    /// The day number of the first day of each month from January 1900 to January 2200 (3,601
    /// entries, 14 kB). Month arithmetic is on the planner's hot path (every calendar month of
    /// every case's plan), where the civil algorithm's divisions cost about a tenth of the time.
    static let monthStarts: [Int32] = {
        var out: [Int32] = []
        out.reserveCapacity(3601)
        for k in 0...3600 {
            out.append(Int32(daysFromCivil(monthTableFirstYear + k / 12, k % 12 + 1, 1)))
        }
        return out
    }()

    /// The index in ``monthStarts`` of the month holding day number `n`, or nil outside the table.
    @inline(__always)
    static func monthIndex(_ n: Int) -> Int? {
        let table = monthStarts
        let first = Int(table[0])
        guard n >= first && n < Int(table[3600]) else { return nil }
        // 4,800 months in every 400 years (146,097 days): the estimate is off by at most one.
        var k = (n - first) * 4800 / 146_097
        if k > 3599 { k = 3599 }
        while Int(table[k]) > n { k -= 1 }
        while Int(table[k + 1]) <= n { k += 1 }
        return k
    }

    /// ISO weekday: 1 = Monday ... 7 = Sunday.
    public var weekday: Int {
        // 1970-01-01 was a Thursday (4).
        let w = (number + 3) % 7
        return (w < 0 ? w + 7 : w) + 1
    }

    /// Saturday or Sunday.
    public var isWeekend: Bool { weekday >= 6 }

    /// `YYYY-MM-DD`.
    /// The date written YYYY-MM-DD.
    public var iso: String { description }

    public var description: String {
        let (y, m, d) = civil
        func pad(_ v: Int, _ w: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: Swift.max(0, w - s.count)) + s
        }
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
    }

    /// The day `n` calendar days later (earlier if negative).
    public func adding(days n: Int) -> Day { Day(number: number + n) }

    /// Calendar days from `self` to `other` (negative if `other` is earlier).
    public func days(to other: Day) -> Int { other.number - number }

    /// The same day of month `k` months later, clamped to the month's last day (Jan 31 + 1 month = Feb 28/29).
    public func adding(months k: Int) -> Day {
        // Within the table: the target month's first day and length are read from it.
        if let i = Day.monthIndex(number), i + k >= 0, i + k < 3600 {
            let table = Day.monthStarts
            let d = number - Int(table[i]) + 1
            let first = Int(table[i + k]), length = Int(table[i + k + 1]) - first
            return Day(number: first + Swift.min(d, length) - 1)
        }
        let (y, m, d) = civil
        let total = y * 12 + (m - 1) + k
        let ny = total >= 0 ? total / 12 : (total - 11) / 12
        let nm = total - ny * 12 + 1
        return Day(number: Day.daysFromCivil(ny, nm, Swift.min(d, Day.daysIn(year: ny, month: nm))))
    }

    /// The first day of this day's calendar month.
    public var firstOfMonth: Day { Day(number: number - dayOfMonth + 1) }

    /// The first day of the next calendar month.
    public var firstOfNextMonth: Day {
        if let k = Day.monthIndex(number) { return Day(number: Int(Day.monthStarts[k + 1])) }
        let (y, m, d) = Day.civilFromDays(number)
        return Day(number: number - d + 1 + Day.daysIn(year: y, month: m))
    }

    public static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    public static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    // Howard Hinnant's days_from_civil / civil_from_days algorithms.
    static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (m + 9) % 12
        let doy = (153 * mp + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civilFromDays(_ z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }
}

/// A period of days [start, end): an order, a licence, a phase or a window.
public struct Period: Hashable, Sendable, CustomStringConvertible {
    public var start: Day
    /// Exclusive.
    public var end: Day

    public init(start: Day, end: Day) {
        self.start = start
        self.end = end
    }

    /// Length in days.
    public var length: Int { start.days(to: end) }
    public func contains(_ d: Day) -> Bool { d >= start && d < end }
    public var description: String { "\(start)..<\(end)" }

    /// The day a fraction f of the period falls on: floor(f × L) days after the start
    /// (conventions §1: the final third begins at f = 2/3; Reset's mid-point of the final third is f = 5/6).
    public func phasePoint(_ f: Double) -> Day {
        start.adding(days: Int((f * Double(length)).rounded(.down)))
    }

    /// "Month k" of the period (k from 1): start + (k-1) months ..< start + k months, clamped to the period's end.
    public func month(_ k: Int) -> Period {
        let s = start.adding(months: k - 1)
        let e = start.adding(months: k)
        return Period(start: s, end: Swift.min(e, end))
    }

    /// The k-th 7-day block from the start (k from 0): days 7k ..< 7k+7 (conventions §1), clamped to the end.
    public func week(_ k: Int) -> Period {
        let s = start.adding(days: 7 * k)
        return Period(start: s, end: Swift.min(s.adding(days: 7), end))
    }

    /// Days this period shares with another.
    public func overlap(_ other: Period) -> Int {
        Swift.max(0, Swift.min(end, other.end).number - Swift.max(start, other.start).number)
    }

    /// The calendar months [first day, first day of next month) that lie wholly inside the period.
    public func wholeCalendarMonths() -> [Period] {
        var out: [Period] = []
        var m = start.dayOfMonth == 1 ? start : start.firstOfNextMonth
        while true {
            let next = m.firstOfNextMonth
            if next > end { break }
            out.append(Period(start: m, end: next))
            m = next
        }
        return out
    }
}
