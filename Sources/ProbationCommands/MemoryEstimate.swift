import ArgumentParser
import Foundation
import ProbationModel
import SimulationCore
import ProbationRules

/// What a run will need, from costs measured on release builds: case-years simulated, peak
/// memory and a rough time. `probsim validate` prints it; `probsim run` warns before a large run
/// and refuses one that would need more than 80% of the machine's memory.
///
/// Peak memory = fixed + per case-year × the case-years of the replications in flight (one per
/// thread) + per result-week × the (replication, regime) weeks kept until the output is written.
/// The costs were fitted to the peak RSS of release runs (the figures and the commands that
/// measured them are in MemoryEstimateTests, which checks the estimate stays within ±30%).
struct RunEstimate {
    static let fixedBytes = 32e6
    static let bytesPerCaseYear = 2_100.0
    static let bytesPerResultWeek = 2_600.0
    /// Release-build time per case-year of one regime on one thread (user time on a shared 2-core
    /// machine: 21-26 µs on reset-impact, 24-32 µs on national-tenth, 43-48 µs on smoke's four regimes).
    static let microsecondsPerCaseYear = 30.0
    /// The same under a standing backlog, where most work waits and is retried each working day:
    /// one replication of the calibrated national scenario measured 59.1 µs (medians, 55.7-63.4)
    /// and 64.3 µs a build earlier (docs/performance-history.md, "Against issue #22's targets"). How far
    /// demand outstrips staff is known only once the run has measured it, so the estimate gives both.
    static let microsecondsPerCaseYearBacklogged = 65.0

    /// Cases and case-years (time on the books within the horizon) of one replication.
    var cases: Int
    var caseYears: Double
    /// (replication, regime) runs, and their measured weeks kept in memory.
    var runs: Int
    var resultWeeks: Double
    /// Replications simulated at once (one per thread).
    var concurrent: Int
    var bytes: Double
    var seconds: Double
    /// The time if demand outstrips staff throughout (``microsecondsPerCaseYearBacklogged``).
    var secondsIfBacklogged: Double

    /// - Parameters: replications: the replications this process runs (a shard's share); jobs: threads.
    init(_ s: Scenario, regimes: Int, replications: Int, jobs: Int, cores: Int = ProcessInfo.processInfo.activeProcessorCount) {
        let load = RunEstimate.caseload(s)
        cases = load.cases
        caseYears = load.caseYears
        runs = replications * regimes
        let weeks = Double(s.warmupEnd.days(to: s.end) / 7 + 1)
        resultWeeks = Double(runs) * weeks
        concurrent = max(1, min(jobs, replications))
        bytes = RunEstimate.fixedBytes + RunEstimate.bytesPerCaseYear * caseYears * Double(concurrent) + RunEstimate.bytesPerResultWeek * resultWeeks
        let parallel = Double(max(1, min(jobs, replications, cores)))
        seconds = RunEstimate.microsecondsPerCaseYear * caseYears * Double(runs) / parallel / 1e6
        secondsIfBacklogged = seconds * RunEstimate.microsecondsPerCaseYearBacklogged / RunEstimate.microsecondsPerCaseYear
    }

    /// Cases generated to estimate case-years; a larger caseload is estimated from a share of it.
    static let sampleCases = 20_000.0

    /// The first replication's caseload, generated as the run would (the caseload depends only on
    /// the seed and the replication, so one is typical of all). A caseload of more than
    /// ``sampleCases`` generated cases is estimated from a proportionally smaller one.
    static func caseload(_ s: Scenario) -> (cases: Int, caseYears: Double) {
        let weeks = Double(s.start.days(to: s.end)) / 7
        let generated = Double(s.caseload.initial) + s.caseload.arrivalsPerWeek * weeks + Double(s.caseload.releases.reduce(0) { $0 + $1.count })
        let share = min(1, sampleCases / max(1, generated))
        var sample = s
        sample.caseload.initial = Int((Double(s.caseload.initial) * share).rounded())
        sample.caseload.arrivalsPerWeek = s.caseload.arrivalsPerWeek * share
        for k in sample.caseload.arrivalsSchedule.indices { sample.caseload.arrivalsSchedule[k].value *= share }
        for k in sample.caseload.releases.indices { sample.caseload.releases[k].count = Int((Double(s.caseload.releases[k].count) * share).rounded()) }
        guard let cases = try? CaseGenerator(scenario: sample).cases(replication: 0) else {
            return (Int(generated) + s.caseload.cases.count, Double(s.caseload.initial) * weeks / 52)
        }
        var generatedDays = 0.0, namedDays = 0.0, named = 0
        let ids = Set(s.caseload.cases.map(\.id))
        for c in cases {
            let whole = CaseTimeline(c.spec, options: s.reading).whole
            let from = max(c.entry, s.start), to = min(whole.end, s.end)
            let days = to > from ? Double(from.days(to: to)) : 0
            if ids.contains(c.spec.id) { namedDays += days; named += 1 } else { generatedDays += days }
        }
        return (Int((Double(cases.count - named) / share).rounded()) + named, (generatedDays / share + namedDays) / 365.25)
    }

    /// What is simulated, in words.
    var workload: String {
        "about \(Int(caseYears.rounded()).formatted()) case-years per replication (\(cases.formatted()) cases), \(runs.formatted()) run\(runs == 1 ? "" : "s"), " +
        "\(concurrent) replication\(concurrent == 1 ? "" : "s") at once"
    }

    /// One line for `probsim validate` and the warning before a large run.
    var text: String {
        let backlogged = secondsIfBacklogged >= 1 && RunEstimate.duration(secondsIfBacklogged) != RunEstimate.duration(seconds)
            ? "(up to \(RunEstimate.duration(secondsIfBacklogged)) if demand outstrips staff) " : ""
        return "peak memory about \(RunEstimate.size(bytes)), roughly \(seconds < 1 ? "under a second" : RunEstimate.duration(seconds)) " +
            backlogged + "on a release build (\(workload))"
    }

    static func size(_ bytes: Double) -> String {
        bytes >= 1_073_741_824 ? String(format: "%.1f GiB", bytes / 1_073_741_824) : String(format: "%.0f MiB", bytes / 1_048_576)
    }

    /// A duration as a planner reads it: "42 s", "3 min 20 s", "25 min", "1 h 12 min".
    static func duration(_ seconds: Double) -> String {
        let s = Int(max(0, seconds).rounded())
        if s < 60 { return "\(s) s" }
        if s < 600 { return "\(s / 60) min \(s % 60) s" }
        if s < 3600 { return "\(s / 60) min" }
        return "\(s / 3600) h \(s % 3600 / 60) min"
    }
}

/// Refuses a run whose memory estimate exceeds 80% of the machine's memory; warns before a large one.
enum MemoryLimit {
    /// A run is large (and warned of) from this estimated time, or this share of the machine's memory.
    static let warnSeconds = 15.0 * 60
    static let warnMemoryShare = 0.4

    /// Estimated peak bytes of a run of every replication on `jobs` threads.
    static func estimate(_ s: Scenario, regimes: Int, jobs: Int) -> Double {
        RunEstimate(s, regimes: regimes, replications: s.replications, jobs: jobs).bytes
    }

    /// - Parameter replications: the replications this process runs (default: all of the scenario's).
    @discardableResult
    static func check(_ s: Scenario, regimes: Int, replications: Int? = nil, jobs: Int,
                      physical: Double = Double(ProcessInfo.processInfo.physicalMemory)) throws -> RunEstimate {
        let e = RunEstimate(s, regimes: regimes, replications: replications ?? s.replications, jobs: jobs)
        let limit = physical * 0.8
        guard e.bytes <= limit else {
            FileHandle.standardError.write(Data(("probsim: \(s.file): the run would need about \(RunEstimate.size(e.bytes)) of memory at peak " +
                "(\(e.workload)); the limit is \(RunEstimate.size(limit)) (80% of this machine's memory). " +
                "Reduce caseload.initial, caseload.arrivals_per_week, the horizon, the replications or --jobs, or split it with --shard.\n").utf8))
            throw ExitCode(65)
        }
        if let w = warning(e, physical: physical) { FileHandle.standardError.write(Data(w.utf8)) }
        return e
    }

    /// The warning before a large run (nil for an ordinary one).
    static func warning(_ e: RunEstimate, physical: Double) -> String? {
        guard e.seconds >= warnSeconds || e.bytes >= physical * warnMemoryShare else { return nil }
        return "probsim: a large run: \(e.text). Ctrl-C keeps the finished runs for --resume.\n"
    }
}
