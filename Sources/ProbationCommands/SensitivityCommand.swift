import ArgumentParser
import Foundation
import ProbationModel
import ProbationRules

/// `probsim sensitivity SCENARIO --vary KEY=LOW:HIGH ... --metric M`: one-at-a-time swings around the base.
struct SensitivityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sensitivity",
        abstract: "Swing each key from its low to its high value, one at a time around the scenario, and rank the keys by how much they move a metric.",
        discussion: """
        Runs the scenario as given (the base), then each --vary key at LOW and at HIGH with everything else as given, \
        all with the same seed (common random numbers), so each swing (metric at HIGH minus metric at LOW) is a paired \
        difference with its own 95% interval. KEY=V1,V2 (two values, e.g. text) works as LOW:HIGH does.

        Writes output/<scenario name>-sensitivity/ (or --out), atomically: sensitivity.csv (key, level, key_value, \
        regime, replication, metric, value; the base has key 'base'), sensitivity.json (per regime and metric: the \
        base and each swing, largest first), report.html (a tornado chart and a table per metric) and run.json.

        Example: probsim sensitivity scenarios/smoke.yaml --regime NAME --metric fte_needed \
        --vary caseload.arrivals_per_week=3:5 --vary behaviour.attendance=0.7:0.95

        \(exitCodesHelp) A malformed --vary, --metric or --set is 64; a value the scenario reader refuses (an unknown key \
        path, a value of the wrong type) is 65.
        """)

    @Argument(help: "The scenario file (YAML or JSON).")
    var scenario: String

    @Option(name: .customLong("vary"), parsing: .singleValue,
            help: ArgumentHelp("A key and its low and high values (repeatable): KEY=LOW:HIGH or KEY=V1,V2.", valueName: "key=low:high"),
            transform: SweepCommand.parseVary)
    var vary: [VaryOption] = []

    @Option(help: "A summary.json metric to rank the keys by (repeatable), e.g. fte_needed, standards.<standard id>.met_rate.")
    var metric: [String] = []

    @OptionGroup var options: ExperimentOptions

    func validate() throws {
        guard !vary.isEmpty else { throw ValidationError("give at least one --vary KEY=LOW:HIGH") }
        guard !metric.isEmpty else { throw ValidationError("give at least one --metric (e.g. fte_needed, wmt_capacity_percent, standards.<standard id>.met_rate)") }
        let keys = vary.map(\.path)
        if let twice = keys.first(where: { k in keys.filter { $0 == k }.count > 1 }) { throw ValidationError("--vary \(twice) is given twice; give each key once") }
    }

    /// Each --vary as a swing: its low and high values as text.
    func swings(_ text: String) throws -> [Sensitivity.Swing] {
        try vary.map { o in
            let base = Override.scalar(at: try Override.steps(of: o.path, option: "--vary"), in: text)
            switch o.values {
            case .range(let lo, let hi, _, _):
                guard hi > lo else { throw ValidationError("--vary \(o.path): LOW and HIGH are equal; give a range to swing over") }
                return Sensitivity.Swing(key: o.path, low: o.text(lo), high: o.text(hi), base: base)
            case .list(let l):
                guard l.count == 2 else { throw ValidationError("--vary \(o.path): give two values to swing between (KEY=LOW:HIGH or KEY=V1,V2), found \(l.count)") }
                return Sensitivity.Swing(key: o.path, low: l[0], high: l[1], base: base)
            }
        }
    }

    func run() throws {
        let input = try options.input(scenario)
        let standards = input.variants.map { ($0.name, ReplicationModel.standardIDs(of: $0.regime)) }
        for m in metric {
            if let why = SummaryMetrics.problem(with: m, standards: standards) { throw ValidationError("--metric \(m): \(why)") }
            if m == "fte_in_post" { throw ValidationError("--metric fte_in_post is set by the workforce, not measured; choose a measured metric") }
        }
        let swings = try self.swings(input.text)
        let pointList = try input.points(try Sensitivity.pointOverrides(swings), jobs: options.jobs)
        let work = pointList.indices.map { PointRunner.Work(point: $0, replications: Array(0..<input.scenario.replications)) }
        let interrupt = Interruption.install()
        let started = Date()
        let results = try options.run(PointRunner(points: pointList), work, interrupt: interrupt, what: "sensitivity")
        let wall = Date().timeIntervalSince(started)
        let s = Sensitivity(swings: swings, metrics: metric, points: pointList, results: results)
        let json = s.json(scenario: input.scenario, overrides: options.set.recorded, wallSeconds: (wall * 1000).rounded() / 1000)
        let folder = OutputFolder(path: options.out ?? "output/\(input.scenario.name)-sensitivity")
        try options.write([
            ("sensitivity.csv", Data(s.csv().utf8)),
            ("sensitivity.json", Data((json.text() + "\n").utf8)),
            ("report.html", Data(s.html(scenario: input.scenario, overrides: options.set.recorded).utf8)),
            ("run.json", Data((input.record(started: started, wall: wall).text() + "\n").utf8)),
        ], to: folder)
        switch options.format {
        case .json: print(json.text())
        case .text:
            if !options.quiet {
                print(s.table())
                print("Results: \(folder.destination.path)/ (\(pointList.count) points, \(String(format: "%.2f", wall)) s)")
            }
        }
    }
}
