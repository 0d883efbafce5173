import ArgumentParser
import Foundation
import ProbationModel

extension Shard: ExpressibleByArgument {
    package init?(argument: String) { self.init(parsing: argument) }

    package static var defaultCompletionKind: CompletionKind { .default }
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
        let line = ProgressBar.line(done: done, total: total, elapsed: now.timeIntervalSince(start))
        FileHandle.standardError.write(Data(line.utf8))
        drawn = true
    }

    /// The bar's text: runs done, time elapsed and time left in seconds, minutes or hours.
    static func line(done: Double, total: Int, elapsed: Double) -> String {
        let width = 30
        let filled = total > 0 ? min(width, Int(Double(width) * done / Double(total))) : width
        let left = done > 0 ? elapsed / done * (Double(total) - done) : 0
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        return "\r[\(bar)] \(Int(done))/\(total) runs  \(RunEstimate.duration(elapsed)) elapsed  ~\(RunEstimate.duration(left)) left\u{1B}[K"
    }

    func finish() {
        guard enabled else { return }
        lock.lock(); defer { lock.unlock() }
        if drawn { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
