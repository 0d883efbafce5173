import ArgumentParser
import Foundation
import ProbationModel
import ProbationRules

/// `probsim solve SCENARIO --target 'METRIC>=X' --vary KEY`: the smallest (or largest) value of a
/// setting that meets a target, by bisection on common random numbers.
struct SolveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "solve",
        abstract: "Find the smallest (or largest) value of a scenario setting that meets a target, e.g. the POs needed for 95% of monthly F2F met.",
        discussion: """
        Runs the scenario at --low and --high (default: half and twice the scenario's value of KEY), then bisects \
        between them. Which end meets the target sets the direction: if the high end meets it, the answer is the \
        smallest value that does. Every value runs replications 1, 2, ... with the same seed (common random \
        numbers), 4 to start (or --replications); a value whose 95% interval of METRIC straddles X has its replications doubled until the interval \
        clears X or --max-replications is reached (then the mean decides, and the output says so). A key that the \
        scenario reader takes only as a whole number (a head count) is searched over whole numbers; any other stops \
        within --tolerance. METRIC is a summary.json path (standards.<standard id>.met_rate, wmt_capacity_percent, \
        unmet_hours.total, fte_needed, ...).

        Writes output/<scenario name>-solve/ (or --out), atomically: solve.json (the answer, the curve walked), \
        solve.csv (value, mean, ci95_low, ci95_high, replications, verdict), report.html and run.json. With \
        --format json it prints one JSON line whose `value` is the answer.

        Example: probsim solve scenarios/reset-impact.yaml --regime NAME \
        --target 'standards.<standard id>.met_rate>=0.95' --vary 'workforce.practitioners[0].count' --low 1 --high 60

        \(exitCodesHelp) For solve, exit 1 means the target is met at neither end of the range (the message gives \
        the metric at each end and which way to widen it; the output folder is still written); a malformed --target, \
        --vary or --set, an unknown metric or an empty range is 64; a KEY or value the scenario reader refuses is 65.
        """)

    @Argument(help: "The scenario file (YAML or JSON).")
    var scenario: String

    @Option(help: ArgumentHelp("METRIC>=X or METRIC<=X (quote it).", valueName: "target"), transform: SolveCommand.parseTarget)
    var target: SolveTarget

    @Option(help: ArgumentHelp("The scenario key path to solve for, e.g. 'workforce.practitioners[0].count'.", valueName: "key"))
    var vary: String

    @Option(help: "The lowest value to try (default: half the scenario's value).")
    var low: Double?

    @Option(help: "The highest value to try (default: twice the scenario's value).")
    var high: Double?

    @Option(help: "For a setting that takes any number: stop when the bracket is narrower than this (default: 1% of the range).")
    var tolerance: Double?

    @Option(help: "The most replications at one value, 2 to 100,000 (at least --replications).", transform: OptionValue.whole(2...100_000))
    var maxReplications: Int = 64

    @OptionGroup var options: ExperimentOptions

    static let parseTarget: @Sendable (String) throws -> SolveTarget = { text in
        do { return try SolveTarget.parse(text) } catch let e as OverrideSyntaxError { throw ValidationError(e.message) }
    }

    func validate() throws {
        if options.regime.count > 1 { throw ValidationError("solve works on one regime; give --regime once") }
        if let t = tolerance, !(t > 0 && t.isFinite) { throw ValidationError("--tolerance must be a number above zero, found \(t)") }
        for (name, v) in [("--low", low), ("--high", high)] { if let v, !v.isFinite { throw ValidationError("\(name) must be a finite number") } }
        do { _ = try Override.steps(of: vary, option: "--vary") } catch { throw ValidationError(error.message) }
    }

    func run() throws {
        var input = try options.input(scenario)
        guard let variant = input.variants.first else { throw ValidationError("the scenario runs no regime") }
        input.regimeNames = [variant.name]
        if let why = SummaryMetrics.problem(with: target.metric, standards: [(variant.name, ReplicationModel.standardIDs(of: variant.regime))],
                                               activities: input.scenario.activities.kinds.map(\.id)) {
            throw ValidationError("--target \(target): \(why)")
        }
        if target.metric == "fte_in_post" { throw ValidationError("--target: fte_in_post is set by the workforce, not measured; choose a measured metric") }
        try checkKey(input)
        let (lo, hi) = try range()
        let solver = Solver(target: target, low: lo, high: hi, whole: isWholeNumber(input, lo, hi), tolerance: tolerance ?? (hi - lo) / 100,
                            startReplications: min(maxReplications, options.replications ?? 4),
                            maxReplications: maxReplications)
        let results = SolveResults(scenario: input.scenario, regime: variant.name, key: vary, solver: solver,
                                   result: Solver.Result(outcome: .notMet, answer: nil, walked: [], rises: true, smallest: true), overrides: options.set.recorded)
        // Check both ends with the reader before simulating anything (exit 65 if refused).
        _ = try input.points([[override(results.text(lo))], [override(results.text(hi))]], jobs: options.jobs)
        let path = MetricPath(target.metric)
        var cache: [Double: Study] = [:]
        let interrupt = Interruption.install()
        let started = Date()
        let result = try solver.solve { batch in
            let points = try batch.map { item in
                if let p = cache[item.value] { return p }
                let p = try input.point([override(results.text(item.value))])
                cache[item.value] = p
                return p
            }
            let work = batch.indices.map { PointRunner.Work(point: $0, replications: Array(batch[$0].replications)) }
            let runs = try options.run(PointRunner(points: points), work, interrupt: interrupt, what: "solve")
            return runs.indices.map { k in
                let summary = Summary(study: points[k], results: runs[k])
                return runs[k].map { r in path.flatMap { summary.measures(r)[$0] } ?? .nan }
            }
        }
        let wall = Date().timeIntervalSince(started)
        var done = results
        done.result = result
        let folder = OutputFolder(path: options.out ?? "output/\(input.scenario.name)-solve")
        try options.write([
            ("solve.json", Data((done.json(wallSeconds: (wall * 1000).rounded() / 1000).text() + "\n").utf8)),
            ("solve.csv", Data(done.csv().utf8)),
            ("report.html", Data(done.html().utf8)),
            ("run.json", Data((input.record(started: started, wall: wall).text() + "\n").utf8)),
        ], to: folder)
        switch options.format {
        case .json: print(done.line(folder: folder.destination.path).text(indent: nil))
        case .text:
            if !options.quiet && result.outcome != .notMet {
                print(done.summaryText())
                print("\nThe curve walked:\n" + done.table())
                print("Results: \(folder.destination.path)/ (\(String(format: "%.2f", wall)) s)")
            }
        }
        if !result.capped.isEmpty {
            FileHandle.standardError.write(Data("probsim: at \(result.capped.map(done.text).joined(separator: ", ")) the 95% interval still straddled \(JSONValue.format(target.threshold)) after \(maxReplications) replications (--max-replications); the verdict there rests on the mean.\n".utf8))
        }
        switch result.outcome {
        case .notMet:
            FileHandle.standardError.write(Data("probsim: \(done.summaryText())\nThe curve is in \(folder.destination.path)/.\n".utf8))
            throw ExitCode(1)
        case .metAcrossRange:
            if options.quiet || options.format == .json {
                FileHandle.standardError.write(Data("probsim: the whole range meets \(target); the answer is the end of the range.\n".utf8))
            }
        case .found: break
        }
    }

    func override(_ value: String) throws -> Override {
        do { return try Override(path: vary, value: value, option: "--vary") } catch { throw ValidationError(error.message) }
    }

    /// --low and --high, or half and twice the scenario's value of the key.
    func range() throws -> (Double, Double) {
        let text = FileManager.default.contents(atPath: scenario).flatMap { String(data: $0, encoding: .utf8) } ?? ""
        let steps = try Override.steps(of: vary, option: "--vary")
        let current = options.set.overrides.last { $0.path == vary }.flatMap { Double($0.value) } ?? Override.scalar(at: steps, in: text).flatMap(Double.init)
        guard let lo = low ?? current.map({ ($0 / 2).rounded(.down) }), let hi = high ?? current.map({ max($0 * 2, $0 + 1) }) else {
            throw ValidationError("--vary \(vary): the scenario gives no number there to start from; give --low and --high")
        }
        guard hi > lo else { throw ValidationError("the range is empty: --low \(JSONValue.format(lo)) is not below --high \(JSONValue.format(hi))") }
        return (lo, hi)
    }

    /// Refuses a key path the scenario reader does not know (exit 65, with its did-you-mean),
    /// before the range is worked out from the value there.
    func checkKey(_ input: ExperimentInput) throws {
        let probe = try override("0")
        do {
            _ = try ScenarioReader.parse(input.text, file: scenario, folder: ScenarioReader.folder(of: scenario), overrides: input.set + [probe])
        } catch let e as InputProblems {
            let wrong = e.problems.filter { $0.file == probe.label && ($0.path != vary || $0.message.hasPrefix("unknown key")) }
                .map { InputProblem(file: "--vary \(vary)", path: $0.path, message: $0.message) }
            guard !wrong.isEmpty else { return }
            FileHandle.standardError.write(Data("probsim: --vary \(vary) is not a key path of \(scenario):\n\(InputProblems(problems: wrong))\n".utf8))
            throw ExitCode(65)
        }
    }

    /// Whether the reader takes only whole numbers at the key: asked by offering it a half.
    func isWholeNumber(_ input: ExperimentInput, _ lo: Double, _ hi: Double) -> Bool {
        guard tolerance == nil, lo == lo.rounded(), hi == hi.rounded(), let probe = try? override(JSONValue.format(lo + 0.5)) else { return false }
        do {
            _ = try ScenarioReader.parse(input.text, file: scenario, folder: ScenarioReader.folder(of: scenario), overrides: input.set + [probe])
            return false
        } catch let e as InputProblems {
            return e.problems.contains { $0.path == vary && $0.message.hasPrefix("expected a whole number") }
        } catch { return false }
    }
}
