@testable import ProbationModel
@testable import ProbationRules

/// Scenario text for a test, built from named parts rather than by editing a string.
///
/// Each part sets one key of the file; a part left out is left out of the text, so the reader's
/// default applies. Parts are values: a builder can be kept as a base and varied by chaining
/// (`base.attendance(0)` is a new builder). ``text`` is the YAML the reader then reads, so a
/// test still goes through the scenario reader. Typed parts cover what tests say often; each
/// section also takes any key and value (`.caseload("flags", ["iom": 0.2])`), and ``raw(_:)``
/// appends text a typed part cannot say (a misspelt key, broken YAML).
///
///     ScenarioBuilder(name: "t").horizon(months: 8).regimes("ns2021")
///         .namedCase(id: "x", type: .licence, start: "2025-02-03", custodyMonths: 9)
///         .attendance(1).workforce(.unlimited)
struct ScenarioBuilder: CustomStringConvertible, Sendable {
    private var keys: [(String, Value)] = []
    private var rawLines: [String] = []

    /// A scenario named `name` starting on `start` (a Monday by default); everything else defaults.
    init(name: String, start: String = "2025-01-06") {
        keys = [("name", .scalar(name)), ("start", .scalar(start))]
    }

    // MARK: the run

    func start(_ iso: String) -> Self { setting(["start"], .scalar(iso)) }
    func horizon(years: Int) -> Self { setting(["horizon"], ["years": .init(years)]) }
    func horizon(months: Int) -> Self { setting(["horizon"], ["months": .init(months)]) }
    func horizon(weeks: Int) -> Self { setting(["horizon"], ["weeks": .init(weeks)]) }
    func warmup(months: Int) -> Self { setting(["warmup"], ["months": .init(months)]) }
    func replications(_ n: Int) -> Self { setting(["replications"], .init(n)) }
    func seed(_ n: Int) -> Self { setting(["seed"], .init(n)) }
    func regimes(_ names: String...) -> Self { regimes(names) }
    func regimes(_ names: [String]) -> Self { setting(["regimes"], .list(names.map(Value.scalar))) }
    func staffingLevels(_ levels: Double...) -> Self { setting(["staffing_levels"], .list(levels.map { Value($0) })) }
    /// A `reading` option, e.g. `.reading("nsd_practitioner_share", 0.5)`.
    func reading(_ key: String, _ value: Value) -> Self { setting(["reading", key], value) }
    /// The same professional-judgement F2F a month for every tier letter.
    func professionalJudgement(f2fPerMonth n: Int) -> Self {
        setting(["professional_judgement"], ["f2f_per_month": .map("ABCD".map { (String($0), .init(n)) })])
    }

    // MARK: caseload

    func caseload(initial: Int? = nil, arrivalsPerWeek: Double? = nil) -> Self {
        var b = self
        if let initial { b = b.caseload("initial", .init(initial)) }
        if let arrivalsPerWeek { b = b.caseload("arrivals_per_week", .init(arrivalsPerWeek)) }
        return b
    }
    func caseload(_ key: String, _ value: Value) -> Self { setting(["caseload", key], value) }
    func namedCase(_ c: NamedCase) -> Self { appending(["caseload", "cases"], c.value) }
    func namedCases(_ cs: [NamedCase]) -> Self { cs.reduce(self) { $0.namedCase($1) } }
    func namedCase(id: String, type: SentenceType, start: String, months: Int? = nil, custodyMonths: Int? = nil,
                   requirements: [Requirement]? = nil, tier: String? = nil, rosh: RoSH? = nil, flags: [CohortFlag]? = nil) -> Self {
        namedCase(NamedCase(id: id, type: type, start: start, months: months, custodyMonths: custodyMonths,
                            requirements: requirements, tier: tier, rosh: rosh, flags: flags))
    }

    // MARK: behaviour

    func behaviour(_ key: String, _ value: Value) -> Self { setting(["behaviour", key], value) }
    /// The same attendance probability for every tier letter.
    func attendance(_ p: Double) -> Self { behaviour("attendance", .init(p)) }
    func acceptableAbsence(_ p: Double) -> Self { behaviour("acceptable_absence", .init(p)) }
    func maxRebookings(_ n: Int) -> Self { behaviour("max_rebookings", .init(n)) }
    /// Sets the keys `r` gives under `behaviour.recall`, each alone (others already set stay).
    func recall(_ r: Recall) -> Self {
        guard case .map(let pairs) = r.value else { return behaviour("recall", r.value) }
        return pairs.reduce(self) { $0.setting(["behaviour", "recall", $1.0], $1.1) }
    }
    /// No recall for risk or offending (`behaviour.recall.hazard_scale: 0`).
    func noRecallHazard() -> Self { setting(["behaviour", "recall", "hazard_scale"], 0) }
    /// Every breach of an order ends in 'continue' (`behaviour.breach_outcomes`).
    func breachesContinue() -> Self { breachOutcomes(continue: 1, amend: 0, revoke: 0) }
    func breachOutcomes(continue c: Double, amend: Double, revoke: Double) -> Self {
        behaviour("breach_outcomes", ["continue": .init(c), "amend": .init(amend), "revoke": .init(revoke)])
    }
    /// Monthly RoSH transitions, e.g. `["medium": ["high": 1]]`.
    func roshMonthly(_ table: Value) -> Self { behaviour("rosh_monthly", table) }
    /// No RoSH ever changes: every level listed with no transitions.
    func noRiskChanges() -> Self { roshMonthly(["low": [:], "medium": [:], "high": [:], "very_high": [:]]) }
    func monthlyHazards(mappa: Double, nsd: Double, childProtection: Double) -> Self {
        behaviour("monthly_hazards", ["mappa": .init(mappa), "nsd": .init(nsd), "child_protection": .init(childProtection)])
    }

    // MARK: activities

    /// An activity's minutes: a constant, or a distribution (`["gamma": ["mean": 45, "sd": 15]]`).
    func activity(_ key: String, _ minutes: Value) -> Self { setting(["activities", key], minutes) }
    func reactiveEventsPerMonth(_ rate: Double) -> Self { activity("reactive_events_per_month", .init(rate)) }

    // MARK: workforce

    /// `.unlimited`, or groups of practitioners: `.workforce(.po(count: 2), .pso(count: 1))`.
    func workforce(_ staff: Staff) -> Self {
        switch staff {
        case .unlimited: return setting(["workforce", "unlimited"], true)
        case .groups(let groups): return setting(["workforce", "practitioners"], .list(groups.map(\.value)))
        }
    }
    func workforce(_ first: Practitioners, _ more: Practitioners...) -> Self { workforce(.groups([first] + more)) }
    func workforce(_ key: String, _ value: Value) -> Self { setting(["workforce", key], value) }
    /// No sickness and no leave: a day holds hours per week × 60 / 5 × case-work share minutes exactly.
    func alwaysAtWork() -> Self { workforce("sickness_share", 0).workforce("leave_days_per_year", 0) }
    func maxDeferralWorkingDays(_ n: Int) -> Self { workforce("max_deferral_working_days", .init(n)) }
    /// `workforce.rationing.<key>` (conventions §10: order, overtime_share, max_late_working_days).
    func rationing(_ key: String, _ value: Value) -> Self { setting(["workforce", "rationing", key], value) }
    func overtimeShare(_ share: Double) -> Self { rationing("overtime_share", .init(share)) }
    func psoMaxRoSH(_ r: RoSH) -> Self { workforce("pso_max_rosh", .scalar(r.rawValue)) }

    // MARK: expectations and raw text

    func expect(regime: String? = nil, metric: String, min: Double? = nil, max: Double? = nil) -> Self {
        var pairs: [(String, Value)] = []
        if let regime { pairs.append(("regime", .scalar(regime))) }
        pairs.append(("metric", .scalar(metric)))
        if let min { pairs.append(("min", .init(min))) }
        if let max { pairs.append(("max", .init(max))) }
        return appending(["expect"], .map(pairs))
    }

    /// Lines added after everything else, as written (for text no typed part says).
    func raw(_ text: String) -> Self {
        var b = self
        b.rawLines.append(text)
        return b
    }

    // MARK: the text

    /// Top-level keys in the order a scenario file usually has them.
    static let order = ["name", "description", "start", "horizon", "warmup", "replications", "seed", "regimes", "staffing_levels",
                        "reading", "professional_judgement", "caseload", "behaviour", "activities", "workforce", "expect"]

    /// The scenario as YAML: top-level keys in ``order``, then the raw lines.
    var text: String {
        let sorted = keys.enumerated().sorted {
            (Self.order.firstIndex(of: $0.element.0) ?? Self.order.count, $0.offset) < (Self.order.firstIndex(of: $1.element.0) ?? Self.order.count, $1.offset)
        }
        var lines: [String] = []
        for (_, (key, value)) in sorted { lines += value.lines(key: key, indent: "", top: true) }
        return (lines + rawLines).joined(separator: "\n") + "\n"
    }

    var description: String { text }

    // MARK: editing the tree

    /// Sets the value at a key path, in place if the key is there (the typed parts all come here).
    func setting(_ path: [String], _ value: Value) -> Self {
        var b = self
        b.keys = Value.set(path[...], value, in: b.keys)
        return b
    }

    /// Appends to the list at `path` (made if absent).
    func appending(_ path: [String], _ item: Value) -> Self {
        var existing: [Value] = []
        if case .list(let items)? = Value.get(path[...], in: keys) { existing = items }
        return setting(path, .list(existing + [item]))
    }
}
