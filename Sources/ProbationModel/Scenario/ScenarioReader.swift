import Foundation
import SimulationCore
import ProbationRules

/// Reads and checks scenario files: YAML (or JSON) → ``Scenario``, or every problem found.
///
/// One pass reports every problem with its file, line, column and key path; regimes named by
/// the scenario are loaded too, so a bad regime file fails validation as well.
public enum ScenarioReader {
    static let topKeys = ["name", "description", "start", "horizon", "warmup", "replications", "seed", "regimes",
                          "caseload", "behaviour", "workforce", "activities", "professional_judgement", "reading",
                          "holidays", "expect", "staffing_levels", "sweep"]

    /// Reads a scenario file and loads its regimes: the study, that is the scenario and the
    /// variants it simulates (each regime, at each staffing level, with its own workforce).
    ///
    /// - Throws: ``InputProblems`` (exit 65) listing every problem.
    public static func study(path: String, overrides: [Override] = []) throws -> Study {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputProblems(problems: [InputProblem(file: path, path: "", message: "cannot read the file (does it exist?)")])
        }
        guard let text = String(data: data, encoding: .utf8), !text.contains("\0") else {
            throw InputProblems(problems: [InputProblem(file: path, path: "", message: "not a text file (expected UTF-8 YAML or JSON)")])
        }
        return try study(parsing: text, file: path, folder: folder(of: path), overrides: overrides)
    }

    /// ``study(path:overrides:)`` as a pair, for callers that take it apart at once (`let (s, variants) = ...`).
    ///
    /// - Throws: ``InputProblems`` (exit 65) listing every problem.
    public static func load(path: String, overrides: [Override] = []) throws -> (Scenario, [Variant]) {
        let study = try study(path: path, overrides: overrides)
        return (study.scenario, study.variants)
    }

    /// ``study(parsing:file:folder:overrides:)`` as a pair, for callers that take it apart at once.
    ///
    /// - Throws: ``InputProblems`` (exit 65) listing every problem.
    public static func parse(_ text: String, file: String, folder: String? = nil, overrides: [Override] = []) throws -> (Scenario, [Variant]) {
        let study = try study(parsing: text, file: file, folder: folder, overrides: overrides)
        return (study.scenario, study.variants)
    }

    /// A tier-letter table given in the file replaces the default whole, so every tier letter the
    /// caseload uses must be in it: attendance for every case, RoSH for generated ones.
    static func checkTierLetters(_ s: Scenario, top: [String: YAMLValue]) {
        let generates = s.caseload.initial > 0 || s.caseload.arrivalsPerWeek > 0 || !s.caseload.releases.isEmpty
        let generated = generates ? Set(s.caseload.tiers.filter { $0.1 > 0 }.map { $0.0.first! }) : []
        let used = generated.union(s.caseload.cases.map(\.tierLetter))
        if let a = top["behaviour"]?.value(at: "attendance"), case .mapping = a.node, a.value(at: "schedule") == nil {
            let missing = used.subtracting(s.behaviour.attendance.keys).sorted()
            if !missing.isEmpty {
                a.report("attendance gives no probability for tier letter\(missing.count == 1 ? "" : "s") \(missing.map(String.init).joined(separator: ", ")), which the caseload has; a mapping replaces the default whole, so give every letter (or one number for all)")
            }
        }
        if let r = top["caseload"]?.value(at: "rosh_by_tier_letter"), case .mapping = r.node {
            let missing = generated.subtracting(s.caseload.roshByTierLetter.keys).sorted()
            if !missing.isEmpty {
                r.report("no RoSH weights for tier letter\(missing.count == 1 ? "" : "s") \(missing.map(String.init).joined(separator: ", ")), which the generated caseload has; a mapping replaces the default whole, so give every letter with tiers of positive weight")
            }
        }
    }

    /// Loads regime `name` (built-in or a file relative to `folder`), reporting a problem at `item`.
    static func loadRegime(_ name: String, at item: YAMLValue, folder: String?, sink: YAMLValue.ProblemSink) -> Regime? {
        do {
            return try RegimeLoader.load(name, relativeTo: folder)
        } catch let e as InputProblems {
            if e.problems.count == 1 && e.problems[0].path.isEmpty && e.problems[0].file == name {
                item.report(e.problems[0].message)
            } else {
                item.report("the regime file '\(name)' has problems (listed below)")
                sink.problems += e.problems
            }
        } catch { item.report("cannot load regime '\(name)': \(error)") }
        return nil
    }

    /// A regime timeline, `{name: NAME, timeline: [{regime: R1}, {regime: R2, from: DATE}, ...]}`:
    /// the first regime from the start, each later one from its date (in order, inside the horizon).
    static func readTimeline(_ item: YAMLValue, scenario: Scenario, folder: String?, sink: YAMLValue.ProblemSink) -> RegimeChoice? {
        guard let m = item.mapping(allowed: ["name", "timeline"]) else { return nil }
        var name = ""
        if let v = m["name"], let n = v.string() {
            if n.isEmpty || n.count > 100 || n.contains(where: { !($0.isLetter || $0.isNumber || "-_.".contains($0)) }) || n.hasPrefix(".") {
                v.report("a timeline's name is 1-100 letters, digits, '-', '_' or '.' (its results report under it), found '\(n)'")
            }
            name = n
        } else if m["name"] == nil { item.report("a timeline needs 'name' (its results report under it), e.g. {name: reset-rollout, timeline: [...]}") }
        guard let t = m["timeline"] else {
            item.report("a mapping in 'regimes' is a timeline and needs 'timeline': a list such as [{regime: FIRST}, {regime: NEXT, from: YYYY-MM-DD}]")
            return nil
        }
        guard let list = t.list() else { return nil }
        if list.count < 2 { t.report("a timeline changes regime at least once: give two or more entries, the first without 'from', each later one with 'from: YYYY-MM-DD'; found \(list.count)") }
        var stages: [RegimeStage] = []
        var ok = !name.isEmpty
        for (k, entry) in list.enumerated() {
            guard let e = entry.mapping(allowed: ["regime", "from"]) else { ok = false; continue }
            var from: Day?
            if let f = e["from"] {
                if k == 0 {
                    f.report("the first regime of a timeline applies from the scenario's start (\(scenario.start.iso)); give 'from' only to the later ones")
                    ok = false
                } else if let d = f.date() {
                    if d <= scenario.start || d >= scenario.end {
                        f.report("a change date inside the horizon, after the start \(scenario.start.iso) and before the end \(scenario.end.iso), found \(d.iso)")
                        ok = false
                    } else if let last = stages.last?.from, d <= last {
                        f.report("change dates in order, each after the one before (\(last.iso)), found \(d.iso)")
                        ok = false
                    }
                    from = d
                } else { ok = false }
            } else if k > 0 {
                entry.report("a later entry of a timeline needs 'from: YYYY-MM-DD', the day its regime applies from")
                ok = false
            }
            guard let rv = e["regime"] else {
                entry.report("a timeline entry needs 'regime': a built-in name (\(RegimeLoader.builtInNames.joined(separator: ", "))) or a regime file")
                ok = false
                continue
            }
            guard let rn = rv.string(), let r = loadRegime(rn, at: rv, folder: folder, sink: sink) else { ok = false; continue }
            stages.append(RegimeStage(from: from, regime: r))
        }
        guard ok, stages.count == list.count, stages.count >= 2 else { return nil }
        return RegimeChoice.timeline(name: name, stages: stages)
    }

    /// The real folder of a file (absolute, symbolic links resolved): regime files named in a
    /// scenario are read relative to it, whatever the current folder.
    public static func folder(of path: String) -> String {
        URL(fileURLWithPath: path).resolvingSymlinksInPath().deletingLastPathComponent().path
    }

    /// Parses scenario text into a study; regime files are read relative to `folder`. `overrides`
    /// (`--set`) edit the parsed tree first, so their values are checked as the file's are.
    ///
    /// - Throws: ``InputProblems`` (exit 65) listing every problem.
    public static func study(parsing text: String, file: String, folder: String? = nil, overrides: [Override] = []) throws -> Study {
        let sink = YAMLValue.ProblemSink()
        guard let parsed = YAMLValue.parse(text, file: file, sink: sink) else { throw InputProblems(problems: sink.problems) }
        let (root, scopes) = Override.apply(overrides, to: parsed)
        guard let top = root.mapping(allowed: topKeys) else { throw InputProblems(problems: scopes.attribute(sink.problems)) }
        var scenario = Scenario(name: "", start: Day(iso: "2025-01-06")!, end: Day(iso: "2026-01-06")!)
        scenario.file = file
        if let v = top["name"], let n = v.string() {
            if n.isEmpty || n.count > 100 || n.contains(where: { !($0.isLetter || $0.isNumber || "-_.".contains($0)) }) || n.hasPrefix(".") {
                v.report("a name is 1-100 letters, digits, '-', '_' or '.' (it names the output folder), found '\(n)'")
            }
            scenario.name = n
        } else if top["name"] == nil { root.report("missing 'name' (it names the output folder)") }
        if let v = top["start"], let d = v.date() { scenario.start = d } else if top["start"] == nil { root.report("missing 'start' (the first simulated day, YYYY-MM-DD)") }
        scenario.description = top["description"]?.string() ?? ""
        scenario.end = top["horizon"]?.span(after: scenario.start) ?? scenario.start.adding(months: 12)
        scenario.warmupEnd = top["warmup"]?.span(after: scenario.start) ?? scenario.start
        if scenario.end <= scenario.start { top["horizon"]?.report("the horizon must be longer than zero") }
        if scenario.end.number - scenario.start.number > 36_525 { top["horizon"]?.report("the horizon is limited to 100 years") }
        if scenario.warmupEnd >= scenario.end { top["warmup"]?.report("the warm-up must be shorter than the horizon") }
        scenario.replications = top["replications"]?.int(in: 1...100_000) ?? 1
        if let v = top["seed"] { scenario.seed = UInt64(v.int(in: 0...Int.max) ?? 1) }
        var regimes: [RegimeChoice] = []
        if let v = top["regimes"], let list = v.list() {
            if list.isEmpty { v.report("name at least one regime (built-in: \(RegimeLoader.builtInNames.joined(separator: ", ")))") }
            scenario.regimes = []
            for item in list {
                let choice: RegimeChoice
                let written: String
                if case .mapping = item.node {
                    guard let c = readTimeline(item, scenario: scenario, folder: folder, sink: sink) else { continue }
                    choice = c
                    written = c.regime.name
                } else {
                    guard let name = item.string(), let r = loadRegime(name, at: item, folder: folder, sink: sink) else { continue }
                    choice = RegimeChoice(regime: r)
                    written = name
                }
                if regimes.contains(where: { $0.regime.name == choice.regime.name }) { item.report("regime '\(choice.regime.name)' is named twice") }
                regimes.append(choice)
                scenario.regimes.append(written)
            }
        } else if top["regimes"] == nil {
            regimes = [RegimeChoice(regime: try RegimeLoader.load(RegimeLoader.defaultName))]
        }
        if let v = top["sweep"] { scenario.sweep = sweepBlock(v) }
        if let v = top["staffing_levels"], let list = v.list() {
            let levels = list.compactMap { $0.number(in: 0.01...10) }
            if levels.isEmpty { v.report("give at least one staffing level, e.g. [1.0, 0.85, 0.7]") }
            if Set(levels).count != levels.count { v.report("a staffing level is repeated") }
            if top["workforce"] == nil { v.report("staffing_levels scale the workforce, so the scenario needs a 'workforce'") }
            if levels.count == list.count && !levels.isEmpty {
                scenario.regimes = levels.flatMap { level in scenario.regimes.map { "\($0)@\(JSONValue.format(level * 100))%" } }
                scenario.staffingLevels = levels
            }
        }
        if let v = top["caseload"] { readCaseload(v, into: &scenario) }
        if let v = top["behaviour"] { readBehaviour(v, into: &scenario.behaviour, start: scenario.start, end: scenario.end) }
        if let v = top["workforce"] { readWorkforce(v, into: &scenario.workforce, start: scenario.start, end: scenario.end) }
        let variants = Variant.all(regimes: regimes, workforce: scenario.workforce, staffingLevels: scenario.staffingLevels)
        if let v = top["activities"] { readActivities(v, into: &scenario.activities, horizon: (scenario.start, scenario.end)) }
        if let v = top["professional_judgement"], let m = v.mapping(allowed: ["f2f_per_month"]), let pj = m["f2f_per_month"],
           let letters = pj.mapping(allowed: ["A", "B", "C", "D"]) {
            var out: [Character: Int] = ["A": 0, "B": 0, "C": 0, "D": 0]
            for (k, x) in letters { out[k.first!] = x.int(in: 0...31) ?? 0 }
            scenario.professionalJudgement = out
        }
        if let v = top["reading"], let m = v.mapping(allowed: ["release_fraction", "minimum_days_to_book_month",
                                                              "allocation_lag_working_days", "resuspend_when_exemption_lapses",
                                                              "nsd_practitioner_share", "custody_contacts_per_month"]) {
            if let x = m["custody_contacts_per_month"]?.int(in: 0...31) { scenario.reading.custodyContactsPerMonth = x }
            if let x = m["nsd_practitioner_share"]?.number(in: 0...1) { scenario.reading.nsdPractitionerShare = x }
            if let x = m["release_fraction"]?.number(in: 0.01...1) { scenario.reading.releaseFraction = x }
            if let x = m["minimum_days_to_book_month"]?.int(in: 1...31) { scenario.reading.minimumDaysToBookMonth = x }
            if let x = m["allocation_lag_working_days"]?.int(in: 0...60) { scenario.reading.allocationLagWorkingDays = x }
            if let x = m["resuspend_when_exemption_lapses"]?.bool() { scenario.resuspendWhenExemptionLapses = x }
        }
        if let v = top["caseload"] { resolveSentenced(&scenario) { v.report($0) } }
        if let v = top["holidays"], let list = v.list() { scenario.extraHolidays = list.compactMap { $0.date() } }
        if let v = top["expect"], let list = v.list() {
            for item in list {
                guard let m = item.mapping(allowed: ["regime", "metric", "min", "max", "published"]) else { continue }
                guard let metric = m["metric"]?.string() else { item.report("an expectation needs 'metric' (e.g. standards.<standard id>.met_rate)"); continue }
                let lo = m["min"]?.number(in: -1e15...1e15)
                let hi = m["max"]?.number(in: -1e15...1e15)
                if lo == nil && hi == nil { item.report("an expectation needs 'min', 'max' or both") }
                if let lo, let hi, lo > hi { item.report("min (\(lo)) is above max (\(hi))") }
                // The variants it applies to: one named by its name (ns2021@79%) or as written in `regimes`, or all.
                let regime = m["regime"]?.string()
                var applies = variants
                if let r = regime {
                    if let v = variants.first(where: { $0.name == r }) {
                        applies = [v]
                    } else if case let same = variants.filter({ $0.regime.name == r }), !same.isEmpty {
                        applies = same   // a regime as written in `regimes`: each of its staffing variants
                    } else {
                        var msg = "the expectation names regime '\(r)', which the scenario does not run"
                        if let g = didYouMean(r, among: variants.map(\.name)) { msg += " (did you mean '\(g)'?)" }
                        m["regime"]?.report(msg + "; it runs: \(variants.map(\.name).joined(separator: ", "))")
                        applies = []
                    }
                }
                if !applies.isEmpty || regime == nil,
                   let why = SummaryMetrics.problem(with: metric, standards: applies.map { ($0.name, ReplicationModel.standardIDs(of: $0.regime)) },
                                                 activities: scenario.activities.kinds.map(\.id)) {
                    m["metric"]?.report(why)
                }
                let line = item.node.mark.map { "\(file):\($0.line)" } ?? file
                for name in regime == nil ? [nil] : applies.map(\.name) as [String?] {
                    scenario.expectations.append(Expectation(regime: name, metric: metric, min: lo, max: hi, place: line,
                                                             published: m["published"]?.string()))
                }
            }
        }
        checkTierLetters(scenario, top: top)
        if scenario.caseload.initial == 0 && scenario.caseload.arrivalsPerWeek == 0 && scenario.caseload.cases.isEmpty && scenario.caseload.releases.isEmpty {
            (top["caseload"] ?? root).report("the scenario has no cases: give caseload.initial, caseload.arrivals_per_week or caseload.cases")
        }
        if !sink.problems.isEmpty { throw InputProblems(problems: scopes.attribute(sink.problems)) }
        return Study(scenario: scenario, variants: variants)
    }
}
