import ProbationRules
/// A study's replication results, measured: the figures of each replication, and the study
/// summary (means and 95% intervals over replications) that `summary.json` and every writer
/// are made from.
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

    /// Results of one variant, in replication order.
    ///
    /// - Complexity: O(*n* log *n*) for *n* results.
    func of(_ variant: String) -> [ReplicationResult] {
        results.filter { $0.regime == variant }.sorted { $0.replication < $1.replication }
    }

    /// The figures of one replication, read against the variant it ran (its regime and its own
    /// workforce); a result of no variant of the study is read against the scenario's workforce.
    public func measures(_ r: ReplicationResult) -> ReplicationMeasures {
        let variant = study.variant(named: r.regime)
        return ReplicationMeasures(r, regime: variant?.regime, workforce: variant?.workforce ?? study.scenario.workforce, activities: study.scenario.activities,
                                   measuredWeeks: study.scenario.measuredWeeks)
    }

    /// Every regime's standards in rule order (the first regime's, then those only later regimes
    /// have), then any other id seen in a result, alphabetical.
    var standardIDs: [String] {
        var ids: [String] = []
        for v in study.variants { for st in v.regime.standards where !ids.contains(st.id) { ids.append(st.id) } }
        let seen = Set(results.flatMap { $0.standards.keys })
        return ids + seen.subtracting(ids).sorted()
    }

    /// The plain-English text of each standard, from the rule it comes from (the first regime that has it).
    var standardTexts: [String: String] {
        var texts: [String: String] = [:]
        for v in study.variants { for st in v.regime.standards where texts[st.id] == nil { texts[st.id] = st.text } }
        return texts
    }

    /// The summary of one variant: each figure's mean and interval over its replications.
    ///
    /// Its standards are exactly the regime's, in rule order (and, should a result hold another,
    /// that too, alphabetical after them). A replication that never met a standard counts 0 of
    /// each outcome; its met rate has no value.
    func summary(of variant: Variant, _ measures: [ReplicationMeasures]) -> VariantSummary {
        let own = variant.regime.standards
        let seen = Set(measures.flatMap { $0.standards.map(\.id) }).subtracting(own.map(\.id)).sorted()
        let standards = (own.map { ($0.id, $0.text) } + seen.map { ($0, "") }).map { id, text in
            StandardFigures(id: id, text: text, due: Estimate(measures.map { $0.standard(id)?.due ?? 0 }),
                            outcomes: StandardOutcome.allCases.indices.map { k in Estimate(measures.map { $0.standard(id)?.outcomes[k] ?? 0 }) },
                            metRate: Estimate(measures.map { $0.standard(id)?.metRate ?? .nan }))
        }
        let figures = VariantFigures<Estimate>({ m in Estimate(measures.map { $0[m] }) },
                                               activities: study.scenario.activities.kinds.map(\.id),
                                               byActivity: { f, k in Estimate(measures.map { k < $0.hours.byActivity.count ? $0[f, row: k] : 0 }) },
                                               standards: standards) { g, b in Estimate(measures.map { $0.caseloadBand(group: g, band: b) }) }
        return VariantSummary(name: variant.name, figures: figures)
    }

    /// Paired differences of each variant from the first (same replications, common random
    /// numbers): hours per week, FTE needed, F2F contacts and every standard's met rate, each
    /// listed only when some replication gives it a value.
    func differences(_ measures: [[ReplicationMeasures]]) -> [PairedDifference] {
        guard let base = study.variants.first?.name, let baseMeasures = measures.first, study.variants.count > 1 else { return [] }
        let paths = [MetricPath.metric(.hoursPerWeek), .metric(.fteNeeded), .metric(.f2fContacts)]
            + standardIDs.map { MetricPath.standard(id: $0, field: .metRate) }
        return zip(study.variants, measures).dropFirst().map { variant, other in
            let estimates = paths.compactMap { path -> (path: String, estimate: Estimate)? in
                let d = zip(other, baseMeasures).map { ($0[path] ?? .nan) - ($1[path] ?? .nan) }
                return d.contains(where: \.isFinite) ? (path.description, Estimate(d)) : nil
            }
            return PairedDifference(variant: variant.name, base: base, estimates: estimates)
        }
    }

    /// The study summary: every variant's figures and the paired differences. `summary.json` is
    /// written from it, and the console table, `--check` and the report read it.
    ///
    /// - Parameter replications: the replications to report (default: the scenario's; a shard reports its own).
    /// - Complexity: O(*n*·(*m* + *s*²)) for *n* results, *m* figures and *s* standards.
    public func summary(replications: Int? = nil) -> StudySummary {
        let scenario = study.scenario
        let measures = study.variants.map { of($0.name).map(self.measures) }
        return StudySummary(
            scenario: scenario.name, seed: scenario.seed, replications: replications ?? scenario.replications,
            start: scenario.start, end: scenario.end, warmupEnd: scenario.warmupEnd,
            events: results.reduce(UInt64(0)) { $0 + $1.events },
            variants: zip(study.variants, measures).map { summary(of: $0, $1) },
            differences: differences(measures), standardIDs: standardIDs, standardTexts: standardTexts)
    }

    /// The whole `summary.json` object. Timing fields (`wall_seconds`) are the only ones that vary between identical runs.
    public func json(wallSeconds: Double?, replications: Int? = nil) -> JSONValue {
        summary(replications: replications).json(wallSeconds: wallSeconds)
    }
}
