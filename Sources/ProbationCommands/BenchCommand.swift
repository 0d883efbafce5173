import ArgumentParser
import Foundation
import SimulationCore
import ProbationModel

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

    @Option(help: "Number of independent processes pending at once, 1 to 50,000,000.", transform: OptionValue.whole(1...50_000_000))
    var processes: Int = 1000

    @Option(help: "Number of events to process in all, 1 to 10,000,000,000.", transform: OptionValue.whole(1...10_000_000_000))
    var events: Int = 20_000_000

    @Option(help: "Seed for the exponential delays, 0 to 2^63 - 1.", transform: OptionValue.seed)
    var seed: UInt64 = 1

    @Option(help: "Event-queue structure to measure (the model uses buckets).")
    var queue: QueueChoice = .buckets

    func run() throws {
        let choice: EngineBenchmark.Queue = switch queue {
        case .binary: .binary
        case .quaternary: .quaternary
        case .buckets: .buckets
        }
        let result = try EngineBenchmark.run(queue: choice, processes: processes, events: events, seed: seed)
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
