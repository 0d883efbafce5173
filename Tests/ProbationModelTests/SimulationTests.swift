import Foundation
import Testing
import SimulationCore
@testable import ProbationModel

/// Runs scenario text in-process and returns its summary.
enum Sim {
    static func run(_ yaml: String, threads: Int = 1) throws -> (Scenario, [Variant], [ReplicationResult], JSONValue) {
        let (s, regimes) = try ScenarioReader.parse(yaml, file: "test.yaml")
        let runner = Runner(scenario: s, variants: regimes)
        let results = try runner.run(jobs: runner.allJobs, threads: threads)
        return (s, regimes, results, Summary(scenario: s, variants: regimes, results: results).json(wallSeconds: nil))
    }

    /// The mean of a measure; the regime is looked up whole, since names such as
    /// `ns2021@37.5%` (from `staffing_levels`) contain dots.
    static func mean(_ summary: JSONValue, _ regime: String, _ path: String) -> Double? {
        summary["regimes"]?[regime]?.at(path: path)?["mean"]?.doubleValue
    }

    /// Named cases with everything random switched off: attendance 1, no risk changes, no
    /// reactive work, unlimited capacity, professional judgement 0, constant minutes.
    static func exact(regimes: String, cases: String, start: String = "2025-01-01", horizon: String = "{years: 3}") -> String {
        """
        name: exact
        start: \(start)
        horizon: \(horizon)
        regimes: [\(regimes)]
        professional_judgement: {f2f_per_month: {A: 0, B: 0, C: 0, D: 0}}
        behaviour:
          attendance: 1
          rosh_monthly: {low: {}, medium: {}, high: {}, very_high: {}}
          monthly_hazards: {mappa: 0, nsd: 0, child_protection: 0}
        activities:
          initial_appointment: 90
          f2f_appointment: 45
          home_visit: 60
          home_visit_travel: 30
          other_contact: 15
          record_keeping: 10
          sentence_plan: 180
          reactive_events_per_month: 0
        caseload:
          cases:
        \(cases)
        """
    }
}

/// conventions §6 through the whole simulation (diary, scoring, measures), not only the planner.
@Suite struct SimulatedClosedFormTests {
    let co = "    - {id: co, type: community_order, start: 2025-01-01, months: 12, requirements: [rar], tier: B2, rosh: medium}"

    @Test func ns2021TwelveMonthOrderHoursAndStandards() throws {
        let (_, _, _, s) = try Sim.run(Sim.exact(regimes: "ns2021", cases: co))
        #expect(Sim.mean(s, "ns2021", "contacts.f2f") == 12)
        #expect(Sim.mean(s, "ns2021", "standards.monthly-f2f.met") == 12)
        #expect(Sim.mean(s, "ns2021", "standards.monthly-f2f.met_rate") == 1)
        #expect(Sim.mean(s, "ns2021", "standards.first-appointment.met") == 1)
        #expect(Sim.mean(s, "ns2021", "standards.sentence-plan.met") == 1)
        // 1 initial (90 + 10) + 11 F2F (45 + 10) + a sentence plan (180) = 885 minutes.
        #expect(Sim.mean(s, "ns2021", "hours.total") == 885.0 / 60)
        #expect(Sim.mean(s, "ns2021", "hours.by_activity.record_keeping") == 120.0 / 60)
    }

    @Test func ns1992TwentyFourAppointments() throws {
        let (_, _, _, s) = try Sim.run(Sim.exact(regimes: "ns1992", cases: co))
        #expect(Sim.mean(s, "ns1992", "contacts.f2f") == 24)
        #expect(Sim.mean(s, "ns1992", "standards.ns1992-months-1-3.met") == 1)
        #expect(Sim.mean(s, "ns1992", "standards.ns1992-months-4-6.met") == 1)
        #expect(Sim.mean(s, "ns1992", "standards.ns1992-monthly.met") == 6)
    }

    @Test func resetSuspendsTheFinalThirdUnlessExempt() throws {
        let mappa = "    - {id: m, type: community_order, start: 2025-01-01, months: 12, requirements: [rar], tier: B2, rosh: medium, flags: [mappa]}"
        let (_, _, _, a) = try Sim.run(Sim.exact(regimes: "reset2024", cases: co))
        #expect(Sim.mean(a, "reset2024", "contacts.f2f") == 8)
        #expect(Sim.mean(a, "reset2024", "standards.monthly-f2f.met") == 8)
        #expect(Sim.mean(a, "reset2024", "standards.monthly-f2f.not_applicable") == 4)
        let (_, _, _, b) = try Sim.run(Sim.exact(regimes: "reset2024", cases: mappa))
        #expect(Sim.mean(b, "reset2024", "contacts.f2f") == 12)
    }

    @Test func resetLicenceFromFourYears() throws {
        let lic = "    - {id: l, type: licence, start: 2025-01-01, custody_months: 48, tier: B2, rosh: medium}"
        let (_, _, _, s) = try Sim.run(Sim.exact(regimes: "reset2024", cases: lic))
        #expect(Sim.mean(s, "reset2024", "contacts.f2f") == 17)
        #expect(Sim.mean(s, "reset2024", "standards.reset-final-third-f2f.met") == 1)
    }

    @Test func nsdYearOneThenMonthly() throws {
        let nsd = "    - {id: n, type: licence, start: 2025-01-01, custody_months: 48, tier: A2, rosh: high, flags: [nsd]}"
        let (_, _, _, s) = try Sim.run(Sim.exact(regimes: "ns2021", cases: nsd))
        // 52 weekly F2F (7 of them resettlement visits) in year 1, then 12 monthly in year 2.
        #expect(Sim.mean(s, "ns2021", "contacts.f2f") == 64)
        #expect(Sim.mean(s, "ns2021", "contacts.home_visit") == 7)
        #expect(Sim.mean(s, "ns2021", "standards.nsd-weekly-f2f.met") == 52)
        #expect(Sim.mean(s, "ns2021", "standards.nsd-resettlement-visit.met") == 7)
    }

    /// Capacity: one PO with a tiny case-work share cannot do the work; standards are missed for capacity.
    @Test func tooLittleCapacityMissesStandards() throws {
        var cases = ""
        for k in 0..<60 { cases += "    - {id: c\(k), type: community_order, start: 2025-01-\(String(format: "%02d", 1 + k % 28)), months: 12, tier: B2, rosh: medium}\n" }
        let text = Sim.exact(regimes: "ns2021", cases: cases) + "\nworkforce:\n  practitioners:\n    - {grade: PO, count: 1, hours_per_week: 37, case_work_share: 0.05}\n"
        let (_, _, _, s) = try Sim.run(text)
        #expect((Sim.mean(s, "ns2021", "standards.monthly-f2f.missed_capacity") ?? 0) > 100)
        #expect((Sim.mean(s, "ns2021", "standards.first-appointment.met_late") ?? 0) > 0)
        #expect((Sim.mean(s, "ns2021", "fte_needed") ?? 0) > 1)
        let unlimited = try Sim.run(Sim.exact(regimes: "ns2021", cases: cases)).3
        #expect(Sim.mean(unlimited, "ns2021", "standards.monthly-f2f.missed_capacity") == 0)
        // Orders starting on the 1st (3 of the 60) have 12 whole calendar months, the others 11.
        let expectedMet = Double(3 * 12 + 57 * 11)
        #expect(Sim.mean(unlimited, "ns2021", "standards.monthly-f2f.met") == expectedMet)
    }

    /// Non-attendance: with attendance 0 every frequency standard is missed for non-attendance,
    /// every absence is unacceptable, and enforcement tasks follow with their standards.
    @Test func nobodyAttends() throws {
        let text = Sim.exact(regimes: "ns2021", cases: co).replacingOccurrences(of: "attendance: 1", with: "attendance: 0\n  acceptable_absence: 0")
        let (_, _, _, s) = try Sim.run(text)
        #expect(Sim.mean(s, "ns2021", "standards.monthly-f2f.missed_nonattendance") == 12)
        #expect(Sim.mean(s, "ns2021", "contacts.f2f") == 0)
        #expect((Sim.mean(s, "ns2021", "standards.enforcement-letter.met") ?? 0) >= 11)
        #expect((Sim.mean(s, "ns2021", "standards.enforcement-breach.due") ?? 0) >= 5)
    }
}

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
        var cases = ""
        for k in 0..<300 { cases += "    - {id: c\(k), type: community_order, start: 2025-01-\(String(format: "%02d", 1 + k % 28)), months: 12, tier: C2, rosh: low}\n" }
        let text = Sim.exact(regimes: "ns2021", cases: cases).replacingOccurrences(of: "attendance: 1", with: "attendance: 0.8\n  acceptable_absence: 1")
            .replacingOccurrences(of: "professional_judgement: {f2f_per_month: {A: 0, B: 0, C: 0, D: 0}}", with: "professional_judgement: {f2f_per_month: {A: 3, B: 3, C: 3, D: 3}}")
        let (_, _, results, _) = try Sim.run(text.replacingOccurrences(of: "name: exact", with: "name: exact\nseed: 5"))
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

/// The held-contact arena: per-case chains of chunks in holding order, recycled chunks.
@Suite struct HeldLogTests {
    func contact(_ d: Int, _ kind: ContactKind = .f2f, attended: Bool = true) -> HeldContact {
        HeldContact(day: Day(number: d), kind: kind, attended: attended)
    }

    @Test func aChunkIsOneCacheLine() {
        #expect(MemoryLayout<HeldLog.Chunk>.stride == 64)
    }

    @Test func chainsKeepHoldingOrderAndRecycleChunks() {
        let per = HeldLog.Chunk.capacity
        var log = HeldLog()
        var a: Int32 = -1, b: Int32 = -1
        var out: [HeldContact] = []
        log.contacts(from: a, into: &out)
        #expect(out.isEmpty)
        // a fills two chunks and starts a third; b, interleaved with it, fills one and starts a second.
        let kinds: [ContactKind] = [.f2f, .homeVisit, .other, .initialAppointment]
        let aList = (1...(2 * per + 3)).map { contact($0, kinds[$0 % 4], attended: $0 % 3 != 0) }
        let bList = (1...(per + 1)).map { contact(1000 + $0, .homeVisit, attended: $0.isMultiple(of: 2)) }
        for k in 0..<aList.count {
            log.add(aList[k], to: &a)
            if k < bList.count { log.add(bList[k], to: &b) }
        }
        #expect(log.chunks.count == 5)
        log.contacts(from: a, into: &out)
        #expect(out == aList)
        log.contacts(from: b, into: &out)
        #expect(out == bList)
        log.release(&a)
        #expect(a == -1)
        // New contacts reuse a's three released chunks before the arena grows.
        var c: Int32 = -1
        let cList = (1...(3 * per)).map { contact(2000 + $0, .other) }
        for x in cList { log.add(x, to: &c) }
        #expect(log.chunks.count == 5)
        log.contacts(from: c, into: &out)
        #expect(out == cList)
        log.contacts(from: b, into: &out)
        #expect(out == bList)
        log.add(contact(3000), to: &c)
        #expect(log.chunks.count == 6)
        log.contacts(from: c, into: &out)
        #expect(out == cList + [contact(3000)])
    }
}
