import Foundation
import Testing
import SimulationCore
@testable import ProbationModel

/// Release surges (`caseload.releases`): licence cases released on a day, joining the caseload that day.
@Suite struct ReleaseSurgeTests {
    static let base = ScenarioBuilder(name: "surge", start: "2024-09-02").horizon(months: 3).seed(40)
        .workforce(.unlimited).noRecallHazard()

    static func surge(on: String, count: Int, custodyMonths: ScenarioBuilder.Value? = nil) -> ScenarioBuilder.Value {
        var pairs: [(String, ScenarioBuilder.Value)] = [("on", .scalar(on)), ("count", .init(count))]
        if let custodyMonths { pairs.append(("custody_months", custodyMonths)) }
        return .map(pairs)
    }

    @Test func aSurgeAddsItsCountOfLicencesOnItsDay() throws {
        let b = ReleaseSurgeTests.base.caseload("releases", [ReleaseSurgeTests.surge(on: "2024-09-10", count: 25, custodyMonths: 24),
                                                             ReleaseSurgeTests.surge(on: "2024-10-22", count: 11)])
        let (s, variants) = try ScenarioReader.parse(b.text, file: "t.yaml")
        #expect(s.caseload.releases.map(\.count) == [25, 11])
        let cases = try CaseGenerator(scenario: s).cases(replication: 0)
        #expect(cases.count == 36)
        #expect(cases.filter { $0.entry == Day(iso: "2024-09-10")! }.count == 25)
        #expect(cases.filter { $0.entry == Day(iso: "2024-10-22")! }.count == 11)
        #expect(cases.allSatisfy { $0.spec.type == .licence && $0.spec.start == $0.entry && $0.spec.id.hasPrefix("r") })
        #expect(cases.prefix(25).allSatisfy { $0.spec.custodyMonths == 24 })
        // Simulated: nobody on the books before the first surge; 25 from it (24-month sentences:
        // 12-month licences, so nobody leaves in the run), 36 from the second.
        let results = try Runner(scenario: s, variants: variants).run(jobs: Runner(scenario: s, variants: variants).allJobs, threads: 1)
        let weeks = results[0].weeks
        #expect(weeks.first { $0.weekStart == Day(iso: "2024-09-09")! }?.cases == 0)
        #expect(weeks.first { $0.weekStart == Day(iso: "2024-09-16")! }?.cases == 25)
        #expect(weeks.first { $0.weekStart == Day(iso: "2024-10-21")! }?.cases == 25)
        #expect(weeks.first { $0.weekStart == Day(iso: "2024-10-28")! }?.cases == 36)
        #expect(results[0].cases == 36)
    }

    @Test func aSurgeMovesNoOtherCase() throws {
        let plain = ReleaseSurgeTests.base.caseload(initial: 40, arrivalsPerWeek: 3)
        let with = plain.caseload("releases", [ReleaseSurgeTests.surge(on: "2024-10-01", count: 30)])
        let (a, _) = try ScenarioReader.parse(plain.text, file: "t.yaml")
        let (b, _) = try ScenarioReader.parse(with.text, file: "t.yaml")
        let without = try CaseGenerator(scenario: a).cases(replication: 0)
        let others = try CaseGenerator(scenario: b).cases(replication: 0).filter { !$0.spec.id.hasPrefix("r") }
        #expect(without.map(\.spec.id) == others.map(\.spec.id))
        #expect(zip(without, others).allSatisfy { $0.spec == $1.spec && $0.entry == $1.entry })
    }

    @Test func badSurgesAreRefused() throws {
        func problems(_ surge: ScenarioBuilder.Value) -> String {
            do { _ = try ScenarioReader.parse(ReleaseSurgeTests.base.caseload("releases", [surge]).text, file: "t.yaml"); return "" } catch { return "\(error)" }
        }
        let outside = problems(ReleaseSurgeTests.surge(on: "2025-09-10", count: 5))
        #expect(outside.contains("caseload.releases[0].on") && outside.contains("inside the horizon") && outside.contains("2025-09-10"), "\(outside)")
        #expect(problems(ReleaseSurgeTests.surge(on: "2024-09-10", count: 0)).contains("caseload.releases[0].count"))
        #expect(problems(["on": "2024-09-10"]).contains("needs 'count'"))
        #expect(problems(["on": "2024-09-10", "count": 3, "custody_month": 12]).contains("did you mean 'custody_months'"))
    }
}
