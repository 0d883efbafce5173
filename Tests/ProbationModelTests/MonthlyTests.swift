import Foundation
import Testing
import SimulationCore
@testable import ProbationModel

/// Monthly results (`monthly.csv`): the calendar months of the measured period add up to the
/// period's totals, and a month's figures are those of its own days.
@Suite struct MonthlyTests {
    static let scenario = ScenarioBuilder(name: "monthly", start: "2025-01-06").horizon(months: 9).warmup(months: 2).replications(2).seed(31)
        .regimes("ns2021", "reset2024").caseload(initial: 90, arrivalsPerWeek: 1.8).workforce(.po(count: 1), .pso(count: 1))

    @Test func monthsAddUpToTheMeasuredPeriod() throws {
        let (s, variants, results, _) = try Sim.run(MonthlyTests.scenario)
        for r in results {
            // 2025-03-06 to 2025-10-06: March (from the 6th) to October (to the 5th).
            #expect(r.months.map { String($0.month.iso.prefix(7)) } == ["2025-03", "2025-04", "2025-05", "2025-06", "2025-07", "2025-08", "2025-09", "2025-10"])
            #expect(r.months.map(\.days) == [26, 30, 31, 30, 31, 31, 30, 5])
            #expect(r.months.reduce(0) { $0 + $1.days } == s.warmupEnd.days(to: s.end))
            for k in r.minutesByActivity.indices {
                let monthly = r.months.reduce(0.0) { $0 + $1.minutesByActivity[k] }
                #expect(abs(monthly - r.minutesByActivity[k]) <= 1e-6 * max(1, r.minutesByActivity[k]), "activity \(k)")
            }
            #expect(abs(r.months.reduce(0.0) { $0 + $1.unmetMinutes } - r.droppedMinutes) <= 1e-6 * max(1, r.droppedMinutes))
            #expect(abs(r.months.reduce(0.0) { $0 + $1.demandMinutes } - r.demandMinutes) <= 1e-6 * max(1, r.demandMinutes))
            #expect(r.months.reduce(0) { $0 + $1.weeks } == r.weeks.count)
            #expect(r.months.reduce(0) { $0 + $1.cases } == r.weeks.reduce(0) { $0 + $1.cases })
            for (id, counts) in r.standards {
                let byMonth = r.standardsByMonth[id]?.values.reduce([0, 0, 0, 0, 0]) { a, b in zip(a, b).map(+) }
                #expect(byMonth == counts, "standard \(id)")
            }
        }
        // The table: the month's hours are its own, the caseload the mean over its week starts.
        let csv = Tables.monthly(s, results, variants: variants)
        let first = results[0]
        let april = first.months[1]
        let hours = (april.minutesByActivity.reduce(0, +) - (s.activities.kinds.firstIndex { $0.id == "court_report" }.map { april.minutesByActivity[$0] } ?? 0)) / 60
        #expect(csv.contains("monthly,ns2021,1,2025-04,hours.total,\(String(format: "%.4f", hours))\n"))
        #expect(csv.contains("monthly,ns2021,1,2025-04,caseload.mean,\(String(format: "%.4f", Double(april.cases) / Double(april.weeks)))\n"))
        #expect(csv.contains("monthly,ns2021,1,2025-04,fte_in_post,2.0000\n"))
    }
}
