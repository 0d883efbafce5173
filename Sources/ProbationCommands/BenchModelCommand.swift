import ArgumentParser
import Foundation
import SimulationCore
import ProbationModel
import ProbationRules

/// `probsim bench model SCENARIO`: one replication of one regime, timed.
struct ModelBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "model",
        abstract: "One replication of one regime of a scenario, timed (caseload generation included).",
        discussion: """
            Prints one JSON line: cases (simulated), events, events_per_second, wall_seconds, peak_rss_bytes, \
            deferrals, simulated_years, mean_caseload (people under supervision, POM-held included, the mean \
            over measured weeks), case_years (mean_caseload × simulated_years: the case-years on the books) and \
            microseconds_per_case_year (wall_seconds / case_years), and the regime measured.
            """)

    @Argument(help: "The scenario file.")
    var scenario: String

    @Option(help: "The regime to run (default: the scenario's first).")
    var regime: String?

    func run() throws {
        let study = try ScenarioInput.load(scenario)
        let s = study.scenario
        let regimes = try ScenarioInput.select(regime.map { [$0] } ?? [], from: study).variants
        try MemoryLimit.check(s, regimes: 1, replications: 1, jobs: 1)
        let runner = Runner(scenario: s, variants: [regimes[0]])
        let start = DispatchTime.now().uptimeNanoseconds
        let results: [ReplicationResult]
        do { results = try runner.run(jobs: [Runner.Job(replication: 0, regimeIndex: 0)], threads: 1) } catch { throw internalError(error) }
        let wall = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let r = results[0]
        // Case-years on the books: the mean caseload (as `caseload.under_supervision_mean`) × years simulated.
        let years = Double(s.start.days(to: s.end)) / 365.25
        let meanCaseload = r.weeks.isEmpty ? Double.nan : Double(r.weeks.reduce(0) { $0 + $1.cases + $1.casesPOMHeld }) / Double(r.weeks.count)
        let caseYears = meanCaseload * years
        let line: JSONValue = .object([
            ("benchmark", .string("model")), ("scenario", .string(s.name)), ("regime", .string(regimes[0].name)),
            ("cases", .int(r.casesSimulated)), ("events", .int(Int(r.events))),
            ("events_per_second", .num((Double(r.events) / wall).rounded())), ("wall_seconds", .num((wall * 1e4).rounded() / 1e4)),
            ("peak_rss_bytes", .int(Int(ResourceUsage.peakResidentBytes()))), ("deferrals", .int(r.deferrals)),
            ("simulated_years", .num(years)), ("mean_caseload", .num(meanCaseload.rounded())), ("case_years", .num(caseYears.rounded())),
            ("microseconds_per_case_year", .num((wall / caseYears * 1e6 * 100).rounded() / 100)),
        ])
        print(line.text(indent: nil))
    }
}

/// `probsim bench plan SCENARIO`: the rule interpreter alone, planning every case of one replication.
struct PlanBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "The rule interpreter alone: plans every case of the first replication under each regime, timed.")

    @Argument(help: "The scenario file.")
    var scenario: String

    func run() throws {
        let study = try ScenarioInput.load(scenario)
        let (s, regimes) = (study.scenario, study.variants)
        let cases: [GeneratedCase]
        do { cases = try CaseGenerator(scenario: s).cases(replication: 0) } catch { throw internalError(error) }
        let calendar = CaseGenerator.calendar(for: s)
        for r in regimes {
            let planner = ContactPlanner(regime: r.stages[0].regime, options: s.reading, professionalJudgement: s.professionalJudgement, calendar: calendar)
            let start = DispatchTime.now().uptimeNanoseconds
            var bookings = 0
            for c in cases { bookings += planner.plan(c.spec, from: CaseTimeline(c.spec, options: s.reading).whole.start < c.entry ? c.entry : nil).bookings.count }
            let wall = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            let line: JSONValue = .object([("benchmark", .string("plan")), ("regime", .string(r.name)), ("cases", .int(cases.count)),
                                           ("bookings", .int(bookings)), ("wall_seconds", .num((wall * 1e4).rounded() / 1e4)),
                                           ("microseconds_per_case", .num((wall / Double(max(1, cases.count)) * 1e6 * 100).rounded() / 100))])
            print(line.text(indent: nil))
        }
    }
}
