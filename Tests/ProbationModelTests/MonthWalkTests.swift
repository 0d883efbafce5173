import Testing
import SimulationCore
@testable import ProbationRules

/// The planner's month walk gives the same months as `Day.firstOfNextMonth`.
struct MonthWalkTests {
    @Test func walkMatchesFirstOfNextMonth() {
        // From mid-month and from a first of month, across leap years and centuries (1600 to 2401).
        for startDay in [Day(year: 1600, month: 2, day: 17)!, Day(year: 1600, month: 1, day: 1)!] {
            var walk = MonthWalk(from: startDay)
            var expected = startDay.firstOfMonth
            #expect(walk.start == expected)
            while expected.year < 2401 {
                let next = expected.firstOfNextMonth
                #expect(walk.next == next)
                if walk.next != next { return }
                walk.advance()
                expected = next
                #expect(walk.start == expected)
            }
        }
    }
}
