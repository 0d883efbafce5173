import ArgumentParser
import Foundation

/// `--shard K/N`: this process runs replications r with r mod N = K − 1.
struct Shard: ExpressibleByArgument, Sendable, Equatable {
    var index: Int
    var count: Int

    init?(argument: String) {
        let parts = argument.split(separator: "/")
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]), n >= 1, n <= 100_000, k >= 1, k <= n else { return nil }
        index = k
        count = n
    }

    init(index: Int, count: Int) { self.index = index; self.count = count }

    static var defaultCompletionKind: CompletionKind { .default }

    func owns(replication r: Int) -> Bool { r % count == index - 1 }
}

/// Refuses a run whose memory estimate exceeds what the machine has.
enum MemoryLimit {
    /// Rough bytes per simulated case: spec, plan, contacts and diary items.
    static let bytesPerCase = 3_000.0

    static func estimate(_ s: Scenario, regimes: Int, jobs: Int) -> Double {
        let weeks = Double(s.start.days(to: s.end)) / 7
        let cases = Double(s.caseload.initial) + s.caseload.arrivalsPerWeek * weeks + Double(s.caseload.cases.count)
        let concurrent = Double(max(1, min(jobs, s.replications)))
        let results = Double(s.replications * regimes) * weeks * 400
        return cases * bytesPerCase * concurrent + results + 50e6
    }

    static func check(_ s: Scenario, regimes: Int, jobs: Int) throws {
        let need = estimate(s, regimes: regimes, jobs: jobs)
        let limit = Double(ProcessInfo.processInfo.physicalMemory) * 0.8
        guard need <= limit else {
            FileHandle.standardError.write(Data(("probsim: \(s.file): the scenario would need about \(gib(need)) of memory " +
                "(\(Int(need / bytesPerCase / Double(max(1, min(jobs, s.replications)))).formatted()) cases per replication, \(max(1, min(jobs, s.replications))) at once); " +
                "the limit is \(gib(limit)) (80% of this machine's memory). Reduce caseload.initial, caseload.arrivals_per_week, the horizon or --jobs.\n").utf8))
            throw ExitCode(65)
        }
    }

    static func gib(_ bytes: Double) -> String { String(format: "%.1f GiB", bytes / 1_073_741_824) }
}

/// Ctrl-C and SIGTERM: the first asks the run to stop (and clean up); the handlers stay for the process.
final class Interruption: @unchecked Sendable {
    private let lock = NSLock()
    private var flag = false
    private var sources: [DispatchSourceSignal] = []

    var stopped: Bool { lock.lock(); defer { lock.unlock() }; return flag }

    static func install() -> Interruption {
        let i = Interruption()
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let src = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            src.setEventHandler { [weak i] in
                guard let i else { return }
                i.lock.lock(); let again = i.flag; i.flag = true; i.lock.unlock()
                if again { _exit(130) }
            }
            src.resume()
            i.sources.append(src)
        }
        return i
    }
}

/// A progress bar on standard error, shown only on a terminal (never in CI logs or with --quiet).
final class ProgressBar: @unchecked Sendable {
    private let lock = NSLock()
    private let total: Int
    private let enabled: Bool
    private let start = Date()
    private var lastDraw = Date.distantPast
    private var drawn = false

    init(total: Int, enabled: Bool) {
        self.total = total
        let env = ProcessInfo.processInfo.environment
        self.enabled = enabled && isatty(STDERR_FILENO) == 1 && env["CI"] == nil && env["TERM"] != "dumb"
    }

    /// Redraws the bar (at most ten times a second) for `done` runs of `total`, fractions of running ones included.
    func update(_ done: Double) {
        guard enabled else { return }
        lock.lock(); defer { lock.unlock() }
        let now = Date()
        guard now.timeIntervalSince(lastDraw) > 0.1 || done >= Double(total) else { return }
        lastDraw = now
        let elapsed = now.timeIntervalSince(start)
        let width = 30
        let filled = total > 0 ? min(width, Int(Double(width) * done / Double(total))) : width
        let left = done > 0 ? elapsed / done * (Double(total) - done) : 0
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        let line = String(format: "\r[%@] %d/%d runs  %.1f s elapsed  ~%.0f s left ", bar, Int(done), total, elapsed, left)
        FileHandle.standardError.write(Data(line.utf8))
        drawn = true
    }

    func finish() {
        guard enabled else { return }
        lock.lock(); defer { lock.unlock() }
        if drawn { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
