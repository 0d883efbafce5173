import Testing
@testable import ProbationModel
@testable import ProbationRules

/// The diary's rules on their own (docs/model.md, "Diaries"): a working day's work is done in
/// order of urgency (within one class of work, conventions §10: nearest deadline first, then
/// higher RoSH; the order of the classes is tested in RationingTests); work that does not fit moves to the
/// next working day (a deferral); deadline work waits until it is done and is then met late; a
/// contact with no deadline deferred beyond `workforce.max_deferral_working_days`, or a frequency
/// contact past its window's end, is dropped and its minutes are counted in `unmet_hours`.
///
/// Named cases with nothing random (``ScenarioBuilder/exact(regimes:cases:start:)``: everyone
/// attends, constant minutes, no reactive work) and one PO who is always at work with a case-work
/// share of 1, so that a day holds hours per week × 60 / 5 minutes exactly (and overtime of 10%
/// of it, which none of the pieces of work here fits).
@Suite struct DeferAndDropTests {
    /// Four weeks from Monday 6 January 2025 (to 3 February) with one PO of `hoursPerWeek`.
    func diary(_ regime: String, hoursPerWeek: Double, cases: [NamedCase]) -> ScenarioBuilder {
        ScenarioBuilder.exact(regimes: regime, cases: cases, start: "2025-01-06").horizon(weeks: 4)
            .workforce(.po(count: 1, hoursPerWeek: hoursPerWeek, caseWorkShare: 1)).alwaysAtWork()
    }

    func order(_ id: String, sentenced: String = "2025-01-06", rosh: RoSH) -> NamedCase {
        NamedCase(id: id, type: .communityOrder, start: sentenced, months: 12, requirements: [.rar], tier: "B2", rosh: rosh)
    }

    /// Two orders sentenced on Monday 6 January: each first appointment (90 + 10 record keeping =
    /// 100 minutes) is booked for Tuesday 7 January, due Monday 13th (5 working days); each
    /// sentence plan (20 minutes here) for Wednesday 8th. A day holds 12.5 × 60 / 5 = 150 minutes.
    @Test func theLowerRoSHContactMovesToTheNextWorkingDay() throws {
        let scenario = diary("ns2021", hoursPerWeek: 12.5, cases: [order("a", rosh: .high), order("b", rosh: .medium)])
            .activity("sentence_plan", 20)
        // Tue 7 Jan: a's 100 minutes first (high RoSH); b's 100 do not fit the 50 left: one deferral.
        // Wed 8 Jan: b's first appointment and both sentence plans, 100 + 20 + 20 = 140 ≤ 150.
        let (_, _, results, s) = try Sim.run(scenario)
        #expect(results[0].deferrals == 1)
        #expect(results[0].droppedMinutes == 0)
        #expect(try Sim.trace(scenario, case: "a").contains("2025-01-07  initial_appointment attended"))
        #expect(try Sim.trace(scenario, case: "b").contains("2025-01-08  initial_appointment attended (deferred for capacity)"))
        // Deferred within its deadline: both first appointments met.
        #expect(Sim.mean(s, "ns2021", "standards.first-appointment.met") == 2)
        // The order of the cases is not what decides: with the RoSH swapped, a is the one deferred.
        let swapped = diary("ns2021", hoursPerWeek: 12.5, cases: [order("a", rosh: .medium), order("b", rosh: .high)])
            .activity("sentence_plan", 20)
        #expect(try Sim.trace(swapped, case: "a").contains("2025-01-08  initial_appointment attended (deferred for capacity)"))
        #expect(try Sim.trace(swapped, case: "b").contains("2025-01-07  initial_appointment attended"))
        #expect(try Sim.run(swapped).2[0].deferrals == 1)
    }

    /// A licence released on Monday 6 January has its first appointment due the next working day,
    /// Tuesday 7th; an order sentenced that Monday has until Monday 13th. Both are booked for the 7th.
    @Test func theNearestDeadlineComesBeforeHigherRoSH() throws {
        let licence = NamedCase(id: "lic", type: .licence, start: "2025-01-06", custodyMonths: 24, tier: "B2", rosh: .medium)
        let scenario = diary("ns2021", hoursPerWeek: 12.5, cases: [order("co", rosh: .high), licence]).activity("sentence_plan", 20)
        // Tue 7 Jan, 150 minutes: the licence's 100 (due that day) first, although its RoSH is lower;
        // the order's 100 move to Wed 8 Jan (100 + two sentence plans of 20 = 140).
        let (_, _, results, s) = try Sim.run(scenario)
        #expect(results[0].deferrals == 1)
        #expect(try Sim.trace(scenario, case: "lic").contains("2025-01-07  initial_appointment attended"))
        #expect(try Sim.trace(scenario, case: "co").contains("2025-01-08  initial_appointment attended (deferred for capacity)"))
        #expect(Sim.mean(s, "ns2021", "standards.first-appointment.met") == 2)
    }

    /// Nine orders sentenced on Monday 6 January, and a day that holds one piece of work: 10 × 60 / 5
    /// = 120 minutes; a first appointment is 110 + 10 record keeping, a sentence plan 120.
    @Test func deadlineWorkWaitsUntilDoneAndIsMetLate() throws {
        let cases = (1...9).map { order("x\($0)", rosh: .medium) }
        let scenario = diary("ns2021", hoursPerWeek: 10, cases: cases)
            .activity("initial_appointment", 110).activity("sentence_plan", 120)
        // First appointments (booked Tue 7 Jan, due Mon 13 Jan) go first, one a day in case order:
        // 7, 8, 9, 10, 13 Jan (met: 5), then 14, 15, 16, 17 Jan (met late: 4), never dropped.
        // Sentence plans (booked Wed 8 Jan, due Tue 28 Jan, 15 working days after the 7th) follow:
        // 20, 21, 22, 23, 24, 27, 28 Jan (met: 7), 29, 30 Jan (met late: 2). x9's plan waits 16
        // working days, more than max_deferral_working_days (10): deadline work is not dropped.
        let (_, _, results, s) = try Sim.run(scenario)
        #expect(Sim.mean(s, "ns2021", "standards.first-appointment.met") == 5)
        #expect(Sim.mean(s, "ns2021", "standards.first-appointment.met_late") == 4)
        #expect(Sim.mean(s, "ns2021", "standards.sentence-plan.met") == 7)
        #expect(Sim.mean(s, "ns2021", "standards.sentence-plan.met_late") == 2)
        #expect(results[0].droppedMinutes == 0)
        // Deferrals: the k-th first appointment is deferred k − 1 times (0 + 1 + ... + 8 = 36); the
        // k-th sentence plan from 8 Jan to its day, 8 + (k − 1) working days (9 × 8 + 36 = 108).
        #expect(results[0].deferrals == 36 + 108)
        // All 18 pieces of work are done: 18 × 2 hours.
        #expect(Sim.mean(s, "ns2021", "hours.total") == 36)
        let x6 = try Sim.trace(scenario, case: "x6")
        #expect(x6.contains("2025-01-13  standard first-appointment (initial_appointment by 2025-01-13): met_late"))
        #expect(x6.contains("2025-01-14  initial_appointment attended (deferred for capacity)"))
        let x9 = try Sim.trace(scenario, case: "x9")
        #expect(x9.contains("2025-01-30  sentence_plan done (deferred for capacity)"))
    }

    /// Under ns2015 with professional judgement of 1 F2F a month, a contact has no deadline.
    /// Three orders begun on 28 November 2024 (on the books from 6 January) each have January's
    /// F2F booked for Tuesday 28 January; a day holds 5 × 60 / 5 = 60 minutes, one F2F (45 + 10).
    @Test func aContactWithNoDeadlineIsDroppedBeyondTheDeferralLimit() throws {
        let cases = (1...3).map { order("x\($0)", sentenced: "2024-11-28", rosh: .medium) }
        func scenario(maxDeferral: Int) -> ScenarioBuilder {
            diary("ns2015", hoursPerWeek: 5, cases: cases)
                .professionalJudgement(f2fPerMonth: 1).maxDeferralWorkingDays(maxDeferral)
        }
        // Limit 1: Tue 28 Jan x1 is seen; x2 and x3 move to Wed 29th (2 deferrals). On the 29th x2
        // is seen; x3 would move to Thu 30th, 2 working days after its first day, more than 1:
        // dropped, its 55 minutes unmet.
        let one = scenario(maxDeferral: 1)
        let (_, _, r1, s1) = try Sim.run(one)
        #expect(r1[0].deferrals == 2)
        #expect(r1[0].droppedMinutes == 55)
        #expect(abs((Sim.mean(s1, "ns2015", "unmet_hours.total") ?? 0) - 55.0 / 60) < 1e-4)   // the summary rounds to 4 decimals
        #expect(Sim.mean(s1, "ns2015", "contacts.f2f") == 2)
        #expect(try Sim.trace(one, case: "x3").contains("2025-01-29  f2f_appointment dropped: no room in the diary before it stopped counting (unmet)"))
        // Limit 2: x3 moves again (3 deferrals in all) and is seen on Thu 30 Jan; nothing is dropped.
        let two = scenario(maxDeferral: 2)
        let (_, _, r2, s2) = try Sim.run(two)
        #expect(r2[0].deferrals == 3)
        #expect(r2[0].droppedMinutes == 0)
        #expect(Sim.mean(s2, "ns2015", "contacts.f2f") == 3)
        #expect(try Sim.trace(two, case: "x3").contains("2025-01-30  f2f attended (deferred for capacity)"))
    }

    /// Under ns2021 each order has one F2F a month, counting for its calendar month: its window ends
    /// on the month's last day. Two orders begun on 28 November 2024 have theirs booked on the 28th;
    /// a day holds 60 minutes, one F2F (45 + 10).
    @Test func aFrequencyContactPastItsWindowsEndIsDropped() throws {
        let cases = [order("a", sentenced: "2024-11-28", rosh: .high), order("b", sentenced: "2024-11-28", rosh: .medium)]
        let scenario = diary("ns2021", hoursPerWeek: 5, cases: cases).horizon(months: 2)
        // Tue 28 Jan: a is seen; b moves to Wed 29th, inside January: seen (1 deferral).
        // Fri 28 Feb: a is seen; b's next working day, Mon 3 Mar, is past February: dropped at once
        // (no deferral), 55 minutes unmet, and b's February is missed for capacity.
        let (_, _, results, s) = try Sim.run(scenario)
        #expect(results[0].deferrals == 1)
        #expect(results[0].droppedMinutes == 55)
        #expect(Sim.mean(s, "ns2021", "contacts.f2f") == 3)
        #expect(Sim.mean(s, "ns2021", "standards.monthly-f2f.met") == 1)
        #expect(Sim.mean(s, "ns2021", "standards.monthly-f2f.missed_capacity") == 1)
        let b = try Sim.trace(scenario, case: "b")
        #expect(b.contains("2025-01-29  f2f attended (deferred for capacity)"))
        #expect(b.contains("2025-02-28  f2f_appointment dropped: no room in the diary before it stopped counting (unmet)"))
        #expect(b.contains("2025-02-28  standard monthly-f2f (1 F2F / 1 contacts in 2025-02-01..2025-02-28): missed_capacity"))
    }
}
