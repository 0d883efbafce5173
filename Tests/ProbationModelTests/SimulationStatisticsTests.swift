import Foundation
import Testing
import SimulationCore
@testable import ProbationModel

/// Statistical checks with fixed seeds and stated tolerances.
@Suite struct SimulationStatisticsTests {
    /// Little's law: arrivals λ a week of 12-month orders (W = 365/7 weeks) give a steady caseload of λW.
    @Test func littlesLaw() throws {
        let text = """
        name: little
        start: 2025-01-06
        horizon: {years: 3}
        warmup: {months: 13}
        replications: 6
        seed: 11
        regimes: [ns2015]
        caseload:
          arrivals_per_week: 20
          sentences:
            community_order: {weight: 1, months: 12}
        behaviour: {recall: {per_unacceptable_absence: 0}}
        """
        let (_, _, results, _) = try Sim.run(text)
        let weeks = results.flatMap(\.weeks)
        let mean = Double(weeks.map(\.cases).reduce(0, +)) / Double(weeks.count)
        let expected = 20 * 365.0 / 7   // 1,042.9
        print("Little's law (seed 11): mean caseload \(mean), expected \(expected)")
        #expect(abs(mean - expected) / expected < 0.03)   // 3%: Poisson noise on ~1,000 is ~1% (sd 32)
    }

    /// Attendance: the share of held contacts attended matches the setting (seed 5, n ≈ 10,000, within 2%).
    @Test func attendanceRate() throws {
        let cases = (0..<300).map { k in
            NamedCase(id: "c\(k)", type: .communityOrder, start: "2025-01-\(String(format: "%02d", 1 + k % 28))", months: 12, tier: "C2", rosh: .low)
        }
        let text = ScenarioBuilder.exact(regimes: "ns2021", cases: cases).attendance(0.8).acceptableAbsence(1).professionalJudgement(f2fPerMonth: 3)
        let (_, _, results, _) = try Sim.run(text.seed(5))
        let r = results[0]
        let share = Double(r.f2fContacts) / Double(r.heldContacts)
        print("attendance (seed 5): \(share) of \(r.heldContacts) held contacts")
        #expect(r.heldContacts > 8000)
        #expect(abs(share - 0.8) < 0.02)       // binomial sd at n = 8,000 is 0.0045
        #expect(r.unacceptableAbsences == 0)   // acceptable_absence 1: every absence acceptable
    }

    /// Common random numbers: two regimes in one replication see the same caseload.
    @Test func regimesShareCases() throws {
        let text = """
        name: crn
        start: 2025-01-06
        horizon: {months: 6}
        replications: 2
        regimes: [ns2021, reset2024]
        caseload: {initial: 100, arrivals_per_week: 3}
        """
        let (_, _, results, _) = try Sim.run(text)
        for rep in 0..<2 {
            let pair = results.filter { $0.replication == rep }
            #expect(pair.count == 2)
            #expect(pair[0].casesSimulated == pair[1].casesSimulated)
            #expect(pair[0].cases == pair[1].cases)
        }
    }
}
