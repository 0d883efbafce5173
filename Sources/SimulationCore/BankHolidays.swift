/// England and Wales bank holidays, computed from the rules, with a table of one-off changes.
///
/// The regular holidays: New Year's Day, Good Friday, Easter Monday, the first and last
/// Monday of May, the last Monday of August, Christmas Day and Boxing Day, with substitute
/// weekdays when New Year's Day, Christmas Day or Boxing Day fall at a weekend.
/// One-off changes (royal and national events) are in ``BankHolidays/oneOffChanges``;
/// a scenario may add more with `calendar.extra_holidays`.
public enum BankHolidays {
    /// A one-off change to a year's holidays: a regular holiday moved, or an extra day.
    public struct Change: Sendable {
        /// The regular holiday that did not happen that year, if any.
        public let removed: Day?
        /// The day that was a holiday instead, or in addition.
        public let added: Day
        public let reason: String
    }

    private static func d(_ y: Int, _ m: Int, _ day: Int) -> Day { Day(year: y, month: m, day: day)! }

    /// One-off changes since 1992, from the government's published lists.
    public static let oneOffChanges: [Change] = [
        Change(removed: d(1995, 5, 1), added: d(1995, 5, 8), reason: "early May holiday moved to VE Day's 50th anniversary"),
        Change(removed: nil, added: d(1999, 12, 31), reason: "Millennium"),
        Change(removed: d(2002, 5, 27), added: d(2002, 6, 4), reason: "spring holiday moved for the Golden Jubilee"),
        Change(removed: nil, added: d(2002, 6, 3), reason: "Golden Jubilee"),
        Change(removed: nil, added: d(2011, 4, 29), reason: "Royal Wedding"),
        Change(removed: d(2012, 5, 28), added: d(2012, 6, 4), reason: "spring holiday moved for the Diamond Jubilee"),
        Change(removed: nil, added: d(2012, 6, 5), reason: "Diamond Jubilee"),
        Change(removed: d(2020, 5, 4), added: d(2020, 5, 8), reason: "early May holiday moved to VE Day's 75th anniversary"),
        Change(removed: d(2022, 5, 30), added: d(2022, 6, 2), reason: "spring holiday moved for the Platinum Jubilee"),
        Change(removed: nil, added: d(2022, 6, 3), reason: "Platinum Jubilee"),
        Change(removed: nil, added: d(2022, 9, 19), reason: "State Funeral of Queen Elizabeth II"),
        Change(removed: nil, added: d(2023, 5, 8), reason: "Coronation of King Charles III"),
    ]

    /// Easter Sunday (anonymous Gregorian algorithm).
    public static func easterSunday(_ year: Int) -> Day {
        let a = year % 19, b = year / 100, c = year % 100
        let dd = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3
        let h = (19 * a + b - dd - g + 15) % 30
        let i = c / 4, k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return d(year, month, day)
    }

    /// The first Monday on or after a day.
    static func mondayOnOrAfter(_ day: Day) -> Day { day.adding(days: (8 - day.weekday) % 7) }

    /// The last Monday of a month.
    static func lastMonday(_ year: Int, _ month: Int) -> Day {
        let last = d(year, month, Day.daysIn(year: year, month: month))
        return last.adding(days: -((last.weekday - 1) % 7))
    }

    /// The regular holidays of a year by rule alone, sorted.
    public static func regular(_ year: Int) -> [Day] {
        var out: [Day] = []
        // New Year's Day, or the Monday after if at a weekend.
        let ny = d(year, 1, 1)
        out.append(ny.isWeekend ? mondayOnOrAfter(ny) : ny)
        let easter = easterSunday(year)
        out.append(easter.adding(days: -2))
        out.append(easter.adding(days: 1))
        out.append(mondayOnOrAfter(d(year, 5, 1)))
        out.append(lastMonday(year, 5))
        out.append(lastMonday(year, 8))
        // Christmas Day and Boxing Day with substitutes.
        let christmas = d(year, 12, 25)
        switch christmas.weekday {
        case 5: // Friday: Boxing Day is Saturday, substitute Monday 28th.
            out += [christmas, d(year, 12, 28)]
        case 6: // Saturday: substitutes Monday 27th and Tuesday 28th.
            out += [d(year, 12, 27), d(year, 12, 28)]
        case 7: // Sunday: Boxing Day Monday 26th, Christmas substitute Tuesday 27th.
            out += [d(year, 12, 26), d(year, 12, 27)]
        default:
            out += [christmas, d(year, 12, 26)]
        }
        return out.sorted()
    }

    /// The holidays of a year: the regular ones with the one-off changes applied, plus `extra`.
    public static func holidays(_ year: Int, extra: [Day] = []) -> [Day] {
        var set = Set(regular(year))
        for c in oneOffChanges where c.added.year == year {
            if let r = c.removed { set.remove(r) }
            set.insert(c.added)
        }
        for e in extra where e.year == year { set.insert(e) }
        return set.sorted()
    }
}
