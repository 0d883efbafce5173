import SimulationCore

/// Calendar months one after another, each from its first day, found by adding the month's
/// length rather than by ``Day/firstOfNextMonth`` (a table behind a lazily built global, about
/// 60 instructions a call across the module boundary). The planner walks every month of every
/// plan's monthly standards and bookings this way: 4% fewer instructions in `ContactPlanner.plan`
/// (0.293 G to 0.281 G on a one-year run of a twentieth of national).
struct MonthWalk {
    /// The first day of the current month.
    private(set) var start: Day
    /// The first day of the month after it.
    private(set) var next: Day
    private var year: Int
    private var month: Int

    /// The walk's first month is the one holding `day`.
    init(from day: Day) {
        let (y, m, d) = day.civil
        year = y
        month = m
        start = day.adding(days: 1 - d)
        next = start.adding(days: Day.daysIn(year: y, month: m))
    }

    /// On to the next month.
    mutating func advance() {
        start = next
        if month == 12 { month = 1; year += 1 } else { month += 1 }
        next = start.adding(days: Day.daysIn(year: year, month: month))
    }
}
