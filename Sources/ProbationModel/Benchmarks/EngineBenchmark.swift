import Foundation
import SimulationCore

/// The engine benchmark of `probsim bench engine`, the same workload as the SimPy peer in `benchmarks/`.
///
/// N processes each wait an exponential time (mean 1 day), then reschedule themselves;
/// the run stops after M events. Each event costs one GSL exponential draw, one pop and one push.
package enum EngineBenchmark {
    package struct Result {
        package var events: Int
        package var wallSeconds: Double
        package var finalTime: Double
        package var eventsPerSecond: Double { Double(events) / wallSeconds }
    }

    /// The event queues `probsim bench engine` can measure.
    package enum Queue { case binary, quaternary, buckets }

    /// Runs the benchmark on the engine with `queue`, specialized here for each queue as the
    /// model's engine is: called across modules with the engine's type, the generic run went
    /// through the queue's protocol witnesses for every push and pop (at 1,000 processes, 16.9 M
    /// events a second against 19.2 M specialized; `perf record` showed the witness thunks).
    package static func run(queue: Queue, processes: Int, events: Int, seed: UInt64) throws -> Result {
        switch queue {
        case .binary: return try run(EventEngine<HeapEventQueue<BinaryArity>>.self, processes: processes, events: events, seed: seed)
        case .quaternary: return try run(EventEngine<HeapEventQueue<QuaternaryArity>>.self, processes: processes, events: events, seed: seed)
        case .buckets: return try run(EventEngine<BucketedEventQueue>.self, processes: processes, events: events, seed: seed)
        }
    }

    static func run<Q: FutureEventList & ~Copyable>(_: EventEngine<Q>.Type, processes: Int, events: Int, seed: UInt64) throws -> Result {
        let rng = try RandomStream(key: StreamKey(seed: seed, replication: 0, purpose: StreamPurpose("bench-engine")))
        var engine = EventEngine<Q>(start: 0)
        engine.reserveCapacity(processes)
        let clock = ContinuousClock()
        let started = clock.now
        for p in 0..<processes {
            engine.schedule(at: rng.exponential(mean: 1), kind: 0, subject: UInt32(p))
        }
        var handled = 0
        // Delays are drawn in blocks of 256 (the same draws in the same order as one per
        // event), so that the CPU overlaps GSL's logarithms instead of waiting on each.
        let block = UnsafeMutableBufferPointer<Double>.allocate(capacity: 256)
        defer { block.deallocate() }
        var next = block.count
        while handled < events, let e = engine.step() {
            handled += 1
            if next == block.count {
                rng.exponentials(mean: 1, into: block)
                next = 0
            }
            engine.schedule(at: e.time + block[next], kind: e.kind, subject: e.subject)
            next &+= 1
        }
        let elapsed = clock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        return Result(events: handled, wallSeconds: seconds, finalTime: engine.now)
    }
}

/// Peak memory of this process.
package enum ResourceUsage {
    /// Peak resident set size in bytes (`VmHWM` from /proc/self/status, else getrusage).
    package static func peakResidentBytes() -> Int {
        if let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) {
            for line in text.split(separator: "\n") where line.hasPrefix("VmHWM:") {
                let digits = line.split(separator: " ").compactMap { Int($0) }
                if let kb = digits.first { return kb * 1024 }
            }
        }
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return Int(usage.ru_maxrss) * 1024
    }
}
