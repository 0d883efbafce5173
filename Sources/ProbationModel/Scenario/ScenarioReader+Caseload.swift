import SimulationCore
import ProbationRules

/// Reading `caseload`: sentence mix, tiers, RoSH, flags and named cases.
extension ScenarioReader {
    static func readCaseload(_ v: YAMLValue, into s: inout Scenario) {
        guard let m = v.mapping(allowed: ["initial", "arrivals_per_week", "sentences", "cases", "tiers", "rosh_by_tier_letter", "flags",
                                            "custody_phase", "parole_report_share", "parole_report_weeks_before_release", "releases"]) else { return }
        if let x = m["custody_phase"]?.bool() { s.reading.custodyPhase = x }
        if let x = m["parole_report_share"]?.number(in: 0...1) { s.caseload.paroleReportShare = x }
        if let x = m["parole_report_weeks_before_release"]?.int(in: 0...520) { s.caseload.paroleReportWeeksBeforeRelease = x }
        s.caseload.initial = m["initial"]?.int(in: 0...10_000_000) ?? 0
        if let steps = m["arrivals_per_week"]?.numberOrSchedule(in: 0...1_000_000, start: s.start, end: s.end) {
            s.caseload.arrivalsPerWeek = steps.map(\.value).max() ?? 0
            if case .mapping = m["arrivals_per_week"]!.node { s.caseload.arrivalsSchedule = steps }
        }
        if let sv = m["sentences"], let sm = sv.mapping(allowed: SentenceType.allCases.map(\.rawValue)) {
            var mix: [SentenceMix] = []
            for type in SentenceType.allCases {
                guard let e = sm[type.rawValue] else { continue }
                let lengthKey = type == .licence ? "custody_months" : "months"
                let allowed = type == .licence ? ["weight", "custody_months"] : ["weight", "months", "requirements"]
                guard let em = e.mapping(allowed: allowed) else { continue }
                var weight = 1.0
                var weightSchedule: [ScheduledValue] = []
                if let wv = em["weight"], let steps = wv.numberOrSchedule(in: 0...1e9, start: s.start, end: s.end), let first = steps.first {
                    weight = first.value
                    if case .mapping = wv.node { weightSchedule = steps }
                }
                guard let lv = em[lengthKey] else { e.report("missing '\(lengthKey)' (the \(type == .licence ? "custodial sentence" : "order") length in months)"); continue }
                guard let length = lv.distribution(in: 0.1...1200) else { continue }
                var reqs: [(Requirement, Double)] = []
                if let rv = em["requirements"], let rm = rv.mapping(allowed: Requirement.allCases.map(\.rawValue)) {
                    for r in Requirement.allCases { if let p = rm[r.rawValue]?.number(in: 0...1) { reqs.append((r, p)) } }
                }
                mix.append(SentenceMix(type: type, weight: weight, weightSchedule: weightSchedule, months: length, requirements: reqs))
            }
            if mix.isEmpty { sv.report("give at least one sentence type: \(SentenceType.allCases.map(\.rawValue).joined(separator: ", "))") }
            else if !mix.contains(where: { $0.weight > 0 }) { sv.report("the sentence weights are all zero; at least one must be positive") }
            else {
                // With weight schedules, every period between change dates needs a positive weight too.
                for day in Set(mix.flatMap { $0.weightSchedule.dropFirst().map(\.from) }).sorted() where !mix.contains(where: { $0.weight(on: day) > 0 }) {
                    sv.report("the sentence weights are all zero from \(day.iso); at least one must be positive at every date")
                }
            }
            s.caseload.sentences = mix
        }
        if let rv = m["releases"] { readReleases(rv, into: &s) }
        if let tv = m["tiers"], let tm = tv.mapping(allowed: CaseloadSettings.tierNames) {
            let tiers = CaseloadSettings.tierNames.compactMap { t in tm[t]?.number(in: 0...1e9).map { (t, $0) } }
            if !tiers.contains(where: { $0.1 > 0 }) { tv.report("the tier weights are all zero; at least one must be positive") }
            s.caseload.tiers = tiers
        }
        if let rv = m["rosh_by_tier_letter"], let rm = rv.mapping(allowed: ["A", "B", "C", "D"]) {
            s.caseload.roshByTierLetter = [:]
            for (letter, lv) in rm {
                guard let lm = lv.mapping(allowed: RoSH.allCases.map(\.rawValue)) else { continue }
                let dist = RoSH.allCases.compactMap { r in lm[r.rawValue]?.number(in: 0...1).map { (r, $0) } }
                if !dist.contains(where: { $0.1 > 0 }) { lv.report("the RoSH weights are all zero; at least one must be positive") }
                s.caseload.roshByTierLetter[letter.first!] = dist
            }
        }
        if let fv = m["flags"], let fm = fv.mapping(allowed: CohortFlag.allCases.map(\.rawValue)) {
            s.caseload.flagProbability = [:]
            s.caseload.mappaByRoSH = [:]
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

    /// Licences given by `sentenced:`: the release date (`start`) is the sentence date plus custody
    /// × release fraction months; a custody too short to reach a day's custody is refused.
    static func resolveSentenced(_ s: inout Scenario, report: (String) -> Void) {
        for k in s.caseload.cases.indices {
            guard let sentence = s.caseload.cases[k].sentenced, let custody = s.caseload.cases[k].custodyMonths else { continue }
            let release = CaseTimeline.releaseDate(sentence: sentence, custodyMonths: custody, options: s.reading)
            if release <= sentence {
                report("case '\(s.caseload.cases[k].id)': custody_months \(custody) is too short for release fraction \(s.reading.releaseFraction): no day in custody")
            }
            s.caseload.cases[k].start = release
        }
    }

    static func readCase(_ v: YAMLValue) -> CaseSpec? {
        guard let m = v.mapping(allowed: ["id", "type", "start", "sentenced", "months", "custody_months", "requirements", "tier", "rosh", "flags"]) else { return nil }
        guard let id = m["id"]?.string() else { v.report("a case needs an 'id'"); return nil }
        guard let type = m["type"]?.choice(SentenceType.self) else {
            if m["type"] == nil { v.report("a case needs a 'type' (\(SentenceType.allCases.map(\.rawValue).joined(separator: ", ")))") }
            return nil
        }
        let sentenced = type == .licence ? m["sentenced"]?.date() : nil
        if type != .licence, let sv = m["sentenced"] { sv.report("'sentenced' is for licences (the custodial sentence date); a \(type.rawValue) gives 'start'") }
        if m["start"] != nil && m["sentenced"] != nil && type == .licence {
            v.report("a licence gives 'start' (release date) or 'sentenced' (sentence date), not both")
            return nil
        }
        // A licence given by its sentence date gets its release date once the release fraction is known (``resolveSentenced``).
        guard let start = m["start"]?.date() ?? sentenced else {
            if m["start"] == nil && m["sentenced"] == nil {
                v.report("a case needs a 'start' (sentence date, or release date for a licence; a licence may give 'sentenced' instead)")
            }
            return nil
        }
        var c = CaseSpec(id: id, type: type, start: start)
        c.sentenced = sentenced
        if type == .licence {
            if m["months"] != nil { m["months"]?.report("a licence gives 'custody_months' (the custodial sentence length), not 'months'") }
            guard let cm = m["custody_months"] else { v.report("a licence needs 'custody_months' (the custodial sentence length in months)"); return nil }
            c.custodyMonths = cm.int(in: 1...1200)
            if let r = m["requirements"], !(r.list()?.isEmpty ?? true) { r.report("requirements belong to community and suspended sentence orders, not licences (an empty list is fine)") }
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
                    t.report(msg + "; expected one of A3, A2, A1, A0, B3 ... D0")
                }
            }
        }
        if let r = m["rosh"]?.choice(RoSH.self) { c.rosh = r }
        c.flags = m["flags"]?.choices(CohortFlag.self) ?? []
        return c
    }

    /// `caseload.releases: [{on: DATE, count: N, custody_months: DIST}]`: surges of licence
    /// cases released on a day inside the horizon. `custody_months` defaults to the sentence mix's
    /// licence lengths (read after `sentences`, so the file's mix is the default).
    static func readReleases(_ v: YAMLValue, into s: inout Scenario) {
        guard let list = v.list() else { return }
        var out: [ReleaseSurge] = []
        for item in list {
            guard let m = item.mapping(allowed: ["on", "count", "custody_months"]) else { continue }
            guard let ov = m["on"] else { item.report("a release surge needs 'on': the release day, YYYY-MM-DD"); continue }
            guard let cv = m["count"] else { item.report("a release surge needs 'count': how many people are released that day (1 to 1,000,000)"); continue }
            guard let day = ov.date(), let count = cv.int(in: 1...1_000_000) else { continue }
            if day < s.start || day >= s.end {
                ov.report("a release day inside the horizon, from the start \(s.start.iso) to before the end \(s.end.iso), found \(day.iso)")
                continue
            }
            let custody: Distribution
            if let dv = m["custody_months"] {
                guard let d = dv.distribution(in: 0.1...1200) else { continue }
                custody = d
            } else if let licence = s.caseload.sentences.first(where: { $0.type == .licence }) {
                custody = licence.months
            } else {
                item.report("a release surge needs 'custody_months' (the custodial sentence length, a distribution in months) when the sentence mix has no licence")
                continue
            }
            out.append(ReleaseSurge(on: day, count: count, custodyMonths: custody))
        }
        s.caseload.releases = out
    }
}
