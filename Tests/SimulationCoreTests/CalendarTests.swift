import Testing
@testable import SimulationCore

@Suite struct CalendarTests {
    /// The month table and the civil algorithm agree on every day from 1899-12-01 to 2200-02-01
    /// (both edges of the table included), and so do the first days of next months.
    @Test func monthTableAgreesWithTheCivilAlgorithm() {
        let from = Day.daysFromCivil(1899, 12, 1), to = Day.daysFromCivil(2200, 2, 1)
        for n in from...to {
            let d = Day(number: n)
            let (y, m, dd) = Day.civilFromDays(n)
            #expect(d.civil == (y, m, dd), "day \(n)")
            let next = Day.daysFromCivil(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1)
            if d.firstOfNextMonth.number != next { Issue.record("first of next month after day \(n)") }
        }
        let leap = Day(year: 2024, month: 2, day: 29)?.civil
        #expect(leap?.year == 2024 && leap?.month == 2 && leap?.day == 29)
        let notLeap = Day(year: 2100, month: 3, day: 1)?.adding(days: -1).civil
        #expect(notLeap?.year == 2100 && notLeap?.month == 2 && notLeap?.day == 28)
    }

    func day(_ s: String) -> Day { Day(iso: s)! }

    /// England and Wales bank holidays 2020-2030 as published on gov.uk (2020-2026) and as the
    /// rules give them (2027-2030), one-off changes included.
    static let published: [Int: [String]] = [
        2020: ["2020-01-01", "2020-04-10", "2020-04-13", "2020-05-08", "2020-05-25", "2020-08-31", "2020-12-25", "2020-12-28"],
        2021: ["2021-01-01", "2021-04-02", "2021-04-05", "2021-05-03", "2021-05-31", "2021-08-30", "2021-12-27", "2021-12-28"],
        2022: ["2022-01-03", "2022-04-15", "2022-04-18", "2022-05-02", "2022-06-02", "2022-06-03", "2022-08-29", "2022-09-19", "2022-12-26", "2022-12-27"],
        2023: ["2023-01-02", "2023-04-07", "2023-04-10", "2023-05-01", "2023-05-08", "2023-05-29", "2023-08-28", "2023-12-25", "2023-12-26"],
        2024: ["2024-01-01", "2024-03-29", "2024-04-01", "2024-05-06", "2024-05-27", "2024-08-26", "2024-12-25", "2024-12-26"],
        2025: ["2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05", "2025-05-26", "2025-08-25", "2025-12-25", "2025-12-26"],
        2026: ["2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31", "2026-12-25", "2026-12-28"],
        2027: ["2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31", "2027-08-30", "2027-12-27", "2027-12-28"],
        2028: ["2028-01-03", "2028-04-14", "2028-04-17", "2028-05-01", "2028-05-29", "2028-08-28", "2028-12-25", "2028-12-26"],
        2029: ["2029-01-01", "2029-03-30", "2029-04-02", "2029-05-07", "2029-05-28", "2029-08-27", "2029-12-25", "2029-12-26"],
        2030: ["2030-01-01", "2030-04-19", "2030-04-22", "2030-05-06", "2030-05-27", "2030-08-26", "2030-12-25", "2030-12-26"],
    ]

    @Test(arguments: 2020...2030)
    func bankHolidaysMatchPublishedDates(year: Int) {
        let got = BankHolidays.holidays(year).map(\.description)
        #expect(got == CalendarTests.published[year]!)
    }

    @Test func extraHolidayIsAddedAndNotAWorkingDay() {
        let extra = day("2026-06-15")
        #expect(BankHolidays.holidays(2026, extra: [extra]).contains(extra))
        let cal = WorkingDayCalendar(fromYear: 2026, toYear: 2026, extraHolidays: [extra])
        #expect(!cal.isWorkingDay(extra))
        #expect(cal.addingWorkingDays(1, to: day("2026-06-12")) == day("2026-06-16"))
    }

    @Test func workingDaysAcrossChristmas() {
        let cal = WorkingDayCalendar(fromYear: 2024, toYear: 2025)
        // Friday 20 Dec 2024: WD1 Mon 23, WD2 Tue 24, (25, 26 holidays) WD3 Fri 27, WD4 Mon 30, WD5 Tue 31.
        let d = day("2024-12-20")
        let expected = ["2024-12-23", "2024-12-24", "2024-12-27", "2024-12-30", "2024-12-31", "2025-01-02"]
        for (n, e) in expected.enumerated() { #expect(cal.addingWorkingDays(n + 1, to: d) == day(e), "WD \(n + 1)") }
        #expect(cal.addingWorkingDays(0, to: d) == d)
        #expect(cal.workingDays(from: day("2024-12-23"), to: day("2025-01-06")) == 7)
    }

    @Test func workingDaysAcrossEaster() {
        let cal = WorkingDayCalendar(fromYear: 2025, toYear: 2025)
        // Thursday 17 Apr 2025; Good Friday 18, Easter Monday 21.
        #expect(cal.addingWorkingDays(1, to: day("2025-04-17")) == day("2025-04-22"))
        #expect(cal.addingWorkingDays(5, to: day("2025-04-17")) == day("2025-04-28"))
        #expect(!cal.isWorkingDay(day("2025-04-18")) && !cal.isWorkingDay(day("2025-04-21")))
        #expect(cal.workingDayOnOrAfter(day("2025-04-19")) == day("2025-04-22"))
    }

    @Test func workingDaysOutsideTheTablesFallBackToRules() {
        let cal = WorkingDayCalendar(fromYear: 2025, toYear: 2025)
        #expect(cal.addingWorkingDays(1, to: day("2026-12-24")) == day("2026-12-29"))
        #expect(cal.addingWorkingDays(3, to: day("2024-12-31")) == day("2025-01-06"))
    }

    @Test func dayArithmetic() {
        #expect(Day(iso: "2025-02-29") == nil)
        #expect(Day(iso: "2024-02-29") != nil)
        #expect(Day(iso: "2024-2-29") == nil)
        #expect(day("1970-01-01").number == 0)
        #expect(day("1970-01-01").weekday == 4)
        #expect(day("2025-01-06").weekday == 1)
        #expect(day("2025-01-31").adding(months: 1) == day("2025-02-28"))
        #expect(day("2024-01-31").adding(months: 1) == day("2024-02-29"))
        #expect(day("2025-11-15").adding(months: 3) == day("2026-02-15"))
        #expect(day("2025-03-31").adding(months: -1) == day("2025-02-28"))
        #expect(day("2025-03-17").firstOfNextMonth == day("2025-04-01"))
        for n in stride(from: -800_000, through: 800_000, by: 997) {
            let d = Day(number: n)
            let (y, m, dd) = d.civil
            #expect(Day(year: y, month: m, day: dd) == d)
        }
    }

    /// Month arithmetic read from the month table (1900-2199) agrees with the civil calendar,
    /// inside the table, across its edges and outside it.
    @Test func monthArithmeticByTableAgreesWithTheCivilCalendar() {
        // Reference: the same day of the month k months on, clamped to that month's length.
        func reference(_ d: Day, _ k: Int) -> Day {
            let (y, m, dd) = d.civil
            let total = y * 12 + (m - 1) + k
            let ny = total >= 0 ? total / 12 : (total - 11) / 12, nm = total - ny * 12 + 1
            let length = Day(year: ny, month: nm, day: 1)!.days(to: nm == 12 ? Day(year: ny + 1, month: 1, day: 1)! : Day(year: ny, month: nm + 1, day: 1)!)
            return Day(year: ny, month: nm, day: min(dd, length))!
        }
        var checked = 0
        for n in stride(from: Day(year: 1898, month: 11, day: 3)!.number, through: Day(year: 2201, month: 2, day: 27)!.number, by: 13) {
            let d = Day(number: n)
            let (y, m, _) = d.civil
            #expect(d.monthOrdinal == y * 12 + m - 1)
            for k in [-40, -13, -1, 0, 1, 2, 11, 12, 25, 60] where d.adding(months: k) != reference(d, k) {
                Issue.record("\(d.iso) + \(k) months: \(d.adding(months: k).iso), expected \(reference(d, k).iso)")
            }
            checked += 1
        }
        #expect(checked > 8000)
    }

    @Test func periodsMonthsPhasePointsAndWeeks() {
        let order = Period(start: day("2025-01-15"), end: day("2026-01-15"))
        #expect(order.length == 365)
        #expect(order.month(1) == Period(start: day("2025-01-15"), end: day("2025-02-15")))
        #expect(order.month(12).end == day("2026-01-15"))
        // Final third begins at floor(2/3 × 365) = 243 days; Reset mid-point of final third at floor(5/6 × 365) = 304.
        #expect(order.phasePoint(2.0 / 3.0) == day("2025-01-15").adding(days: 243))
        #expect(order.phasePoint(5.0 / 6.0) == day("2025-01-15").adding(days: 304))
        // 52 weeks are days 0-363.
        #expect(order.week(51) == Period(start: day("2025-01-15").adding(days: 357), end: day("2025-01-15").adding(days: 364)))
        // Whole calendar months: Feb 2025 ... Dec 2025 (January 2025 and 2026 are partial).
        let months = order.wholeCalendarMonths()
        #expect(months.count == 11)
        #expect(months.first?.start == day("2025-02-01"))
        #expect(months.last?.end == day("2026-01-01"))
        let fromFirst = Period(start: day("2025-01-01"), end: day("2026-01-01"))
        #expect(fromFirst.wholeCalendarMonths().count == 12)
    }
}
