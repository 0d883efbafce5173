import ArgumentParser
import Foundation
import SimulationCore

/// `probsim bench ...`: benchmarks that print one JSON line each.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure speed and memory; each prints one JSON line.",
        subcommands: [EngineBench.self, ModelBench.self, PlanBench.self]
    )
}

/// The heap arity to benchmark.
enum QueueChoice: String, ExpressibleByArgument, CaseIterable {
    case binary, quaternary, buckets
}

/// `probsim bench engine --processes N --events M`.
struct EngineBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "engine",
        abstract: "The core engine alone: N processes, each rescheduling itself after an exponential delay (mean 1 day), M events in all.",
        discussion: "Prints one JSON line: events, processes, queue, events_per_second, wall_seconds, peak_rss_bytes."
    )

    @Option(help: "Number of independent processes pending at once.")
    var processes: Int = 1000

    @Option(help: "Number of events to process in all.")
    var events: Int = 20_000_000

    @Option(help: "Seed for the exponential delays.")
    var seed: UInt64 = 1

    @Option(help: "Event-queue structure to measure (the model uses buckets).")
    var queue: QueueChoice = .buckets

    func validate() throws {
        guard (1...50_000_000).contains(processes) else {
            throw ValidationError("--processes must be between 1 and 50,000,000, found \(processes)")
        }
        guard (1...10_000_000_000).contains(events) else {
            throw ValidationError("--events must be between 1 and 10,000,000,000, found \(events)")
        }
    }

    func run() throws {
        let result: EngineBenchmark.Result
        switch queue {
        case .binary:
            result = try EngineBenchmark.run(EventEngine<HeapEventQueue<BinaryArity>>.self, processes: processes, events: events, seed: seed)
        case .quaternary:
            result = try EngineBenchmark.run(EventEngine<HeapEventQueue<QuaternaryArity>>.self, processes: processes, events: events, seed: seed)
        case .buckets:
            result = try EngineBenchmark.run(EventEngine<BucketedEventQueue>.self, processes: processes, events: events, seed: seed)
        }
        let line: [String: Any] = [
            "benchmark": "engine",
            "processes": processes,
            "events": result.events,
            "queue": queue.rawValue,
            "events_per_second": (result.eventsPerSecond).rounded(),
            "wall_seconds": (result.wallSeconds * 1e4).rounded() / 1e4,
            "peak_rss_bytes": ResourceUsage.peakResidentBytes(),
            "final_time_days": (result.finalTime * 1e3).rounded() / 1e3,
        ]
        let data = try JSONSerialization.data(withJSONObject: line, options: [.sortedKeys])
        print(String(decoding: data, as: UTF8.self))
    }
}

/// `probsim bench model SCENARIO`: one replication of one regime, timed.
struct ModelBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "model",
        abstract: "One replication of one regime of a scenario, timed (caseload generation included).",
        discussion: "Prints one JSON line: cases, events, events_per_second, wall_seconds, peak_rss_bytes, and the regime and replication measured.")

    @Argument(help: "The scenario file.")
    var scenario: String

    @Option(help: "The regime to run (default: the scenario's first).")
    var regime: String?

    func run() throws {
        let (s, all) = try ScenarioInput.load(scenario)
        let regimes = try ScenarioInput.select(regime.map { [$0] } ?? [], from: s, all)
        try MemoryLimit.check(s, regimes: 1, jobs: 1)
        let runner = Runner(scenario: s, regimes: [regimes[0]])
        let start = DispatchTime.now().uptimeNanoseconds
        let results: [ReplicationResult]
        do { results = try runner.run(jobs: [Runner.Job(replication: 0, regimeIndex: 0)], threads: 1) } catch { throw internalError(error) }
        let wall = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let r = results[0]
        let line: JSONValue = .object([
            ("benchmark", .string("model")), ("scenario", .string(s.name)), ("regime", .string(regimes[0].name)),
            ("cases", .int(r.casesSimulated)), ("events", .int(Int(r.events))),
            ("events_per_second", .num((Double(r.events) / wall).rounded())), ("wall_seconds", .num((wall * 1e4).rounded() / 1e4)),
            ("peak_rss_bytes", .int(Int(ResourceUsage.peakResidentBytes()))), ("deferrals", .int(r.deferrals)),
            ("simulated_years", .num(Double(s.start.days(to: s.end)) / 365.25)),
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
        let (s, regimes) = try ScenarioInput.load(scenario)
        let cases: [GeneratedCase]
        do { cases = try CaseGenerator(scenario: s).cases(replication: 0) } catch { throw internalError(error) }
        let calendar = CaseGenerator.calendar(for: s)
        for r in regimes {
            let planner = ContactPlanner(regime: r, options: s.reading, professionalJudgement: s.professionalJudgement, calendar: calendar)
            let start = DispatchTime.now().uptimeNanoseconds
            var bookings = 0
            for c in cases { bookings += planner.plan(c.spec, from: c.spec.start < c.entry ? c.entry : nil).bookings.count }
            let wall = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            let line: JSONValue = .object([("benchmark", .string("plan")), ("regime", .string(r.name)), ("cases", .int(cases.count)),
                                           ("bookings", .int(bookings)), ("wall_seconds", .num((wall * 1e4).rounded() / 1e4)),
                                           ("microseconds_per_case", .num((wall / Double(max(1, cases.count)) * 1e6 * 100).rounded() / 100))])
            print(line.text(indent: nil))
        }
    }
}
