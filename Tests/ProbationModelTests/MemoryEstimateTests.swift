import ArgumentParser
import Foundation
import Testing
@testable import ProbationCommands
@testable import ProbationModel

/// The run estimate (peak memory, case-years, time) against measured release runs; the warning
/// before a large run, the refusal above 80% of memory, and durations in minutes and hours.
@Suite struct MemoryEstimateTests {
    /// Peak RSS measured on a release build (2-core x86-64 Linux, Swift 6.3.1) with
    /// `swift build -c release --scratch-path .build-resume` and then
    /// `/usr/bin/time -v .build-resume/release/probsim run SCENARIO [--replications N] --jobs J --quiet --out /tmp/mem-out`
    /// ("Maximum resident set size", kB).
    static let measured: [(scenario: String, replications: Int?, jobs: Int, peakKB: Double)] = [
        ("scenarios/smoke.yaml", nil, 1, 34_588),
        ("scenarios/smoke.yaml", nil, 2, 35_860),
        ("benchmarks/pdu-2025.yaml", nil, 1, 53_232),
        ("benchmarks/pdu-2025.yaml", nil, 2, 61_784),
        ("benchmarks/national-tenth.yaml", nil, 1, 218_088),
        ("benchmarks/national-tenth.yaml", nil, 2, 362_796),
        ("scenarios/smoke.yaml", 1000, 1, 582_116),     // 4,000 runs: the cost of results kept until the output is written
        ("scenarios/smoke.yaml", 1000, 2, 583_748),
    ]

    func load(_ path: String, replications: Int? = nil) throws -> (Scenario, Int) {
        var (s, regimes) = try ScenarioReader.load(path: Repository.root.appendingPathComponent(path).path)
        if let r = replications { s.replications = r }
        return (s, regimes.count)
    }

    @Test func estimateIsWithinThirtyPercentOfMeasuredPeaks() throws {
        for m in MemoryEstimateTests.measured {
            let (s, regimes) = try load(m.scenario, replications: m.replications)
            let e = RunEstimate(s, regimes: regimes, replications: s.replications, jobs: m.jobs)
            let ratio = e.bytes / (m.peakKB * 1024)
            #expect(abs(ratio - 1) <= 0.3, "\(m.scenario) ×\(m.replications ?? s.replications) --jobs \(m.jobs): estimated \(RunEstimate.size(e.bytes)), measured \(RunEstimate.size(m.peakKB * 1024))")
        }
    }

    @Test func caseYearsAndTime() throws {
        var (s, regimes) = try load("benchmarks/pdu-2025.yaml")
        // Without the custody phase (the figures below were measured before it: custodial cases join at release).
        s.reading.custodyPhase = false
        let e = RunEstimate(s, regimes: regimes, replications: s.replications, jobs: 1, cores: 1)
        // About 2,200 cases on the books for three years.
        #expect(e.caseYears > 6_000 && e.caseYears < 8_000, "\(e.caseYears)")
        #expect(e.runs == 20)
        // Measured: 3.0 to 4.3 s on one thread (release).
        #expect(e.seconds > 2 && e.seconds < 6, "\(e.seconds)")
        // Under a standing backlog: 65 / 30 of it (a calibrated national replication measured 59-64 µs per case-year).
        #expect(abs(e.secondsIfBacklogged - e.seconds * 65 / 30) < 1e-9)
        #expect(e.text.contains("if demand outstrips staff"), "\(e.text)")
        #expect(e.text.contains("case-years per replication") && e.text.contains("peak memory about"))
    }

    @Test func largeRunsAreWarnedOfAndTooLargeOnesRefused() throws {
        let (s, regimes) = try load("benchmarks/pdu-2025.yaml")
        let small = RunEstimate(s, regimes: regimes, replications: 10, jobs: 2)
        #expect(MemoryLimit.warning(small, physical: 16e9) == nil)
        // 40,000 replications: 80,000 runs of about 7,000 case-years, two hours on 2 threads, and 25 GiB of results.
        let big = RunEstimate(s, regimes: regimes, replications: 40_000, jobs: 2, cores: 2)
        let warning = try #require(MemoryLimit.warning(big, physical: 16e9))
        #expect(warning.contains(" h ") && warning.contains("GiB") && warning.contains("--resume"), "\(warning)")
        var many = s
        many.replications = 20_000
        #expect(throws: ExitCode(65)) { try MemoryLimit.check(many, regimes: regimes, replications: 20_000, jobs: 2, physical: 8e9) }
        #expect(try MemoryLimit.check(s, regimes: regimes, replications: 10, jobs: 2, physical: 8e9).bytes < 1e9)
    }

    @Test func durationsInMinutesAndHours() {
        #expect(RunEstimate.duration(42) == "42 s")
        #expect(RunEstimate.duration(200) == "3 min 20 s")
        #expect(RunEstimate.duration(25 * 60 + 10) == "25 min")
        #expect(RunEstimate.duration(72 * 60) == "1 h 12 min")
        let line = ProgressBar.line(done: 1, total: 7, elapsed: 12 * 60)
        #expect(line.contains("1/7 runs") && line.contains("12 min elapsed") && line.contains("~1 h 12 min left"), "\(line)")
    }
}
