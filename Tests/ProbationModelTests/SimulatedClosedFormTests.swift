import Foundation
import Testing
import SimulationCore
@testable import ProbationModel

/// conventions §6 through the whole simulation (diary, scoring, measures), not only the planner.
@Suite struct SimulatedClosedFormTests {
    let co = NamedCase(id: "co", type: .communityOrder, start: "2025-01-01", months: 12, requirements: [.rar], tier: "B2", rosh: .medium)

    @Test func ns2021TwelveMonthOrderHoursAndStandards() throws {
        let (_, _, _, s) = try Sim.run(.exact(regimes: "ns2021", cases: [co]))
        #expect(Sim.mean(s, "ns2021", "contacts.f2f") == 12)
        #expect(Sim.mean(s, "ns2021", "standards.monthly-f2f.met") == 12)
        #expect(Sim.mean(s, "ns2021", "standards.monthly-f2f.met_rate") == 1)
        #expect(Sim.mean(s, "ns2021", "standards.first-appointment.met") == 1)
        #expect(Sim.mean(s, "ns2021", "standards.sentence-plan.met") == 1)
        #expect(Sim.mean(s, "ns2021", "standards.termination-assessment.met") == 1)
        // 1 initial (90 + 10) + 11 F2F (45 + 10) + a sentence plan (180) + the termination
        // assessment (90) = 975 minutes.
        #expect(Sim.mean(s, "ns2021", "hours.total") == 975.0 / 60)
        #expect(Sim.mean(s, "ns2021", "hours.by_activity.record_keeping") == 120.0 / 60)
    }

    @Test func ns1992TwentyFourAppointments() throws {
        let (_, _, _, s) = try Sim.run(.exact(regimes: "ns1992", cases: [co]))
        #expect(Sim.mean(s, "ns1992", "contacts.f2f") == 24)
        #expect(Sim.mean(s, "ns1992", "standards.ns1992-months-1-3.met") == 1)
        #expect(Sim.mean(s, "ns1992", "standards.ns1992-months-4-6.met") == 1)
        #expect(Sim.mean(s, "ns1992", "standards.ns1992-monthly.met") == 6)
    }

    @Test func resetSuspendsTheFinalThirdUnlessExempt() throws {
        let mappa = NamedCase(id: "m", type: .communityOrder, start: "2025-01-01", months: 12, requirements: [.rar], tier: "B2", rosh: .medium, flags: [.mappa])
        let (_, _, _, a) = try Sim.run(.exact(regimes: "reset2024", cases: [co]))
        #expect(Sim.mean(a, "reset2024", "contacts.f2f") == 8)
        #expect(Sim.mean(a, "reset2024", "standards.monthly-f2f.met") == 8)
        #expect(Sim.mean(a, "reset2024", "standards.monthly-f2f.not_applicable") == 4)
        let (_, _, _, b) = try Sim.run(.exact(regimes: "reset2024", cases: [mappa]))
        #expect(Sim.mean(b, "reset2024", "contacts.f2f") == 12)
    }

    @Test func resetLicenceFromFourYears() throws {
        let lic = NamedCase(id: "l", type: .licence, start: "2025-01-01", custodyMonths: 48, tier: "B2", rosh: .medium)
        let (_, _, _, s) = try Sim.run(.exact(regimes: "reset2024", cases: [lic]))
        #expect(Sim.mean(s, "reset2024", "contacts.f2f") == 17)
        #expect(Sim.mean(s, "reset2024", "standards.reset-final-third-f2f.met") == 1)
    }

    @Test func nsdYearOneThenMonthly() throws {
        let nsd = NamedCase(id: "n", type: .licence, start: "2025-01-01", custodyMonths: 48, tier: "A2", rosh: .high, flags: [.nsd])
        let (_, _, _, s) = try Sim.run(.exact(regimes: "ns2021", cases: [nsd]))
        // 52 weekly F2F (7 of them resettlement visits) in year 1, then 12 monthly in year 2.
        #expect(Sim.mean(s, "ns2021", "contacts.f2f") == 64)
        #expect(Sim.mean(s, "ns2021", "contacts.home_visit") == 7)
        #expect(Sim.mean(s, "ns2021", "standards.nsd-weekly-f2f.met") == 52)
        #expect(Sim.mean(s, "ns2021", "standards.nsd-resettlement-visit.met") == 7)
    }

    /// Capacity: one PO with a tiny case-work share cannot do the work; standards are missed for capacity.
    @Test func tooLittleCapacityMissesStandards() throws {
        let cases = (0..<60).map { k in
            NamedCase(id: "c\(k)", type: .communityOrder, start: "2025-01-\(String(format: "%02d", 1 + k % 28))", months: 12, tier: "B2", rosh: .medium)
        }
        let text = ScenarioBuilder.exact(regimes: "ns2021", cases: cases).workforce(.po(count: 1, hoursPerWeek: 37, caseWorkShare: 0.05))
        let (_, _, _, s) = try Sim.run(text)
        #expect((Sim.mean(s, "ns2021", "standards.monthly-f2f.missed_capacity") ?? 0) > 100)
        #expect((Sim.mean(s, "ns2021", "standards.first-appointment.met_late") ?? 0) > 0)
        #expect((Sim.mean(s, "ns2021", "fte_needed") ?? 0) > 1)
        let unlimited = try Sim.run(.exact(regimes: "ns2021", cases: cases)).3
        #expect(Sim.mean(unlimited, "ns2021", "standards.monthly-f2f.missed_capacity") == 0)
        // Orders starting on the 1st (3 of the 60) have 12 whole calendar months, the others 11.
        let expectedMet = Double(3 * 12 + 57 * 11)
        #expect(Sim.mean(unlimited, "ns2021", "standards.monthly-f2f.met") == expectedMet)
    }

    /// Non-attendance: with attendance 0 every frequency standard is missed for non-attendance,
    /// every absence is unacceptable, and enforcement tasks follow with their standards.
    @Test func nobodyAttends() throws {
        let text = ScenarioBuilder.exact(regimes: "ns2021", cases: [co]).attendance(0).acceptableAbsence(0)
        let (_, _, _, s) = try Sim.run(text)
        #expect(Sim.mean(s, "ns2021", "standards.monthly-f2f.missed_nonattendance") == 12)
        #expect(Sim.mean(s, "ns2021", "contacts.f2f") == 0)
        #expect((Sim.mean(s, "ns2021", "standards.enforcement-letter.met") ?? 0) >= 11)
        #expect((Sim.mean(s, "ns2021", "standards.enforcement-breach.due") ?? 0) >= 5)
    }
}
