import ArgumentParser
import Foundation

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
        metric's mean and 95% interval), report.html (the key metrics against each varied key) and run.json.

        Example: probsim sweep scenarios/smoke.yaml --vary 'workforce.practitioners[0].count=2:6:1' --regime ns2021

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

    @OptionGroup var options: ExperimentOptions

    static let parseVary: @Sendable (String) throws -> VaryOption = { text in
        do { return try VaryOption.parse(text) } catch let e as OverrideSyntaxError { throw ValidationError(e.message) }
    }

    func validate() throws {
        guard !vary.isEmpty else { throw ValidationError("give at least one --vary KEY=V1,V2,... or KEY=LOW:HIGH:STEP") }
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
            design = self.design == .grid ? try SweepDesign.grid(vary) : try SweepDesign.latinHypercube(vary, points: points ?? 2, seed: input.scenario.seed)
            overrides = try design.values.indices.map(design.overrides)
        } catch let e as OverrideSyntaxError { throw ValidationError(e.message) }
        let pointList = try input.points(overrides, jobs: options.jobs)
        let folder = OutputFolder(path: options.out ?? "output/\(input.scenario.name)-sweep")
        let work = pointList.indices.map { PointRunner.Work(point: $0, replications: 0..<pointList[$0].scenario.replications) }
        let interrupt = Interruption.install()
        let started = Date()
        let results = try options.run(PointRunner(points: pointList), work, interrupt: interrupt, what: "sweep")
        let wall = Date().timeIntervalSince(started)
        let sweep = SweepResults(design: design, points: pointList, results: results)
        let json = sweep.json(scenario: input.scenario, overrides: options.set.recorded, wallSeconds: (wall * 1000).rounded() / 1000)
        try options.write([
            ("sweep.csv", Data(sweep.csv().utf8)),
            ("sweep.json", Data((json.text() + "\n").utf8)),
            ("report.html", Data(SweepReport.html(sweep, scenario: input.scenario, overrides: options.set.recorded).utf8)),
            ("run.json", Data((input.record(started: started, wall: wall).text() + "\n").utf8)),
        ], to: folder)
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
