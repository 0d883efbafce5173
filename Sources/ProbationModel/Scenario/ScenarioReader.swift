import Foundation
import SimulationCore

/// Reads and checks scenario files: YAML (or JSON) → ``Scenario``, or every problem found.
///
/// One pass reports every problem with its file, line, column and key path; regimes named by
/// the scenario are loaded too, so a bad regime file fails validation as well.
public enum ScenarioReader {
    static let topKeys = ["name", "description", "start", "horizon", "warmup", "replications", "seed", "regimes",
                          "caseload", "behaviour", "workforce", "activities", "professional_judgement", "reading",
                          "holidays", "expect", "staffing_levels"]

    /// Reads a scenario file and loads its regimes.
    ///
    /// - Throws: ``InputProblems`` (exit 65) listing every problem.
    public static func load(path: String) throws -> (Scenario, [Regime]) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputProblems(problems: [InputProblem(file: path, path: "", message: "cannot read the file (does it exist?)")])
        }
        guard let text = String(data: data, encoding: .utf8), !text.contains("\0") else {
            throw InputProblems(problems: [InputProblem(file: path, path: "", message: "not a text file (expected UTF-8 YAML or JSON)")])
        }
        return try parse(text, file: path, folder: (path as NSString).deletingLastPathComponent)
    }

    /// Parses scenario text; regime files are read relative to `folder`.
    public static func parse(_ text: String, file: String, folder: String? = nil) throws -> (Scenario, [Regime]) {
        let sink = YAMLValue.ProblemSink()
        guard let root = YAMLValue.parse(text, file: file, sink: sink) else { throw InputProblems(problems: sink.problems) }
        guard let top = root.mapping(allowed: topKeys) else { throw InputProblems(problems: sink.problems) }
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
        var regimes: [Regime] = []
        if let v = top["regimes"], let list = v.list() {
            if list.isEmpty { v.report("name at least one regime (built-in: \(RegimeLoader.builtInNames.joined(separator: ", ")))") }
            scenario.regimes = []
            for item in list {
                guard let name = item.string() else { continue }
                do {
                    let r = try RegimeLoader.load(name, relativeTo: folder)
                    if regimes.contains(where: { $0.name == r.name }) { item.report("regime '\(r.name)' is named twice") }
                    regimes.append(r)
                    scenario.regimes.append(name)
                } catch let e as InputProblems {
                    if e.problems.count == 1 && e.problems[0].path.isEmpty && e.problems[0].file == name {
                        item.report(e.problems[0].message)
                    } else {
                        item.report("the regime file '\(name)' has problems (listed below)")
                        sink.problems += e.problems
                    }
                } catch { item.report("cannot load regime '\(name)': \(error)") }
            }
        } else if top["regimes"] == nil {
            regimes = [try RegimeLoader.load("ns2021")]
        }
        if let v = top["staffing_levels"], let list = v.list() {
            let levels = list.compactMap { $0.number(in: 0.01...10) }
            if levels.isEmpty { v.report("give at least one staffing level, e.g. [1.0, 0.85, 0.7]") }
            if Set(levels).count != levels.count { v.report("a staffing level is repeated") }
            if top["workforce"] == nil { v.report("staffing_levels scale the workforce, so the scenario needs a 'workforce'") }
            if levels.count == list.count && !levels.isEmpty {
                regimes = levels.flatMap { level in regimes.map { r -> Regime in
                    var variant = r
                    variant.name = "\(r.name)@\(JSONValue.format(level * 100))%"
                    variant.workforceScale = level
                    return variant
                } }
                scenario.regimes = levels.flatMap { level in scenario.regimes.map { "\($0)@\(JSONValue.format(level * 100))%" } }
                scenario.staffingLevels = levels
            }
        }
        if let v = top["caseload"] { readCaseload(v, into: &scenario) }
        if let v = top["behaviour"] { readBehaviour(v, into: &scenario.behaviour) }
        if let v = top["workforce"] { readWorkforce(v, into: &scenario.workforce) }
        if let v = top["activities"] { readActivities(v, into: &scenario.activities) }
        if let v = top["professional_judgement"], let m = v.mapping(allowed: ["f2f_per_month"]), let pj = m["f2f_per_month"],
           let letters = pj.mapping(allowed: ["A", "B", "C", "D"]) {
            var out: [Character: Int] = ["A": 0, "B": 0, "C": 0, "D": 0]
            for (k, x) in letters { out[k.first!] = x.int(in: 0...31) ?? 0 }
            scenario.professionalJudgement = out
        }
        if let v = top["reading"], let m = v.mapping(allowed: ["release_fraction", "minimum_days_to_book_month",
                                                              "allocation_lag_working_days", "resuspend_when_exemption_lapses"]) {
            if let x = m["release_fraction"]?.number(in: 0.01...1) { scenario.reading.releaseFraction = x }
            if let x = m["minimum_days_to_book_month"]?.int(in: 1...31) { scenario.reading.minimumDaysToBookMonth = x }
            if let x = m["allocation_lag_working_days"]?.int(in: 0...60) { scenario.reading.allocationLagWorkingDays = x }
            if let x = m["resuspend_when_exemption_lapses"]?.bool() { scenario.resuspendWhenExemptionLapses = x }
        }
        if let v = top["holidays"], let list = v.list() { scenario.extraHolidays = list.compactMap { $0.date() } }
        if let v = top["expect"], let list = v.list() {
            for item in list {
                guard let m = item.mapping(allowed: ["regime", "metric", "min", "max"]) else { continue }
                guard let metric = m["metric"]?.string() else { item.report("an expectation needs 'metric' (e.g. standards.monthly-f2f.met_rate)"); continue }
                if !SummaryMetrics.isKnownPath(metric) {
                    m["metric"]?.report("unknown metric '\(metric)'; expected a path such as \(SummaryMetrics.examplePaths.joined(separator: ", "))")
                }
                let lo = m["min"]?.number(in: -1e15...1e15)
                let hi = m["max"]?.number(in: -1e15...1e15)
                if lo == nil && hi == nil { item.report("an expectation needs 'min', 'max' or both") }
                if let lo, let hi, lo > hi { item.report("min (\(lo)) is above max (\(hi))") }
                let regime = m["regime"]?.string()
                if let r = regime, !regimes.contains(where: { $0.name == r }) && !scenario.regimes.contains(r) {
                    var msg = "the expectation names regime '\(r)', which the scenario does not run"
                    if let g = didYouMean(r, among: regimes.map(\.name)) { msg += "; did you mean '\(g)'?" }
                    m["regime"]?.report(msg)
                }
                let line = item.node.mark.map { "\(file):\($0.line)" } ?? file
                scenario.expectations.append(Expectation(regime: regime, metric: metric, min: lo, max: hi, place: line))
            }
        }
        if scenario.caseload.initial == 0 && scenario.caseload.arrivalsPerWeek == 0 && scenario.caseload.cases.isEmpty {
            (top["caseload"] ?? root).report("the scenario has no cases: give caseload.initial, caseload.arrivals_per_week or caseload.cases")
        }
        if !sink.problems.isEmpty { throw InputProblems(problems: sink.problems) }
        return (scenario, regimes)
    }

    // MARK: caseload

    static func readCaseload(_ v: YAMLValue, into s: inout Scenario) {
        guard let m = v.mapping(allowed: ["initial", "arrivals_per_week", "sentences", "cases", "tiers", "rosh_by_tier_letter", "flags"]) else { return }
        s.caseload.initial = m["initial"]?.int(in: 0...10_000_000) ?? 0
        s.caseload.arrivalsPerWeek = m["arrivals_per_week"]?.number(in: 0...1_000_000) ?? 0
        if let sv = m["sentences"], let sm = sv.mapping(allowed: SentenceType.allCases.map(\.rawValue)) {
            var mix: [SentenceMix] = []
            for type in SentenceType.allCases {
                guard let e = sm[type.rawValue] else { continue }
                let lengthKey = type == .licence ? "custody_months" : "months"
                let allowed = type == .licence ? ["weight", "custody_months"] : ["weight", "months", "requirements"]
                guard let em = e.mapping(allowed: allowed) else { continue }
                let weight = em["weight"]?.number(in: 0...1e9) ?? 1
                guard let lv = em[lengthKey] else { e.report("missing '\(lengthKey)' (the \(type == .licence ? "custodial sentence" : "order") length in months)"); continue }
                guard let length = lv.distribution(in: 0.1...1200) else { continue }
                var reqs: [(Requirement, Double)] = []
                if let rv = em["requirements"], let rm = rv.mapping(allowed: Requirement.allCases.map(\.rawValue)) {
                    for r in Requirement.allCases { if let p = rm[r.rawValue]?.number(in: 0...1) { reqs.append((r, p)) } }
                }
                mix.append(SentenceMix(type: type, weight: weight, months: length, requirements: reqs))
            }
            if mix.isEmpty { sv.report("give at least one sentence type: \(SentenceType.allCases.map(\.rawValue).joined(separator: ", "))") }
            else if !mix.contains(where: { $0.weight > 0 }) { sv.report("the sentence weights are all zero; at least one must be positive") }
            s.caseload.sentences = mix
        }
        if let tv = m["tiers"], let tm = tv.mapping(allowed: CaseloadSettings.tierNames) {
            let tiers = CaseloadSettings.tierNames.compactMap { t in tm[t]?.number(in: 0...1e9).map { (t, $0) } }
            if !tiers.contains(where: { $0.1 > 0 }) { tv.report("the tier weights are all zero; at least one must be positive") }
            s.caseload.tiers = tiers
        }
        if let rv = m["rosh_by_tier_letter"], let rm = rv.mapping(allowed: ["A", "B", "C", "D"]) {
            for (letter, lv) in rm {
                guard let lm = lv.mapping(allowed: RoSH.allCases.map(\.rawValue)) else { continue }
                let dist = RoSH.allCases.compactMap { r in lm[r.rawValue]?.number(in: 0...1).map { (r, $0) } }
                if !dist.contains(where: { $0.1 > 0 }) { lv.report("the RoSH weights are all zero; at least one must be positive") }
                s.caseload.roshByTierLetter[letter.first!] = dist
            }
        }
        if let fv = m["flags"], let fm = fv.mapping(allowed: CohortFlag.allCases.map(\.rawValue)) {
            for flag in CohortFlag.allCases {
                guard let x = fm[flag.rawValue] else { continue }
                if flag == .mappa, case .mapping = x.node {
                    guard let mm = x.mapping(allowed: RoSH.allCases.map(\.rawValue)) else { continue }
                    for r in RoSH.allCases { if let p = mm[r.rawValue]?.number(in: 0...1) { s.caseload.mappaByRoSH[r] = p } }
                } else if let p = x.number(in: 0...1) {
                    if flag == .mappa { for r in RoSH.allCases { s.caseload.mappaByRoSH[r] = p } } else { s.caseload.flagProbability[flag] = p }
                }
            }
        }
        if let cv = m["cases"], let list = cv.list() {
            var ids = Set<String>()
            for item in list {
                guard let c = readCase(item) else { continue }
                if !ids.insert(c.id).inserted { item.report("a second case with id '\(c.id)'; case ids must be unique") }
                s.caseload.cases.append(c)
            }
        }
    }

    static func readCase(_ v: YAMLValue) -> CaseSpec? {
        guard let m = v.mapping(allowed: ["id", "type", "start", "months", "custody_months", "requirements", "tier", "rosh", "flags"]) else { return nil }
        guard let id = m["id"]?.string() else { v.report("a case needs an 'id'"); return nil }
        guard let type = m["type"]?.choice(SentenceType.self) else {
            if m["type"] == nil { v.report("a case needs a 'type' (\(SentenceType.allCases.map(\.rawValue).joined(separator: ", ")))") }
            return nil
        }
        guard let start = m["start"]?.date() else {
            if m["start"] == nil { v.report("a case needs a 'start' (sentence date, or release date for a licence)") }
            return nil
        }
        var c = CaseSpec(id: id, type: type, start: start)
        if type == .licence {
            if m["months"] != nil { m["months"]?.report("a licence gives 'custody_months' (the custodial sentence length), not 'months'") }
            guard let cm = m["custody_months"] else { v.report("a licence needs 'custody_months' (the custodial sentence length in months)"); return nil }
            c.custodyMonths = cm.int(in: 1...1200)
            if m["requirements"] != nil { m["requirements"]?.report("requirements belong to community and suspended sentence orders, not licences") }
        } else {
            if m["custody_months"] != nil { m["custody_months"]?.report("'custody_months' is for licences; a \(type.rawValue) gives 'months'") }
            c.months = m["months"]?.int(in: 1...600) ?? 12
            c.requirements = m["requirements"]?.choices(Requirement.self) ?? []
        }
        if let t = m["tier"] {
            if let name = t.string() {
                if CaseloadSettings.tierNames.contains(name) { c.tier = name } else {
                    var msg = "unknown tier '\(name)'"
                    if let g = didYouMean(name, among: CaseloadSettings.tierNames) { msg += "; did you mean '\(g)'?" }
                    t.report(msg + " Expected A3 ... D0")
                }
            }
        }
        if let r = m["rosh"]?.choice(RoSH.self) { c.rosh = r }
        c.flags = m["flags"]?.choices(CohortFlag.self) ?? []
        return c
    }

    // MARK: behaviour, workforce, activities

    static func readBehaviour(_ v: YAMLValue, into b: inout BehaviourSettings) {
        guard let m = v.mapping(allowed: ["attendance", "acceptable_absence", "rosh_monthly", "monthly_hazards", "recall",
                                          "rebook_after_working_days", "max_rebookings"]) else { return }
        if let a = m["attendance"] {
            if case .scalar = a.node, let p = a.number(in: 0...1) { for l in "ABCD" { b.attendance[l] = p } }
            else if let am = a.mapping(allowed: ["A", "B", "C", "D"]) { for (k, x) in am { if let p = x.number(in: 0...1) { b.attendance[k.first!] = p } } }
        }
        if let p = m["acceptable_absence"]?.number(in: 0...1) { b.acceptableAbsence = p }
        if let rv = m["rosh_monthly"], let rm = rv.mapping(allowed: RoSH.allCases.map(\.rawValue)) {
            for from in RoSH.allCases {
                guard let fv = rm[from.rawValue], let fm = fv.mapping(allowed: RoSH.allCases.map(\.rawValue)) else { continue }
                var row: [(RoSH, Double)] = []
                for to in RoSH.allCases where to != from { if let p = fm[to.rawValue]?.number(in: 0...1) { row.append((to, p)) } }
                if fm[from.rawValue] != nil { fm[from.rawValue]?.report("a transition to the same level is implied (1 minus the others); leave it out") }
                if row.reduce(0, { $0 + $1.1 }) > 1 { fv.report("the monthly transition probabilities from \(from.rawValue) add up to more than 1") }
                b.roshMonthly[from] = row
            }
        }
        if let hv = m["monthly_hazards"], let hm = hv.mapping(allowed: [CohortFlag.mappa, .nsd, .childProtection].map(\.rawValue)) {
            for (k, x) in hm { if let p = x.number(in: 0...1) { b.monthlyHazards[CohortFlag(rawValue: k)!] = p } }
        }
        if let rv = m["recall"], let rm = rv.mapping(allowed: ["per_unacceptable_absence", "fixed_term_share", "fixed_term_days", "standard_days"]) {
            if let p = rm["per_unacceptable_absence"]?.number(in: 0...1) { b.recallPerUnacceptableAbsence = p }
            if let p = rm["fixed_term_share"]?.number(in: 0...1) { b.fixedTermShare = p }
            if let d = rm["fixed_term_days"]?.int(in: 1...3650) { b.fixedTermDays = d }
            if let d = rm["standard_days"]?.distribution(in: 0...3650) { b.standardDays = d }
        }
        if let x = m["rebook_after_working_days"]?.int(in: 1...20) { b.rebookAfterWorkingDays = x }
        if let x = m["max_rebookings"]?.int(in: 0...10) { b.maxRebookings = x }
    }

    static func readWorkforce(_ v: YAMLValue, into w: inout WorkforceSettings) {
        guard let m = v.mapping(allowed: ["practitioners", "pso_max_rosh", "leave_days_per_year", "sickness_share", "nominal_target_points",
                                          "max_deferral_working_days"]) else { return }
        if let x = m["max_deferral_working_days"]?.int(in: 0...260) { w.maxDeferralWorkingDays = x }
        if let pv = m["practitioners"], let list = pv.list() {
            w.practitioners = []
            for item in list {
                guard let pm = item.mapping(allowed: ["grade", "count", "hours_per_week", "case_work_share"]) else { continue }
                guard let grade = pm["grade"]?.choice(PractitionerGroup.Grade.self) else {
                    if pm["grade"] == nil { item.report("a practitioner group needs 'grade' (PO or PSO)") }
                    continue
                }
                var g = PractitionerGroup(grade: grade, count: pm["count"]?.int(in: 0...100_000) ?? 1)
                if let h = pm["hours_per_week"]?.number(in: 1...60) { g.hoursPerWeek = h }
                if let s = pm["case_work_share"]?.number(in: 0...1) { g.caseWorkShare = s }
                w.practitioners.append(g)
            }
            if !w.practitioners.contains(where: { $0.grade == .PO && $0.count > 0 }) && !w.practitioners.isEmpty {
                pv.report("the workforce needs at least one PO (higher-RoSH cases may only be held by a PO)")
            }
        }
        if let r = m["pso_max_rosh"]?.choice(RoSH.self) { w.psoMaxRoSH = r }
        if let x = m["leave_days_per_year"]?.number(in: 0...200) { w.leaveDaysPerYear = x }
        if let x = m["sickness_share"]?.number(in: 0...0.9) { w.sicknessShare = x }
        if let tv = m["nominal_target_points"], let tm = tv.mapping(allowed: ["PO", "PSO"]) {
            for (k, x) in tm { if let p = x.number(in: 1...1e6) { w.nominalTargetPoints[PractitionerGroup.Grade(rawValue: k)!] = p } }
        }
    }

    static let activityKeys = ["initial_appointment", "f2f_appointment", "home_visit", "home_visit_travel", "other_contact",
                               "record_keeping", "sentence_plan", "upw_start", "warning_letter", "enforcement_decision",
                               "breach_report", "recall_report", "reactive_event", "reactive_events_per_month"]

    static func readActivities(_ v: YAMLValue, into a: inout ActivitySettings) {
        guard let m = v.mapping(allowed: activityKeys) else { return }
        func d(_ key: String, _ target: inout Distribution) { if let x = m[key]?.distribution(in: 0...10_000) { target = x } }
        d("initial_appointment", &a.initialAppointment); d("f2f_appointment", &a.f2fAppointment); d("home_visit", &a.homeVisit)
        d("home_visit_travel", &a.homeVisitTravel); d("other_contact", &a.otherContact); d("record_keeping", &a.recordKeeping)
        d("sentence_plan", &a.sentencePlan); d("upw_start", &a.upwStart); d("warning_letter", &a.warningLetter)
        d("enforcement_decision", &a.enforcementDecision); d("breach_report", &a.breachReport); d("recall_report", &a.recallReport)
        d("reactive_event", &a.reactiveEvent)
        if let x = m["reactive_events_per_month"]?.number(in: 0...100) { a.reactiveEventsPerMonth = x }
    }
}
