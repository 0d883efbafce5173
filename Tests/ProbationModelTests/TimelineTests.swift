import Foundation
import Testing
import SimulationCore
@testable import ProbationModel
@testable import ProbationRules

/// Regime timelines (`regimes: [{name, timeline: [{regime}, {regime, from}]}]`): the first
/// regime until the change, the next from its date, every case in flight replanned under it.
@Suite struct TimelineTests {
    static let change = "2024-06-07"

    /// A timeline entry of `regimes`: the first regime from the start, the second from `from`.
    static func timeline(_ name: String, _ first: String, then second: String, from: String = change) -> ScenarioBuilder.Value {
        ["name": .scalar(name), "timeline": [["regime": .scalar(first)], ["regime": .scalar(second), "from": .scalar(from)]]]
    }

    /// A small team under shortage, its first regime run alone beside the timeline.
    static let team = ScenarioBuilder(name: "timeline", start: "2024-01-01").horizon(months: 12).replications(2).seed(20240607)
        .setting(["regimes"], [.scalar("ns2021"), timeline("rollout", "ns2021", then: "reset2024")])
        .caseload(initial: 150, arrivalsPerWeek: 2.5)
        .workforce(.po(count: 2), .pso(count: 2))

    @Test func beforeTheChangeATimelineIsItsFirstRegimeExactly() throws {
        let (_, variants, results, summary) = try Sim.run(TimelineTests.team)
        #expect(variants.map(\.name) == ["ns2021", "rollout"])
        let change = Day(iso: TimelineTests.change)!
        for rep in 0..<2 {
            let plain = try #require(results.first { $0.regime == "ns2021" && $0.replication == rep })
            let line = try #require(results.first { $0.regime == "rollout" && $0.replication == rep })
            let before = plain.weeks.prefix { $0.weekStart.adding(days: 7) <= change }.count
            #expect(before == 22)
            for w in 0..<before {
                let a = plain.weeks[w], b = line.weeks[w]
                #expect(a.minutesByActivity == b.minutesByActivity, "week \(a.weekStart.iso): hours by activity")
                #expect(a.cases == b.cases && a.casesByPhase == b.casesByPhase && a.casesInCustody == b.casesInCustody)
                #expect(a.backlogHours == b.backlogHours && a.wmtPercent == b.wmtPercent && a.caseloadMean == b.caseloadMean)
            }
            // Outcomes of standards falling due in the weeks before the change: the same counts.
            for (id, byWeek) in plain.standardsByWeek {
                for (w, counts) in byWeek where w < before {
                    #expect(line.standardsByWeek[id]?[w] == counts, "standard \(id), week \(w)")
                }
            }
            for (id, byWeek) in line.standardsByWeek {
                for (w, _) in byWeek where w < before { #expect(plain.standardsByWeek[id]?[w] != nil, "standard \(id) only in the timeline, week \(w)") }
            }
            // After the change the Reset suspends contact: fewer hours than the first regime's own run.
            let after = { (r: ReplicationResult) in r.weeks.dropFirst(before + 1).reduce(0.0) { $0 + $1.minutesByActivity.reduce(0, +) } }
            #expect(after(line) < after(plain))
        }
        // The timeline reports the union of its regimes' standards, its first regime's first.
        let own = try RegimeLoader.load("ns2021").standards.map(\.id)
        let next = try RegimeLoader.load("reset2024").standards.map(\.id)
        let union = own + next.filter { !own.contains($0) }
        #expect(ReplicationModel.standardIDs(of: variants[1].regime) == union)
        #expect(Sim.mean(summary, "rollout", "hours.total") != nil)
    }

    /// Two licences from 36-month sentences (18-month licences, 6 March 2023 to 6 September
    /// 2024), in their final third on the change date; one is MAPPA, so exempt from the Reset's
    /// suspension.
    static let licences = ScenarioBuilder(name: "timeline-cases", start: "2024-01-01").horizon(months: 12)
        .setting(["regimes"], [timeline("rollout", "ns2021", then: "reset2024"), .scalar("ns2021")])
        .professionalJudgement(f2fPerMonth: 0).attendance(1).noRecallHazard().workforce(.unlimited)
        .noRiskChanges().monthlyHazards(mappa: 0, nsd: 0, childProtection: 0)
        .reactiveEventsPerMonth(0)
        .namedCase(id: "final-third", type: .licence, start: "2023-03-06", custodyMonths: 36, tier: "C2", rosh: .medium)
        .namedCase(id: "mappa", type: .licence, start: "2023-03-06", custodyMonths: 36, tier: "C2", rosh: .medium, flags: [.mappa])

    /// F2F contacts of a case's trace, as (day, line).
    static func f2f(_ lines: [String]) -> [(Day, String)] {
        lines.compactMap { line in
            guard ["initial_appointment ", "f2f "].contains(where: { line.dropFirst(12).hasPrefix($0) }), let d = Day(iso: String(line.prefix(10))) else { return nil }
            return (d, line)
        }
    }

    @Test func aCaseInItsFinalThirdStopsBeingSeenAtTheChangeAnExemptOneDoesNot() throws {
        let change = Day(iso: TimelineTests.change)!
        let lines = try Sim.trace(TimelineTests.licences, case: "final-third", regimeIndex: 0)
        #expect(lines.contains("2024-06-07  regime changes to reset2024: replanned from today"), "\(lines)")
        let plain = TimelineTests.f2f(lines)
        let mappa = TimelineTests.f2f(try Sim.trace(TimelineTests.licences, case: "mappa", regimeIndex: 0))
        let alone = TimelineTests.f2f(try Sim.trace(TimelineTests.licences, case: "final-third", regimeIndex: 1))
        // Seen monthly before the change under ns2021 (its final third began in May 2024).
        #expect(plain.filter { $0.0 < change }.count >= 4)
        #expect(plain.filter { $0.0 >= change }.isEmpty, "suspended under the Reset after the change: \(plain.map(\.1))")
        #expect(mappa.filter { $0.0 >= change }.count >= 2, "MAPPA is exempt: still seen monthly: \(mappa.map(\.1))")
        #expect(alone.filter { $0.0 >= change }.count >= 2, "under ns2021 alone the case is still seen")
        // Scoring: the months after the change are not applicable for the suspended case only.
        let (_, _, results, _) = try Sim.run(TimelineTests.licences.namedCase(id: "unused", type: .communityOrder, start: "2025-06-02"))
        let line = try #require(results.first { $0.regime == "rollout" })
        let alone2 = try #require(results.first { $0.regime == "ns2021" })
        let notApplicable = StandardOutcome.notApplicable.index
        #expect((line.standards["monthly-f2f"]?[notApplicable] ?? 0) >= 3)
        #expect((alone2.standards["monthly-f2f"]?[notApplicable] ?? 0) == 0)
    }

    @Test func timelineProblemsAreReportedWithWhereWhatAndExpected() throws {
        func problems(_ entry: ScenarioBuilder.Value) -> String {
            let b = ScenarioBuilder(name: "t", start: "2024-01-01").horizon(months: 12).caseload(initial: 10).setting(["regimes"], [entry])
            do { _ = try ScenarioReader.parse(b.text, file: "t.yaml"); return "" } catch { return "\(error)" }
        }
        let typo = problems(["name": "r", "timeline": [["regime": "ns2021"], ["regime": "reset2042", "from": "2024-06-07"]]])
        #expect(typo.contains("t.yaml:") && typo.contains("regimes[0].timeline[1].regime") && typo.lowercased().contains("did you mean 'reset2024'"), "\(typo)")
        let order = problems(["name": "r", "timeline": [["regime": "ns2021"], ["regime": "reset2024", "from": "2024-06-07"],
                                                          ["regime": "ns2021", "from": "2024-03-01"]]])
        #expect(order.contains("regimes[0].timeline[2].from") && order.contains("in order") && order.contains("2024-03-01"), "\(order)")
        let outside = problems(["name": "r", "timeline": [["regime": "ns2021"], ["regime": "reset2024", "from": "2026-06-07"]]])
        #expect(outside.contains("inside the horizon") && outside.contains("2026-06-07"), "\(outside)")
        let noFrom = problems(["name": "r", "timeline": [["regime": "ns2021"], ["regime": "reset2024"]]])
        #expect(noFrom.contains("regimes[0].timeline[1]") && noFrom.contains("needs 'from"), "\(noFrom)")
        let firstFrom = problems(["name": "r", "timeline": [["regime": "ns2021", "from": "2024-02-01"], ["regime": "reset2024", "from": "2024-06-07"]]])
        #expect(firstFrom.contains("regimes[0].timeline[0].from"), "\(firstFrom)")
        let noName = problems(["timeline": [["regime": "ns2021"], ["regime": "reset2024", "from": "2024-06-07"]]])
        #expect(noName.contains("needs 'name'"), "\(noName)")
        let key = problems(["name": "r", "timelines": []])
        #expect(key.contains("did you mean 'timeline'"), "\(key)")
    }

    @Test func timelinesComposeWithStaffingLevels() throws {
        let b = TimelineTests.team.replications(1).staffingLevels(1, 0.5)
        let (_, variants) = try ScenarioReader.parse(b.text, file: "t.yaml")
        #expect(variants.map(\.name) == ["ns2021@100%", "rollout@100%", "ns2021@50%", "rollout@50%"])
        #expect(variants[3].stages.map(\.regime.name) == ["ns2021", "reset2024"])
        #expect(variants[3].workforce.practitioners.map(\.count) == [1, 1])
    }

    @Test func aTimelineMayNameARegimeFile() throws {
        let dir = try temporaryFolder("probsim-timeline")
        defer { try? FileManager.default.removeItem(at: dir) }
        try CommonRandomNumbersTests.regime.write(to: dir.appendingPathComponent("extra.yaml"), atomically: true, encoding: .utf8)
        let b = TimelineTests.licences.setting(["regimes"], [TimelineTests.timeline("to-extra", "ns2021", then: "extra.yaml")])
        let (s, variants) = try ScenarioReader.parse(b.text, file: dir.appendingPathComponent("s.yaml").path, folder: dir.path)
        #expect(s.regimes == ["to-extra"])
        #expect(variants.map(\.name) == ["to-extra"])
        #expect(variants[0].stages.map(\.regime.name) == ["ns2021", "ns2021-extra-other"])
        #expect(variants[0].stages[1].from == Day(iso: TimelineTests.change))
        #expect(ReplicationModel.standardIDs(of: variants[0].regime).contains("early-other"))
        let results = try Runner(scenario: s, variants: variants).run(jobs: Runner(scenario: s, variants: variants).allJobs, threads: 1)
        #expect(results.count == 1)
    }

    /// The shipped scenario (too slow for a golden in debug: about 20 s a replication) validates
    /// with its timeline and surges.
    @Test func shippedRolloutScenarioValidates() throws {
        let path = Repository.root.appendingPathComponent("scenarios/reset-rollout-2024.yaml").path
        let study = try ScenarioReader.study(path: path)
        #expect(study.variants.map(\.name) == ["ns2021", "reset-rollout"])
        #expect(study.variants[1].stages.map(\.regime.name) == ["ns2021", "reset2024"])
        #expect(study.variants[1].stages[1].from == Day(iso: "2024-06-07"))
        #expect(study.scenario.caseload.releases.map(\.count) == [16, 10])
        #expect(study.scenario.caseload.releases.map(\.on.iso) == ["2024-09-10", "2024-10-22"])
    }

    @Test func theReportMarksTheChangeAndSurgesOnACalendarAxis() throws {
        let dir = try temporaryFolder("probsim-timeline-report")
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("s.yaml")
        try TimelineTests.team.replications(1).caseload("releases", [["on": "2024-09-10", "count": 5]]).text.write(to: file, atomically: true, encoding: .utf8)
        try Probsim.run(["run", file.path, "--quiet", "--out", dir.appendingPathComponent("out").path])
        let report = try Probsim.read(dir.appendingPathComponent("out"), "report.html")
        #expect(report.contains("class=\"marker\"><title>reset2024 from 2024-06-07</title>"))
        #expect(report.contains("class=\"marker\"><title>5 released 2024-09-10</title>"))
        #expect(report.contains(">2024-06</text>") || report.contains(">2024-07</text>"))
        #expect(report.contains("Timeline: ns2021, then reset2024 from 2024-06-07."))
    }

    /// A community order sentenced the day before the change has its first appointment booked on
    /// the change day; its sentence plan (15 working days from that appointment) is still due,
    /// under the new regime as under the first regime alone.
    @Test func aSentencePlanSetInTrainBeforeTheChangeIsStillDue() throws {
        let b = ScenarioBuilder(name: "timeline-plan", start: "2024-01-01").horizon(months: 12)
            .setting(["regimes"], [TimelineTests.timeline("rollout", "ns2021", then: "reset2024"), .scalar("ns2021")])
            .professionalJudgement(f2fPerMonth: 0).attendance(1).noRecallHazard().workforce(.unlimited)
            .noRiskChanges().monthlyHazards(mappa: 0, nsd: 0, childProtection: 0).reactiveEventsPerMonth(0)
            .namedCase(id: "new", type: .communityOrder, start: "2024-06-06", months: 12, requirements: [.rar], tier: "C2", rosh: .medium)
        let (_, _, results, _) = try Sim.run(b)
        for r in results {
            let plan = r.standards["sentence-plan"] ?? []
            #expect(plan.reduce(0, +) == 1 && plan[StandardOutcome.met.index] == 1, "\(r.regime): \(plan)")
            #expect((r.standards["first-appointment"] ?? []).reduce(0, +) == 1, "\(r.regime)")
        }
    }

    /// Under heavy shortage (work going late), deadlines overdue at the change are still done
    /// after it: a standard due before the change ends as under the first regime alone.
    @Test func overdueWorkAtTheChangeIsNotDropped() throws {
        let b = TimelineTests.team.replications(1).workforce(.po(count: 1), .pso(count: 1))
        let (_, _, results, _) = try Sim.run(b)
        let change = Day(iso: TimelineTests.change)!
        let plain = try #require(results.first { $0.regime == "ns2021" })
        let line = try #require(results.first { $0.regime == "rollout" })
        let before = plain.weeks.prefix { $0.weekStart.adding(days: 7) <= change }.count
        var late = 0
        for (id, byWeek) in plain.standardsByWeek {
            for (w, counts) in byWeek where w < before {
                late += counts[StandardOutcome.metLate.index]
                #expect(line.standardsByWeek[id]?[w] == counts, "standard \(id), week \(w)")
            }
        }
        #expect(late > 0, "the shortage makes work late before the change")
    }

    /// Eight orders sentenced on 29 May 2024, one PO whose day holds one first appointment: five
    /// are seen by their deadline (5 June), the other three late, the last of them after the
    /// change; the change drops none of them, so the first appointments end as under ns2021 alone.
    @Test func aFirstAppointmentOverdueAtTheChangeIsStillHeld() throws {
        var b = ScenarioBuilder(name: "timeline-late", start: "2024-05-06").horizon(months: 3)
            .setting(["regimes"], [.scalar("ns2021"), TimelineTests.timeline("rollout", "ns2021", then: "reset2024")])
            .professionalJudgement(f2fPerMonth: 0).attendance(1).noRecallHazard()
            .noRiskChanges().monthlyHazards(mappa: 0, nsd: 0, childProtection: 0).reactiveEventsPerMonth(0)
            .workforce(.po(count: 1, hoursPerWeek: 11, caseWorkShare: 0.75)).alwaysAtWork()
            .activity("initial_appointment", 90).activity("record_keeping", 10)
        for k in 1...8 { b = b.namedCase(id: "o\(k)", type: .communityOrder, start: "2024-05-29", months: 12, tier: "C2", rosh: .medium) }
        let (_, _, results, _) = try Sim.run(b)
        let plain = try #require(results.first { $0.regime == "ns2021" }?.standards["first-appointment"])
        let line = try #require(results.first { $0.regime == "rollout" }?.standards["first-appointment"])
        #expect(plain[StandardOutcome.met.index] == 5 && plain[StandardOutcome.metLate.index] == 3, "\(plain)")
        #expect(line == plain)
    }
}
