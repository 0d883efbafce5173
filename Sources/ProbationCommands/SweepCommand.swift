import ArgumentParser
import Foundation
import ProbationModel
import ProbationRules

extension SweepDesign.Kind: ExpressibleByArgument {}

/// `probsim sweep SCENARIO --vary KEY=...`: the scenario at every point of a grid or a Latin
/// hypercube, with common random numbers across points.
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Run a scenario at every point of a grid (or Latin hypercube) of key values, with the same random numbers at every point.",
        discussion: """
        Each --vary names a scenario key path (as --set does) and its values: a list (KEY=V1,V2,...) or a range \
        (KEY=LOW:HIGH:STEP). A grid runs every combination; --design lhs --points N samples N points of a Latin \
        hypercube over LOW:HIGH ranges (give a step to keep a key to whole numbers), deterministic from the seed. \
        Every point runs every regime and replication with the same seed, so point k is exactly \
        `probsim run --set KEY=VALUE ...` for its values.

        Writes output/<scenario name>-sweep/ (or --out), atomically: sweep.csv (point, each varied key, regime, \
        replication, metric, value; one row per observation), sweep.json (per point and regime: the values and each \
        metric's mean and 95% interval), report.html (the key metrics against each varied key) and run.json. \
        With --shard K/N it runs only replications r with r mod N = K - 1 of every point and writes sweep_shard.json; \
        `probsim merge` combines the N shard folders into the folder one machine would have written.

        Without --vary, the scenario's sweep: block says what to vary (the same keys and values as --vary, with its own design and points); a --vary on the command line replaces the whole block. `probsim run` ignores the block.

        Example: probsim sweep scenarios/smoke.yaml --vary 'workforce.practitioners[0].count=2:6:1' --regime NAME

        \(exitCodesHelp) A malformed --vary or --set, or an empty range, is 64; a value the scenario reader refuses \
        (an unknown key path, a value of the wrong type) is 65.
        """)

    @Argument(help: "The scenario file (YAML or JSON).")
    var scenario: String

    @Option(name: .customLong("vary"), parsing: .singleValue,
            help: ArgumentHelp("A key and its values (repeatable): KEY=V1,V2,... or KEY=LOW:HIGH:STEP (KEY=LOW:HIGH with --design lhs).", valueName: "key=values"),
            transform: SweepCommand.parseVary)
    var vary: [VaryOption] = []

    @Option(help: "grid (every combination) or lhs (a Latin hypercube of --points points).")
    var design: SweepDesign.Kind = .grid

    @Option(help: "Points of a Latin hypercube, 2 to 10,000.", transform: OptionValue.whole(2...10_000))
    var points: Int?

    @Option(help: "Run only shard K of N (K/N, from 1): its share of the replications at every point, written as sweep_shard.json for `probsim merge`.",
            transform: OptionValue.shard)
    var shard: Shard?

    @OptionGroup var options: ExperimentOptions

    static let parseVary: @Sendable (String) throws -> VaryOption = { text in
        do { return try VaryOption.parse(text) } catch let e as OverrideSyntaxError { throw ValidationError(e.message) }
    }

    func validate() throws {
        guard !vary.isEmpty else {
            if points != nil { throw ValidationError("--points goes with --vary; without --vary the scenario's sweep: block gives the design and points") }
            return
        }
        let keys = vary.map(\.path)
        if let twice = keys.first(where: { k in keys.filter { $0 == k }.count > 1 }) { throw ValidationError("--vary \(twice) is given twice; give each key once") }
        if design == .lhs && points == nil { throw ValidationError("--design lhs needs --points N") }
        if design == .grid && points != nil { throw ValidationError("--points is for --design lhs; a grid runs every combination of the --vary values") }
    }

    func run() throws {
        let input = try options.input(scenario)
        let design: SweepDesign
        let overrides: [[Override]]
        do {
            if vary.isEmpty {
                // The scenario's sweep: block, read and checked with the file.
                guard let block = input.scenario.sweep else {
                    throw ValidationError("give at least one --vary KEY=V1,V2,... or KEY=LOW:HIGH:STEP, or a sweep: block in the scenario (see docs/experiments.md)")
                }
                design = try block.design(seed: input.scenario.seed)
            } else {
                design = self.design == .grid ? try SweepDesign.grid(vary) : try SweepDesign.latinHypercube(vary, points: points ?? 2, seed: input.scenario.seed)
            }
            overrides = try design.values.indices.map(design.overrides)
        } catch let e as OverrideSyntaxError { throw ValidationError(e.message) }
        let pointList = try input.points(overrides, jobs: options.jobs)
        let folder = OutputFolder(path: options.out ?? "output/\(input.scenario.name)-sweep" + (shard.map { "-shard-\($0.index)-of-\($0.count)" } ?? ""))
        let work = pointList.indices.map { p in
            PointRunner.Work(point: p, replications: (0..<pointList[p].scenario.replications).filter { shard?.owns(replication: $0) ?? true })
        }
        let interrupt = Interruption.install()
        let started = Date()
        let results = try options.run(PointRunner(points: pointList), work, interrupt: interrupt, what: "sweep")
        let wall = Date().timeIntervalSince(started)
        if let shard {
            let file = SweepShardFile(probsimVersion: probsimVersion, scenarioFile: scenario, scenarioFileHash: FileHash.fnv1a64(path: scenario),
                                      scenarioText: input.text, scenarioFolder: input.folder, seed: input.scenario.seed, replications: options.replications,
                                      regimes: input.variants.map(\.name), overrides: options.set.recorded, design: design.kind.rawValue, keys: design.keys,
                                      values: design.values, shardIndex: shard.index, shardCount: shard.count, results: results)
            let data: Data
            do { data = try file.encoded() } catch { throw internalError(error) }
            try options.write([(SweepShardFile.name, data), ("run.json", Data((input.record(started: started, wall: wall).text() + "\n").utf8))], to: folder)
            if !options.quiet { print("Shard \(shard.index) of \(shard.count): \(folder.destination.path)/ (\(pointList.count) points, \(String(format: "%.2f", wall)) s); combine the shards with probsim merge") }
            return
        }
        let sweep = SweepResults(design: design, points: pointList, results: results)
        let json = sweep.json(scenario: input.scenario, overrides: options.set.recorded, wallSeconds: (wall * 1000).rounded() / 1000)
        try options.write(sweep.files(scenario: input.scenario, overrides: options.set.recorded, wallSeconds: (wall * 1000).rounded() / 1000,
                                      record: input.record(started: started, wall: wall)), to: folder)
        switch options.format {
        case .json: print(json.text())
        case .text:
            if !options.quiet {
                print(sweep.table())
                print("Results: \(folder.destination.path)/ (\(pointList.count) points, \(String(format: "%.2f", wall)) s)")
            }
        }
    }
}
