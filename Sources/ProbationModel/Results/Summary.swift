import SimulationCore

/// Turns replication results into the summary (`summary.json`): means and 95% intervals over replications.
public struct Summary {
    public let study: Study
    public let results: [ReplicationResult]

    public init(study: Study, results: [ReplicationResult]) {
        self.study = study
        self.results = results
    }

    public init(scenario: Scenario, variants: [Variant], results: [ReplicationResult]) {
        self.init(study: Study(scenario: scenario, variants: variants), results: results)
    }

    public var scenario: Scenario { study.scenario }
    public var variants: [Variant] { study.variants }

    func stat(_ xs: [Double], detail: Bool = true) -> JSONValue {
        let finite = xs.filter(\.isFinite)
        guard !finite.isEmpty else { return .object([("mean", .null), ("ci95", .null)]) }
        let (m, lo, hi) = StudentT.meanAndInterval(finite)
        return .object([("mean", .num(m)), ("ci95", .array([.num(lo), .num(hi)]))])
    }

    /// Results for one regime, in replication order.
    func of(_ regime: String) -> [ReplicationResult] { results.filter { $0.regime == regime }.sorted { $0.replication < $1.replication } }

    static let outcomeNames = StandardOutcome.allCases.map(\.rawValue)

    /// The workforce a result simulated (its variant's own).
    func workforce(of r: ReplicationResult) -> WorkforceSettings {
        variants.first { $0.name == r.regime }?.workforce ?? scenario.workforce
    }

    /// Per-replication measures, the basis of every mean and interval.
    func measures(_ r: ReplicationResult) -> [String: Double] {
        let weeks = scenario.measuredWeeks
        var m: [String: Double] = [:]
        m["cases_seen"] = Double(r.cases)
        m["caseload.mean"] = r.weeks.isEmpty ? .nan : Double(r.weeks.reduce(0) { $0 + $1.cases }) / Double(r.weeks.count)
        m["caseload.in_custody_mean"] = r.weeks.isEmpty ? .nan : Double(r.weeks.reduce(0) { $0 + $1.casesInCustody }) / Double(r.weeks.count)
        m["contacts.f2f"] = Double(r.f2fContacts)
        m["contacts.home_visit"] = Double(r.homeVisits)
        m["contacts.other"] = Double(r.otherContacts)
        m["hours.total"] = r.totalMinutes / 60
        m["hours.total_per_week"] = r.totalMinutes / 60 / weeks
        m["hours.by_grade.PO"] = r.minutesByGrade[0] / 60
        m["hours.by_grade.PSO"] = r.minutesByGrade[1] / 60
        for a in Activity.allCases { m["hours.by_activity.\(a.name)"] = r.minutesByActivity[a.rawValue] / 60 }
        let workforce = workforce(of: r)
        m["fte_needed"] = r.demandMinutes / 60 / weeks / workforce.availableHoursPerFTEWeek
        m["fte_in_post"] = workforce.isUnlimited ? .nan : workforce.fteInPost
        let wmt = r.weeks.map(\.wmtPercent).filter(\.isFinite)
        m["wmt_capacity_percent"] = wmt.isEmpty ? .nan : wmt.reduce(0, +) / Double(wmt.count)
        m["caseload_per_practitioner.mean"] = r.weeks.isEmpty ? .nan : r.weeks.map(\.caseloadMean).reduce(0, +) / Double(r.weeks.count)
        m["caseload_per_practitioner.p90"] = r.weeks.isEmpty ? .nan : r.weeks.map(\.caseloadP90).reduce(0, +) / Double(r.weeks.count)
        m["backlog_hours"] = r.weeks.isEmpty ? .nan : r.weeks.map(\.backlogHours).reduce(0, +) / Double(r.weeks.count)
        m["recalls"] = Double(r.recalls)
        m["unacceptable_absences"] = Double(r.unacceptableAbsences)
        m["deferrals"] = Double(r.deferrals)
        m["dropped_hours"] = r.droppedMinutes / 60
        for (id, counts) in r.standards {
            let due = counts[0] + counts[1] + counts[2] + counts[3]
            m["standards.\(id).due"] = Double(due)
            for (k, name) in Summary.outcomeNames.enumerated() { m["standards.\(id).\(name)"] = Double(counts[k]) }
            m["standards.\(id).met_rate"] = due > 0 ? Double(counts[0]) / Double(due) : .nan
        }
        return m
    }

    /// Every regime's standards in rule order (the first regime's, then those only later regimes
    /// have), then any other id seen in a result, alphabetical.
    var standardIDs: [String] {
        var ids: [String] = []
        for v in variants { for st in v.regime.standards where !ids.contains(st.id) { ids.append(st.id) } }
        let seen = Set(results.flatMap { $0.standards.keys })
        return ids + seen.subtracting(ids).sorted()
    }

    /// The plain-English text of each standard, from the rule it comes from (the first regime that has it).
    var standardTexts: [String: String] {
        var texts: [String: String] = [:]
        for v in variants { for st in v.regime.standards where texts[st.id] == nil { texts[st.id] = st.text } }
        return texts
    }

    /// The summary object of one variant (a regime, or a regime at a staffing level).
    public func regimeObject(_ variant: Variant) -> JSONValue {
        let name = variant.name
        let rs = of(name).map(measures)
        func s(_ key: String) -> JSONValue { stat(rs.map { $0[key] ?? .nan }) }
        func sZero(_ key: String) -> JSONValue { stat(rs.map { $0[key] ?? 0 }) }
        // Exactly the regime's standards in rule order (and, should a result hold another, that too).
        let own = variant.regime.standards
        let seen = Set(of(name).flatMap { $0.standards.keys }).subtracting(own.map(\.id)).sorted()
        let standards: [(String, JSONValue)] = (own.map { ($0.id, $0.text) } + seen.map { ($0, "") }).map { id, text in
            (id, .object([("text", .string(text))] + (["due"] + Summary.outcomeNames).map { ($0, sZero("standards.\(id).\($0)")) }
                         + [("met_rate", s("standards.\(id).met_rate"))]))
        }
        return .object([
            ("caseload", .object([("mean", s("caseload.mean")), ("in_custody_mean", s("caseload.in_custody_mean"))])),
            ("cases_seen", s("cases_seen")),
            ("contacts", .object([("f2f", s("contacts.f2f")), ("home_visit", s("contacts.home_visit")), ("other", s("contacts.other"))])),
            ("hours", .object([
                ("total", s("hours.total")), ("total_per_week", s("hours.total_per_week")),
                ("by_activity", .object(Activity.allCases.map { ($0.name, s("hours.by_activity.\($0.name)")) })),
                ("by_grade", .object([("PO", s("hours.by_grade.PO")), ("PSO", s("hours.by_grade.PSO"))])),
            ])),
            ("fte_needed", s("fte_needed")),
            ("fte_in_post", s("fte_in_post")),
            ("wmt_capacity_percent", s("wmt_capacity_percent")),
            ("caseload_per_practitioner", .object([("mean", s("caseload_per_practitioner.mean")), ("p90", s("caseload_per_practitioner.p90"))])),
            ("backlog_hours", s("backlog_hours")),
            ("recalls", s("recalls")), ("unacceptable_absences", s("unacceptable_absences")), ("deferrals", s("deferrals")), ("dropped_hours", s("dropped_hours")),
            ("standards", .object(standards)),
        ])
    }

    /// Paired differences of each regime from the first (same replications, common random numbers).
    func differences() -> JSONValue {
        guard let base = variants.first?.name, variants.count > 1 else { return .object([]) }
        let baseMeasures = of(base).map(measures)
        var out: [(String, JSONValue)] = []
        for r in variants.dropFirst() {
            let other = of(r.name).map(measures)
            var keys = ["hours.total_per_week", "fte_needed", "contacts.f2f"]
            for id in standardIDs { keys.append("standards.\(id).met_rate") }
            var pairs: [(String, JSONValue)] = []
            for k in keys {
                let d = zip(other, baseMeasures).map { ($0[k] ?? .nan) - ($1[k] ?? .nan) }
                if d.contains(where: \.isFinite) { pairs.append((k, stat(d))) }
            }
            out.append(("\(r.name) - \(base)", .object(pairs)))
        }
        return .object(out)
    }

    /// The whole `summary.json` object. Timing fields (`wall_seconds`) are the only ones that vary between identical runs.
    public func json(wallSeconds: Double?, replications: Int? = nil) -> JSONValue {
        .object([
            ("scenario", .string(scenario.name)), ("seed", .int(Int(scenario.seed))), ("replications", .int(replications ?? scenario.replications)),
            ("start", .string(scenario.start.iso)), ("end", .string(scenario.end.iso)), ("warmup_end", .string(scenario.warmupEnd.iso)),
            ("events", .int(Int(results.reduce(UInt64(0)) { $0 + $1.events }))),
            ("wall_seconds", wallSeconds.map { .num($0) } ?? .null),
            ("probsim_version", .string(probsimVersion)),
            ("regimes", .object(variants.map { ($0.name, regimeObject($0)) })),
            ("differences", differences()),
        ])
    }
}
