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

/// The compact per-regime table printed at the end of `probsim run`.
enum ConsoleTable {
    static func text(summary: JSONValue, regimes: [String], scenario: Scenario) -> String {
        func cell(_ v: JSONValue?, _ places: Int = 1, percent: Bool = false) -> String {
            guard let m = v?["mean"]?.doubleValue else { return "-" }
            let k = percent ? 100.0 : 1.0
            var s = String(format: "%.\(places)f", m * k)
            if case .array(let ci)? = v?["ci95"], ci.count == 2, let lo = ci[0].doubleValue, let hi = ci[1].doubleValue, hi > lo {
                s += String(format: " ±%.\(places)f", (hi - lo) / 2 * k)
            }
            return s + (percent ? "%" : "")
        }
        let header = ["regime", "cases", "hours/week", "FTE needed", "WMT %"]
        var rows = [header]
        for r in regimes {
            let o = summary["regimes"]?[r]
            rows.append([r, cell(o?["cases"], 0), cell(o?.at(path: "hours.total_per_week")), cell(o?["fte_needed"], 1),
                         cell(o?["wmt_capacity_percent"], 0)])
        }
        let widths = header.indices.map { c in rows.map { $0[c].count }.max() ?? 0 }
        var out = "\(scenario.name): \(scenario.warmupEnd.iso) to \(scenario.end.iso) (after warm-up), \(scenario.replications) replication\(scenario.replications == 1 ? "" : "s"); means ± 95% CI half-width\n"
        for (k, row) in rows.enumerated() {
            out += row.enumerated().map { c, s in c == 0 ? s.padding(toLength: widths[c], withPad: " ", startingAt: 0) : String(repeating: " ", count: widths[c] - s.count) + s }.joined(separator: "  ") + "\n"
            if k == 0 { out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n" }
        }
        if let fte = scenario.workforce.isUnlimited ? nil : scenario.workforce.fteInPost { out += String(format: "FTE in post: %.1f\n", fte) }
        out += "\n" + standardsTable(summary: summary, regimes: regimes) { cell($0, 1, percent: true) }
        return out
    }
}

/// `expect:` entries checked against a summary (`--check`).
enum Expectations {
    /// Prints each result (to standard error when `toStandardError`, so `--format json` output stays JSON) and returns the number of failures.
    static func check(_ list: [Expectation], summary: JSONValue, regimes: [String], print show: Bool, toStandardError: Bool = false) -> Int {
        func print(_ line: String) {
            if toStandardError { FileHandle.standardError.write(Data((line + "\n").utf8)) } else { Swift.print(line) }
        }
        var failures = 0
        if list.isEmpty && show { print("--check: the scenario has no expect: entries") }
        for e in list {
            for r in regimes where e.regime == nil || e.regime == r {
                let value = summary.at(path: "regimes.\(r).\(e.metric)")?["mean"]?.doubleValue
                var ok = value != nil
                if let v = value {
                    if let lo = e.min, v < lo { ok = false }
                    if let hi = e.max, v > hi { ok = false }
                }
                if !ok { failures += 1 }
                let bounds = [e.min.map { "min \(JSONValue.format($0))" }, e.max.map { "max \(JSONValue.format($0))" }].compactMap { $0 }.joined(separator: ", ")
                if show {
                    print("\(ok ? "PASS" : "FAIL")  \(r)  \(e.metric) = \(value.map { JSONValue.format($0) } ?? "no value")  (\(bounds))  [\(e.place)]")
                }
            }
        }
        if show && !list.isEmpty { print(failures == 0 ? "--check: all expectations hold" : "--check: \(failures) expectation\(failures == 1 ? "" : "s") failed") }
        return failures
    }
}
