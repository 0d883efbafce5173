import ArgumentParser
import Foundation
import SimulationCore
import ProbationModel

/// The output format of `probsim run` on standard output.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable { case text, json }

/// `probsim run SCENARIO`: simulates every regime, writes the output folder, prints a summary.
struct RunCommand: ParsableCommand, SharesCommonOptions {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Simulate every regime of a scenario, write the output folder, and print a summary.",
        discussion: """
        Writes output/<scenario name>/ (or --out): summary.json, standards.csv, hours_weekly.csv, \
        caseload_weekly.csv, caseload_bands_weekly.csv, unmet_work.csv, measures.csv, monthly.csv (per calendar month: \
        caseload by phase, hours by activity, FTE needed and in post, WMT capacity, unmet hours, met rate by standard), \
        run.json and report.html, atomically (an interrupted run keeps the previous results).
        Each finished (replication, regime) run is kept in <out>.partial/ as it completes; after an interruption, \
        the same command with --resume runs only the rest and writes the same output as an uninterrupted run. \
        The folder is removed once the output is written. A run estimated to take 15 minutes or more, or 40% of \
        the machine's memory, says so on standard error before it starts (`probsim validate` prints the estimate).

        \(exitCodesHelp) With --resume: 64 when nothing is kept to resume, or runs are kept and --resume is not \
        given; 65 when the kept runs come from a different scenario file, seed, replications, regimes, shard or \
        probsim version.
        """)

    @Argument(help: "The scenario file (YAML or JSON).")
    var scenario: String

    @Option(help: "Run only this regime (repeatable; default: every regime in the scenario).")
    var regime: [String] = []

    /// `--replications --seed --jobs --out --quiet --format --set`, as the experiment commands take them.
    @OptionGroup var common: CommonOptions<RunOptionTexts>

    @Option(help: "Run only shard K of N (K/N, from 1): its share of the replications, written as a partial result for `probsim merge`.",
            transform: OptionValue.shard)
    var shard: Shard?

    @Flag(help: "Check the scenario's expect: entries; exit 1 if one fails.")
    var check = false

    @Flag(help: "Continue an interrupted run from the runs it kept in <out>.partial/ (same scenario file, seed, replications, regimes and shard).")
    var resume = false

    func run() throws {
        let interrupt = Interruption.install()
        try execute(stopWhen: { _ in interrupt.stopped })
    }

    /// The run. `stopWhen(finished)` is asked, between runs and during them, whether to stop as at
    /// Ctrl-C, with the number of (replication, regime) runs finished so far (tests stop after k).
    func execute(stopWhen: @escaping @Sendable (Int) -> Bool) throws {
        var study = try ScenarioInput.select(regime, from: try ScenarioInput.load(scenario, overrides: set.overrides))
        if let r = replications { study.scenario.replications = r }
        if let x = seed { study.scenario.seed = x }
        let (s, regimes) = (study.scenario, study.variants)
        let runner = Runner(scenario: s, variants: regimes)
        var jobsToRun = runner.allJobs
        if let sh = shard { jobsToRun = jobsToRun.filter { sh.owns(replication: $0.replication) } }
        try MemoryLimit.check(s, regimes: regimes.count, replications: Set(jobsToRun.map(\.replication)).count, jobs: jobs)
        let folder = OutputFolder(path: out ?? "output/\(s.name)" + (shard.map { "-shard-\($0.index)-of-\($0.count)" } ?? ""))
        let checkpoint = Checkpoint(destination: folder.destination, identity: .init(
            probsimVersion: probsimVersion, scenarioFile: scenario, scenarioFileHash: FileHash.fnv1a64(path: scenario), seed: s.seed,
            replications: s.replications, regimes: regimes.map(\.name), shard: shard.map { "\($0.index)/\($0.count)" },
            overrides: set.recorded.isEmpty ? nil : set.recorded))
        let kept = try keptResults(checkpoint, jobs: jobsToRun)
        let allJobs = jobsToRun
        jobsToRun = jobsToRun.filter { kept[$0] == nil }
        let progress = ProgressBar(total: jobsToRun.count, enabled: !quiet)
        let started = Date()
        let results: [ReplicationResult]
        do {
            let fresh = try runner.run(jobs: jobsToRun, threads: jobs, shouldStop: { stopWhen(checkpoint.saved) }, progress: { progress.update($0) },
                                       completed: { checkpoint.save($0, $1) })
            let byJob = Dictionary(uniqueKeysWithValues: zip(jobsToRun, fresh)).merging(kept) { a, _ in a }
            results = allJobs.map { byJob[$0]! }
        } catch is CancellationError {
            progress.finish()
            folder.cleanUp()
            FileHandle.standardError.write(Data(interruptionMessage(checkpoint, total: allJobs.count, folder: folder).utf8))
            throw ExitCode(130)
        } catch {
            progress.finish()
            throw internalError(error)
        }
        progress.finish()
        let wall = Date().timeIntervalSince(started)
        let output = RunOutput(study: study, results: results, shard: shard, file: scenario, started: started, wall: wall,
                               overrides: set.recorded)
        let summary = output.summary
        do {
            try folder.write(output.files(summary: summary))
        } catch {
            FileHandle.standardError.write(Data("probsim: \(error)\n".utf8))
            throw ExitCode(74)
        }
        checkpoint.remove()
        if stopWhen(checkpoint.saved) {
            FileHandle.standardError.write(Data("probsim: interrupted after the results were complete; they were written to \(folder.destination.path).\n".utf8))
        }
        switch format {
        case .json: print(output.json(summary).text())
        case .text:
            if !quiet {
                print(ConsoleTable.text(summary: summary, variants: regimes, scenario: s))
                print("Results: \(folder.destination.path)/ (\(String(format: "%.2f", wall)) s)")
            }
        }
        if check {
            let failures = Expectations.check(s.expectations, summary: summary, regimes: regimes.map(\.name), quiet: quiet,
                                              toStandardError: format == .json)
            if failures > 0 { throw ExitCode(1) }
        }
    }
}

/// Everything a run writes, built in memory first.
struct RunOutput {
    /// The study run (its variants: those selected with `--regime`).
    let study: Study
    let results: [ReplicationResult]
    let shard: Shard?
    let file: String
    let started: Date
    let wall: Double
    /// The `--set` values the scenario was read with (`KEY=VALUE`).
    var overrides: [String] = []

    var scenario: Scenario { study.scenario }
    var variants: [Variant] { study.variants }

    /// The study summary; a shard reports the replications it ran.
    var summary: StudySummary {
        Summary(study: study, results: results).summary(replications: shard == nil ? nil : Set(results.map(\.replication)).count)
    }

    /// `summary.json` (with the run's wall time to the millisecond).
    func json(_ summary: StudySummary) -> JSONValue {
        summary.json(wallSeconds: (wall * 1000).rounded() / 1000)
    }

    /// Every file of the output folder, with its name.
    func files(summary: StudySummary) throws -> [(String, Data)] {
        var files: [(String, Data)] = [
            ("summary.json", Data((json(summary).text() + "\n").utf8)),
            ("standards.csv", Data(Tables.standards(scenario, results, variants: variants).utf8)),
            ("hours_weekly.csv", Data(Tables.hoursWeekly(scenario, results).utf8)),
            ("caseload_weekly.csv", Data(Tables.caseloadWeekly(scenario, results).utf8)),
            ("unmet_work.csv", Data(Tables.unmetWork(scenario, results).utf8)),
            ("caseload_bands_weekly.csv", Data(Tables.caseloadBandsWeekly(scenario, results).utf8)),
            ("measures.csv", Data(Tables.measures(Summary(scenario: scenario, variants: variants, results: results)).utf8)),
            ("monthly.csv", Data(Tables.monthly(scenario, results, variants: variants).utf8)),
            ("run.json", Data((runInfo().text() + "\n").utf8)),
            ("report.html", Data(Report.html(scenario: scenario, variants: variants, summary: summary, results: results).utf8)),
        ]
        if let shard {
            files.append(("shard.json", try ShardFile.encode(scenario: scenario, fileHash: fileHash, shard: shard, variants: variants, results: results, overrides: overrides)))
        }
        return files
    }

    var fileHash: String { FileHash.fnv1a64(path: file) }

    func runInfo() -> JSONValue {
        let iso = ISO8601DateFormatter()
        return .object([
            ("scenario", .string(scenario.name)), ("scenario_file", .string(file)), ("scenario_file_fnv1a64", .string(fileHash)),
            ("seed", .int(Int(scenario.seed))), ("replications", .int(scenario.replications)),
            ("regimes", .array(variants.map { .string($0.name) })),
            ("overrides", .array(overrides.map { .string($0) })),
            ("shard", shard.map { .string("\($0.index)/\($0.count)") } ?? .null),
            ("probsim_version", .string(probsimVersion)),
            ("command_line", .array(CommandLine.arguments.map { .string($0) })),
            ("started", .string(iso.string(from: started))), ("finished", .string(iso.string(from: started.addingTimeInterval(wall)))),
            ("wall_seconds", .num((wall * 1000).rounded() / 1000)),
        ])
    }
}

/// A 64-bit FNV-1a hash of a file's bytes, as hex (identifies the scenario a result came from).
enum FileHash {
    static func fnv1a64(path: String) -> String {
        guard let data = FileManager.default.contents(atPath: path) else { return "unreadable" }
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in data { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return String(h, radix: 16)
    }
}
