import Foundation
import ProbationModel

/// `expect:` entries checked against the study summary (`--check`): each entry's metric path
/// is looked up in the summary of every variant it applies to, and its mean held to the bounds.
enum Expectations {
    /// Checks every entry against every variant it applies to and returns the number of failures.
    ///
    /// Prints a line per result: on standard output, or on standard error when `toStandardError`
    /// (so `--format json` output stays JSON). With `quiet`, only failures are printed, always on
    /// standard error: a failing check is never silent.
    static func check(_ list: [Expectation], summary: StudySummary, regimes: [String], quiet: Bool, toStandardError: Bool = false) -> Int {
        let stderr = quiet || toStandardError
        func say(_ line: String) {
            if stderr { FileHandle.standardError.write(Data((line + "\n").utf8)) } else { Swift.print(line) }
        }
        var failures = 0
        if list.isEmpty && !quiet { say("--check: the scenario has no expect: entries") }
        for e in list {
            for r in regimes where e.regime == nil || e.regime == r {
                let value = summary.variant(named: r)?.estimate(at: e.metric)?.mean
                var ok = value != nil
                if let v = value {
                    if let lo = e.min, v < lo { ok = false }
                    if let hi = e.max, v > hi { ok = false }
                }
                if !ok { failures += 1 }
                let bounds = [e.min.map { "min \(JSONValue.format($0))" }, e.max.map { "max \(JSONValue.format($0))" }].compactMap { $0 }.joined(separator: ", ")
                if !ok || !quiet {
                    say("\(ok ? "PASS" : "FAIL")  \(r)  \(e.metric) = \(value.map { JSONValue.format($0) } ?? "no value")  (\(bounds))  [\(e.place)]")
                }
            }
        }
        if !list.isEmpty && (!quiet || failures > 0) {
            say(failures == 0 ? "--check: all expectations hold" : "--check: \(failures) expectation\(failures == 1 ? "" : "s") failed")
        }
        return failures
    }
}
