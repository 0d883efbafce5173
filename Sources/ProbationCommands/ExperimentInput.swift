import ArgumentParser
import Foundation
import ProbationModel
import ProbationRules

/// The scenario of an experiment (`sweep`, `solve`, `sensitivity`): checked once as given (with
/// its `--set` values), then read again at each point with the point's own overrides, so that
/// every point is exactly the scenario `probsim run --set ...` would simulate.
struct ExperimentInput {
    let path: String
    let text: String
    /// The scenario file's real folder (regime files are read relative to it).
    let folder: String
    let set: [Override]
    let replications: Int?
    let seed: UInt64?
    var regimeNames: [String]
    /// The study as given, with `--set`, `--replications` and `--seed` applied, running the
    /// variants named by `--regime` (or all).
    let study: Study
    /// The scenario as given.
    var scenario: Scenario { study.scenario }
    /// The variants it runs.
    var variants: [Variant] { study.variants }

    /// Reads and checks the scenario: exit 65 if it is invalid, 64 for an unknown `--regime`.
    init(path: String, set: [Override], replications: Int?, seed: UInt64?, regimes: [String]) throws {
        _ = try ScenarioInput.load(path, overrides: set)
        try self.init(text: FileManager.default.contents(atPath: path).flatMap { String(data: $0, encoding: .utf8) } ?? "",
                      path: path, folder: ScenarioReader.folder(of: path), set: set, replications: replications, seed: seed, regimes: regimes)
    }

    /// The scenario from its text (as a shard recorded it); regime files are read relative to `folder`.
    init(text: String, path: String, folder: String, set: [Override], replications: Int?, seed: UInt64?, regimes: [String]) throws {
        self.path = path
        self.text = text
        self.folder = folder
        self.set = set
        self.replications = replications
        self.seed = seed
        self.regimeNames = regimes
        let base = try ExperimentInput.read(text, path: path, folder: folder, set: set, replications: replications, seed: seed)
        self.study = try ScenarioInput.select(regimes, from: base)
    }

    /// Reads the scenario text with overrides; exit 65 after printing the problems if it is refused.
    static func read(_ text: String, path: String, folder: String, set: [Override], replications: Int?, seed: UInt64?) throws -> Study {
        do {
            var study = try ScenarioReader.study(parsing: text, file: path, folder: folder, overrides: set)
            if let r = replications { study.scenario.replications = r }
            if let x = seed { study.scenario.seed = x }
            return study
        } catch let e as InputProblems {
            let n = e.problems.count
            let with = set.isEmpty ? "" : " with \(set.map(\.label).joined(separator: " "))"
            FileHandle.standardError.write(Data("probsim: \(path)\(with) is not a valid scenario (\(n) problem\(n == 1 ? "" : "s")):\n\(e)\n".utf8))
            throw ExitCode(65)
        }
    }

    /// The study at a point: the file with `--set` and then `extra` applied, running the
    /// variants named by `--regime` (or all).
    ///
    /// - Throws: `ExitCode(65)` after printing the problems if the reader refuses a value.
    func point(_ extra: [Override]) throws -> Study {
        let all = try ExperimentInput.read(text, path: path, folder: folder, set: set + extra, replications: replications, seed: seed)
        return try ScenarioInput.select(regimeNames, from: all)
    }

    /// `run.json` of an experiment: how it was made.
    func record(started: Date, wall: Double) -> JSONValue {
        let iso = ISO8601DateFormatter()
        return .object([
            ("scenario", .string(scenario.name)), ("scenario_file", .string(path)), ("scenario_file_fnv1a64", .string(FileHash.fnv1a64(path: path))),
            ("seed", .int(Int(scenario.seed))), ("replications", .int(scenario.replications)),
            ("regimes", .array(variants.map { .string($0.name) })),
            ("overrides", .array(set.map { .string($0.description) })),
            ("probsim_version", .string(probsimVersion)),
            ("command_line", .array(CommandLine.arguments.map { .string($0) })),
            ("started", .string(iso.string(from: started))), ("finished", .string(iso.string(from: started.addingTimeInterval(wall)))),
            ("wall_seconds", .num((wall * 1000).rounded() / 1000)),
        ])
    }

    /// The points of `values`, one list of overrides each, checked before anything is simulated.
    func points(_ values: [[Override]], jobs: Int) throws -> [Study] {
        let points = try values.map(point)
        for p in points { try MemoryLimit.check(p.scenario, regimes: p.variants.count, jobs: jobs) }
        return points
    }
}

/// Options every experiment command takes, as `run` does.
struct ExperimentOptions: ParsableArguments, SharesCommonOptions {
    @Option(help: "Run only this regime (repeatable; default: every regime in the scenario).")
    var regime: [String] = []

    /// `--replications --seed --jobs --out --quiet --format --set`, as `run` takes them.
    @OptionGroup var common: CommonOptions<ExperimentOptionTexts>

    func input(_ scenario: String) throws -> ExperimentInput {
        try ExperimentInput(path: scenario, set: set.overrides, replications: replications, seed: seed, regimes: regime)
    }

    /// Runs the work with a progress bar and Ctrl-C handling (exit 130, nothing written).
    func run(_ runner: PointRunner, _ work: [PointRunner.Work], interrupt: Interruption, what: String) throws -> [[ReplicationResult]] {
        let progress = ProgressBar(total: work.reduce(0) { $0 + $1.replications.count }, enabled: !quiet)
        defer { progress.finish() }
        do {
            return try runner.run(work, threads: jobs, shouldStop: { interrupt.stopped }, progress: { progress.update($0) })
        } catch is CancellationError {
            FileHandle.standardError.write(Data("probsim: interrupted; nothing was written for the \(what).\n".utf8))
            throw ExitCode(130)
        } catch {
            throw internalError(error)
        }
    }

    /// Writes an output folder atomically (exit 74 if it cannot be written).
    func write(_ files: [(String, Data)], to folder: OutputFolder) throws {
        do { try folder.write(files) } catch {
            FileHandle.standardError.write(Data("probsim: \(error)\n".utf8))
            throw ExitCode(74)
        }
    }
}
