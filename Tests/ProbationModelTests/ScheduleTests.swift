import Foundation
import Testing
import SimulationCore
@testable import ProbationModel
@testable import ProbationRules

/// Schedules of numeric settings (`{schedule: [{from, value}, ...]}`): `caseload.arrivals_per_week`,
/// `behaviour.attendance`, an activity's `per_case_month`.
@Suite struct ScheduleTests {
    /// 6-month community orders only (W = 182.6 / 7 = 26.09 weeks on average), nobody breached, no
    /// other case: the caseload is the arrivals of the last W weeks.
    static let base = ScenarioBuilder(name: "schedule", start: "2025-01-06").horizon(years: 3).replications(4).seed(11)
        .caseload("sentences", ["community_order": ["months": 6]]).attendance(1).breachesContinue().workforce(.unlimited)

    static func schedule(_ steps: [(String, Double)]) -> ScenarioBuilder.Value {
        ["schedule": .list(steps.map { ["from": .scalar($0.0), "value": .init($0.1)] })]
    }

    /// Little's law before and after a step from 10 to 20 arrivals a week on 5 January 2026: the
    /// mean caseload λW is 10 × 26.09 = 261 in the second half of 2025 and 20 × 26.09 = 522 from
    /// July 2026 (each within 5%); the arrivals in each year are 10 × 52 and 20 × 52 (within 4 SD).
    @Test func anArrivalsStepMovesTheCaseloadByLittlesLaw() throws {
        let b = ScheduleTests.base.caseload("arrivals_per_week", ScheduleTests.schedule([("2025-01-06", 10), ("2026-01-05", 20)]))
        let (s, _, results, _) = try Sim.run(b)
        #expect(s.caseload.arrivalsSchedule.map(\.value) == [10, 20])
        let w = 182.6 / 7
        func mean(from: String, to: String) -> Double {
            let lo = Day(iso: from)!, hi = Day(iso: to)!
            let cases = results.flatMap { $0.weeks.filter { $0.weekStart >= lo && $0.weekStart < hi }.map(\.cases) }
            return Double(cases.reduce(0, +)) / Double(cases.count)
        }
        let before = mean(from: "2025-07-07", to: "2026-01-05"), after = mean(from: "2026-07-06", to: "2027-01-04")
        #expect(abs(before / (10 * w) - 1) < 0.05, "before the step: \(before) against \(10 * w)")
        #expect(abs(after / (20 * w) - 1) < 0.05, "after the step: \(after) against \(20 * w)")
        let gen = try CaseGenerator(scenario: s).cases(replication: 0)
        let y2025 = gen.filter { $0.entry.civil.year == 2025 }.count, y2026 = gen.filter { $0.entry.civil.year == 2026 }.count
        #expect(abs(Double(y2025) - 520) < 4 * 520.0.squareRoot(), "\(y2025) arrivals in 2025")
        #expect(abs(Double(y2026) - 1040) < 4 * 1040.0.squareRoot(), "\(y2026) arrivals in 2026")
    }

    @Test func aNumberIsStillAConstantRate() throws {
        let (s, _) = try ScenarioReader.parse(ScheduleTests.base.caseload(arrivalsPerWeek: 7).text, file: "t.yaml")
        #expect(s.caseload.arrivalsPerWeek == 7 && s.caseload.arrivalsSchedule.isEmpty)
    }

    @Test func badSchedulesAreRefused() throws {
        func problems(_ v: ScenarioBuilder.Value) -> String {
            do { _ = try ScenarioReader.parse(ScheduleTests.base.caseload("arrivals_per_week", v).text, file: "t.yaml"); return "" } catch { return "\(error)" }
        }
        let late = problems(ScheduleTests.schedule([("2025-02-03", 10)]))
        #expect(late.contains("caseload.arrivals_per_week.schedule[0].from") && late.contains("on or before the start"), "\(late)")
        let order = problems(ScheduleTests.schedule([("2025-01-06", 10), ("2026-01-05", 20), ("2025-06-02", 5)]))
        #expect(order.contains("schedule[2].from") && order.contains("in order"), "\(order)")
        let outside = problems(ScheduleTests.schedule([("2025-01-06", 10), ("2030-01-07", 20)]))
        #expect(outside.contains("inside the horizon") && outside.contains("2030-01-07"), "\(outside)")
        #expect(problems(ScheduleTests.schedule([("2025-01-06", -1)])).contains("schedule[0].value"))
        #expect(problems(["schedul": []]).contains("did you mean 'schedule'"))
    }

    /// Attendance 1 until 1 May 2025, then 0: every contact before it is attended, none after.
    @Test func anAttendanceStepChangesWhoTurnsUp() throws {
        let b = ScenarioBuilder(name: "attendance", start: "2025-01-06").horizon(months: 10).workforce(.unlimited)
            .behaviour("attendance", ScheduleTests.schedule([("2025-01-06", 1), ("2025-05-01", 0)])).acceptableAbsence(1)
            .professionalJudgement(f2fPerMonth: 0).noRecallHazard()
            .namedCase(id: "x", type: .communityOrder, start: "2025-01-06", months: 9, tier: "C2", rosh: .medium)
        let (s, _) = try ScenarioReader.parse(b.text, file: "t.yaml")
        #expect(s.behaviour.attendanceSchedule.map(\.value) == [1, 0])
        let lines = try Sim.trace(b, case: "x")
        let change = Day(iso: "2025-05-01")!
        let contacts = lines.filter { $0.contains(" attended") || $0.contains("not attended") }
        let before = contacts.filter { Day(iso: String($0.prefix(10)))! < change }
        let after = contacts.filter { Day(iso: String($0.prefix(10)))! >= change }
        #expect(before.count >= 4 && before.allSatisfy { !$0.contains("not attended") }, "\(before)")
        #expect(after.count >= 4 && after.allSatisfy { $0.contains("not attended") }, "\(after)")
        let bad = ScenarioBuilder(name: "attendance", start: "2025-01-06").caseload(initial: 5)
            .behaviour("attendance", ScheduleTests.schedule([("2025-01-06", 0.9), ("2025-05-01", 1.5)]))
        #expect(throws: InputProblems.self) { try ScenarioReader.parse(bad.text, file: "t.yaml") }
    }

    /// Case administration at 4 pieces of 60 minutes a case-month, then none from 7 July 2025 (the
    /// rate is the one in force at each month's start, so July still books, August does not).
    /// Weeks before the change are the constant run's to the byte (the same keyed draws); every
    /// week from 4 August has no case administration.
    @Test func aVolumeScheduleStopsTheWorkFromItsDate() throws {
        func admin(_ v: ScenarioBuilder.Value) -> ScenarioBuilder {
            ScheduleTests.base.horizon(years: 1).replications(2).caseload(arrivalsPerWeek: 10)
                .activity("case_admin", ["minutes": 60, "per_case_month": v, "every_months": 0])
        }
        let (s, _, scheduled, _) = try Sim.run(admin(ScheduleTests.schedule([("2025-01-06", 4), ("2025-07-07", 0)])))
        let (_, _, constant, _) = try Sim.run(admin(4))
        let k = try #require(s.activities.index(of: "case_admin"))
        let change = Day(iso: "2025-07-07")!, stopped = Day(iso: "2025-08-04")!
        for (a, b) in zip(scheduled, constant) {
            let before = a.weeks.filter { $0.weekStart.adding(days: 7) <= change }
            #expect(!before.isEmpty)
            for (wa, wb) in zip(before, b.weeks) {
                #expect(wa.minutesByActivity == wb.minutesByActivity, "week of \(wa.weekStart.iso)")
            }
            #expect(before.dropFirst(8).allSatisfy { $0.minutesByActivity[k] > 0 })   // once cases have had a month start on the books
            #expect(a.weeks.filter { $0.weekStart >= stopped }.allSatisfy { $0.minutesByActivity[k] == 0 })
        }
        let bad = (try? ScenarioReader.parse(admin(ScheduleTests.schedule([("2025-01-06", 4), ("2025-07-07", 101)])).text, file: "t.yaml")) == nil
        #expect(bad)
        // A new row takes a schedule too.
        let (n, _) = try ScenarioReader.parse(ScheduleTests.base.caseload(arrivalsPerWeek: 10).activity("new_work", ["label": "New", "group": "administration",
            "minutes": 10, "per_case_month": ScheduleTests.schedule([("2025-01-06", 0), ("2025-07-07", 2)])]).text, file: "t.yaml")
        #expect(n.activities.kinds.last?.perCaseMonthSchedule.map(\.value) == [0, 2] && n.activities.kinds.last?.isScheduled == true)
    }

    /// One PO always at work, a case-work share of 0.5 then 1.0 from Monday 7 July 2025, no
    /// overtime, and far more work than fits: every working day is filled, so the hours done in a
    /// five-day week are about 37 × the share: 18.5 before the change and 37 after, on average
    /// over the weeks with no bank holiday (within 15%: a piece longer than what is left of a day
    /// waits, and one longer than a whole day is done on an empty one).
    @Test func aCaseWorkShareStepChangesTheHoursADayHolds() throws {
        let b = ScenarioBuilder(name: "share", start: "2025-01-06").horizon(years: 1).replications(1).seed(3)
            .caseload(initial: 400, arrivalsPerWeek: 5).caseload("custody_phase", false).alwaysAtWork().overtimeShare(0)
            .setting(["workforce", "practitioners"], .list([["grade": "PO", "count": 1,
                "case_work_share": ScheduleTests.schedule([("2025-01-06", 0.5), ("2025-07-07", 1.0)])]]))
        let (s, _, results, _) = try Sim.run(b)
        #expect(s.workforce.practitioners[0].caseWorkShareSchedule.map(\.value) == [0.5, 1.0])
        let calendar = WorkingDayCalendar(fromYear: 2025, toYear: 2026)
        func weeks(from: String, to: String) -> [Double] {
            let lo = Day(iso: from)!, hi = Day(iso: to)!
            return results[0].weeks.filter { w in w.weekStart >= lo && w.weekStart < hi
                && (0..<5).allSatisfy { calendar.isWorkingDay(w.weekStart.adding(days: $0)) } }
                .map { $0.minutesByActivity.reduce(0, +) / 60 }
        }
        let before = weeks(from: "2025-03-03", to: "2025-07-07"), after = weeks(from: "2025-07-07", to: "2025-12-01")
        #expect(!before.isEmpty && !after.isEmpty)
        let meanBefore = before.reduce(0, +) / Double(before.count), meanAfter = after.reduce(0, +) / Double(after.count)
        #expect(abs(meanBefore / 18.5 - 1) < 0.15, "\(meanBefore) hours a week before the change")
        #expect(abs(meanAfter / 37 - 1) < 0.15, "\(meanAfter) hours a week after the change")
        #expect(abs(meanAfter / meanBefore - 2) < 0.3, "\(meanAfter / meanBefore) times the hours")
    }

    /// Community orders only until 5 January 2026, then licences and orders at equal weights:
    /// every arrival before the date is an order; from it about half are licences (within 4 SD of
    /// a binomial half); arrivals before the date are those of the constant mix, case by case.
    @Test func aSentenceWeightStepChangesTheMixFromItsDate() throws {
        func mix(_ licence: ScenarioBuilder.Value) -> ScenarioBuilder {
            ScheduleTests.base.caseload(arrivalsPerWeek: 20).caseload("sentences", [
                "community_order": ["weight": 1, "months": 6],
                "licence": ["weight": licence, "custody_months": 12]])
        }
        let (s, _) = try ScenarioReader.parse(mix(ScheduleTests.schedule([("2025-01-06", 0), ("2026-01-05", 1)])).text, file: "t.yaml")
        let cases = try CaseGenerator(scenario: s).cases(replication: 0)
        let change = Day(iso: "2026-01-05")!
        let before = cases.filter { $0.entry < change }, after = cases.filter { $0.entry >= change }
        #expect(!before.isEmpty && before.allSatisfy { $0.spec.type == .communityOrder })
        let licences = Double(after.filter { $0.spec.type == .licence }.count), n = Double(after.count)
        #expect(abs(licences - n / 2) < 4 * (n / 4).squareRoot(), "\(licences) licences of \(n) arrivals after the change")
        let (c, _) = try ScenarioReader.parse(mix(0).caseload("sentences", ["community_order": ["weight": 1, "months": 6]]).text, file: "t.yaml")
        let constant = try CaseGenerator(scenario: c).cases(replication: 0).filter { $0.entry < change }
        #expect(before.map(\.spec.id) == constant.map(\.spec.id) && before.map(\.entry) == constant.map(\.entry))
        let zero = (try? ScenarioReader.parse(mix(ScheduleTests.schedule([("2025-01-06", 1), ("2026-01-05", 0)]))
            .caseload("sentences", ["licence": ["weight": ScheduleTests.schedule([("2025-01-06", 1), ("2026-01-05", 0)]), "custody_months": 12]]).text, file: "t.yaml")) == nil
        #expect(zero)
    }

    /// A group of 4 POs at 37 hours: 8 from Monday 7 April 2025, 2 from Monday 1 September. The
    /// case-holding FTE at each week's start is exactly 4, then 8, then 2 (no reductions), and
    /// every case stays with a practitioner in post (the debug invariant checks it every week).
    @Test func aHeadCountScheduleJoinsAndLetsGo() throws {
        let b = ScenarioBuilder(name: "count", start: "2025-01-06").horizon(years: 1).replications(1).seed(5)
            .caseload(initial: 200, arrivalsPerWeek: 4).caseload("custody_phase", false)
            .setting(["workforce", "practitioners"], .list([["grade": "PO", "hours_per_week": 37,
                "count": ScheduleTests.schedule([("2025-01-06", 4), ("2025-04-07", 8), ("2025-09-01", 2)])]]))
        let (s, _, results, _) = try Sim.run(b)
        #expect(s.workforce.practitioners[0].countSchedule.map(\.value) == [4, 8, 2])
        for w in results[0].weeks {
            let expected: Double = w.weekStart < Day(iso: "2025-04-07")! ? 4 : w.weekStart < Day(iso: "2025-09-01")! ? 8 : 2
            #expect(abs(w.caseHoldingFTE - expected) < 1e-9, "\(w.weekStart.iso): \(w.caseHoldingFTE)")
        }
        #expect(Set(results[0].weeks.map(\.caseHoldingFTE)) == [4, 8, 2])
        let half = (try? ScenarioReader.parse(b.setting(["workforce", "practitioners"], .list([["grade": "PO",
            "count": ScheduleTests.schedule([("2025-01-06", 4), ("2025-04-07", 2.5)])]])).text, file: "t.yaml")) == nil
        #expect(half)
    }
}
