import Testing
import SimulationCore
@testable import ProbationModel
@testable import ProbationRules

/// What conventions §7 adds to ns2021: the UPW assessment, the summons, emergency recalls and the
/// NSD contact by another professional.
@Suite struct RulesAddedTests {
    let calendar = WorkingDayCalendar(fromYear: 2024, toYear: 2030)

    /// The UPW assessment within 5 WD of sentence (002:180).
    @Test func upwAssessmentWithinFiveWorkingDays() throws {
        // CO with UPW sentenced Wed 1 Jan 2025 (a bank holiday, day 0): 5 WD are 2, 3, 6, 7, 8 Jan.
        let spec = CaseSpec(id: "u", type: .communityOrder, start: Day(iso: "2025-01-01")!, months: 12,
                            requirements: [.upw, .rar], tier: "C2", rosh: .low)
        let p = ContactPlanner(regime: try RegimeLoader.load("ns2021"), calendar: calendar).plan(spec)
        let demand = p.standards.first { $0.standard == "upw-assessment" }?.demand
        #expect(demand == .deadline(kind: .upwAssessment, from: Day(iso: "2025-01-01")!, due: Day(iso: "2025-01-08")!))
        #expect(StandardScorer.outcomesIfAllAttended(p).filter { $0.0.standard == "upw-assessment" }.map(\.1) == [.met])
        // Not a supervision contact: the 12 monthly F2F are unchanged.
        #expect(p.f2fCount == 12)
    }

    /// Emergency recalls: recall action the same working day (2 hours), for a share of recalls.
    @Test func emergencyRecallDueTheSameDay() throws {
        let lic = NamedCase(id: "l", type: .licence, start: "2025-01-01", custodyMonths: 48, tier: "B2", rosh: .medium)
        func text(_ share: Double) -> String {
            ScenarioBuilder.exact(regimes: "ns2021", cases: [lic]).attendance(0).acceptableAbsence(0).maxRebookings(0)
                .recall(.init(perUnacceptableAbsence: 1, fixedTermShare: 0, standardDays: 100, emergencyShare: share)).text
        }
        // The first recall, on Thu 2 Jan 2025 (first F2F missed): due Fri 3 Jan (1 WD), or Thu 2 Jan if an emergency.
        for (share, due) in [(0.0, "2025-01-03"), (1.0, "2025-01-02")] {
            let (s, regimes) = try ScenarioReader.parse(text(share), file: "test.yaml")
            let lines = try Runner(scenario: s, variants: regimes).trace(caseID: "l", regimeIndex: 0) ?? []
            #expect(lines.contains { $0.hasPrefix("2025-01-02") && $0.contains("recall-action due \(due): met") }, "share \(share)")
        }
    }

    /// The NSD second weekly contact: a share by the practitioner, the rest by another professional.
    @Test func nsdOtherProfessionalShare() throws {
        // NSD, high RoSH, 24-month licence: 52 weeks, one non-F2F contact each. With share 0.5 the n-th
        // (n = 0...51) is the practitioner's when floor((n + 1)/2) > floor(n/2), i.e. n odd: 26 each way.
        var options = ReadingOptions()
        options.nsdPractitionerShare = 0.5
        let spec = CaseSpec(id: "n", type: .licence, start: Day(iso: "2025-01-01")!, custodyMonths: 48, tier: "A2", rosh: .high, flags: [.nsd])
        let p = ContactPlanner(regime: try RegimeLoader.load("ns2021"), options: options, calendar: calendar).plan(spec)
        #expect(p.bookings.filter { $0.kind == .other }.count == 26)
        #expect(p.bookings.filter { $0.kind == .otherProfessional }.count == 26)
        // They still count as that week's second contact.
        #expect(StandardScorer.outcomesIfAllAttended(p).filter { $0.0.standard == "nsd-weekly-contacts" }.map(\.1) == Array(repeating: .met, count: 52))
        // Through the model: practitioner minutes only for the practitioner's 26 (15 + 10 record keeping each).
        let nsd = NamedCase(id: "n", type: .licence, start: "2025-01-01", custodyMonths: 48, tier: "A2", rosh: .high, flags: [.nsd])
        let text = ScenarioBuilder.exact(regimes: "ns2021", cases: [nsd]).reading("nsd_practitioner_share", 0.5)
        let (_, _, _, s) = try Sim.run(text)
        #expect(Sim.mean(s, "ns2021", "hours.by_activity.other_contact") == 26 * 15.0 / 60)
        #expect(Sim.mean(s, "ns2021", "contacts.other") == 52)
        #expect(Sim.mean(s, "ns2021", "standards.nsd-weekly-contacts.met") == 52)
    }
}
