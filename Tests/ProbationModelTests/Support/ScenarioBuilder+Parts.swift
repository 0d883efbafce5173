@testable import ProbationModel
@testable import ProbationRules

/// A named case (`caseload.cases[]`): keys left nil are left out of the file.
struct NamedCase: Sendable {
    var id: String
    var type: SentenceType
    var start: String
    var months: Int? = nil
    var custodyMonths: Int? = nil
    var requirements: [Requirement]? = nil
    var tier: String? = nil
    var rosh: RoSH? = nil
    var flags: [CohortFlag]? = nil
    /// A licence given by its sentence date (`sentenced:`) instead of its release date.
    var sentenced: String? = nil

    /// A licence given by its sentence date: `sentenced:` in the file, no `start:`.
    static func custodial(id: String, sentenced: String, custodyMonths: Int, tier: String = "C2", rosh: RoSH = .medium) -> NamedCase {
        NamedCase(id: id, type: .licence, start: "", custodyMonths: custodyMonths, tier: tier, rosh: rosh, sentenced: sentenced)
    }

    var value: ScenarioBuilder.Value {
        var pairs: [(String, ScenarioBuilder.Value)] = [("id", .scalar(id)), ("type", .scalar(type.rawValue)),
                                                        sentenced.map { ("sentenced", .scalar($0)) } ?? ("start", .scalar(start))]
        if let months { pairs.append(("months", .init(months))) }
        if let custodyMonths { pairs.append(("custody_months", .init(custodyMonths))) }
        if let requirements { pairs.append(("requirements", .list(requirements.map { .scalar($0.rawValue) }))) }
        if let tier { pairs.append(("tier", .scalar(tier))) }
        if let rosh { pairs.append(("rosh", .scalar(rosh.rawValue))) }
        if let flags { pairs.append(("flags", .list(flags.map { .scalar($0.rawValue) }))) }
        return .map(pairs)
    }
}

extension ScenarioBuilder {
    /// Named cases with everything random switched off: attendance 1, no risk changes, no recall
    /// for risk or offending, every breach of an order continuing, no
    /// reactive work, no scheduled work, no court reports, unlimited capacity, professional judgement 0, constant minutes
    /// (initial appointment 90, F2F 45, home visit 60 + 30 travel, other contact 15, record
    /// keeping 10, sentence plan 180). Three years from 1 January 2025 unless varied.
    static func exact(regimes: String..., cases: [NamedCase], start: String = "2025-01-01") -> ScenarioBuilder {
        var b = ScenarioBuilder(name: "exact", start: start).horizon(years: 3).regimes(regimes)
            .professionalJudgement(f2fPerMonth: 0)
            .attendance(1).noRiskChanges().monthlyHazards(mappa: 0, nsd: 0, childProtection: 0)
            .noRecallHazard().breachesContinue()
        let minutes = [("initial_appointment", 90), ("f2f_appointment", 45), ("home_visit", 60), ("home_visit_travel", 30),
                       ("other_contact", 15), ("record_keeping", 10), ("sentence_plan", 180)]
        for (activity, m) in minutes { b = b.activity(activity, .init(m)) }
        // No work the table books itself (volume, schedules, events), whatever rows it ships.
        for row in ActivityTable.builtIn.kinds where row.isScheduled {
            var pairs: [(String, Value)] = [("per_case_month", 0), ("every_months", 0), ("on", .map([]))]
            if let m = minutes.first(where: { $0.0 == row.id }) { pairs.insert(("minutes", .init(m.1)), at: 0) }
            b = b.activity(row.id, .map(pairs))
        }
        // No court reports (drawn for cases sentenced during the run).
        return b.workforce("court_team", ["reports_per_sentence": 0]).namedCases(cases)
    }

    /// `behaviour.recall`: keys left nil are left out (their defaults apply).
    struct Recall: Sendable {
        var perUnacceptableAbsence: Double
        var fixedTermShare: Double? = nil
        var fixedTermDays: Int? = nil
        var standardDays: Int? = nil
        var emergencyShare: Double? = nil

        var value: Value {
            var pairs: [(String, Value)] = [("per_unacceptable_absence", .init(perUnacceptableAbsence))]
            if let fixedTermShare { pairs.append(("fixed_term_share", .init(fixedTermShare))) }
            if let fixedTermDays { pairs.append(("fixed_term_days", .init(fixedTermDays))) }
            if let standardDays { pairs.append(("standard_days", .init(standardDays))) }
            if let emergencyShare { pairs.append(("emergency_share", .init(emergencyShare))) }
            return .map(pairs)
        }
    }

    /// `workforce`: unlimited capacity, or groups of practitioners.
    enum Staff: Sendable {
        case unlimited
        case groups([Practitioners])
    }

    /// One group (`workforce.practitioners[]`): keys left nil take their defaults (37 h, share 0.75).
    struct Practitioners: Sendable {
        var grade: String
        var count: Int
        var hoursPerWeek: Double? = nil
        var caseWorkShare: Double? = nil
        /// A cohort with a workload reduction (`pqip`, `nqo`) and its months served at the start.
        var cohort: String? = nil
        var monthsInTraining: Double? = nil

        static func po(count: Int = 1, hoursPerWeek: Double? = nil, caseWorkShare: Double? = nil, cohort: String? = nil, monthsInTraining: Double? = nil) -> Practitioners {
            Practitioners(grade: "PO", count: count, hoursPerWeek: hoursPerWeek, caseWorkShare: caseWorkShare, cohort: cohort, monthsInTraining: monthsInTraining)
        }
        static func pso(count: Int = 1, hoursPerWeek: Double? = nil, caseWorkShare: Double? = nil, cohort: String? = nil, monthsInTraining: Double? = nil) -> Practitioners {
            Practitioners(grade: "PSO", count: count, hoursPerWeek: hoursPerWeek, caseWorkShare: caseWorkShare, cohort: cohort, monthsInTraining: monthsInTraining)
        }

        var value: Value {
            var pairs: [(String, Value)] = [("grade", .scalar(grade)), ("count", .init(count))]
            if let hoursPerWeek { pairs.append(("hours_per_week", .init(hoursPerWeek))) }
            if let caseWorkShare { pairs.append(("case_work_share", .init(caseWorkShare))) }
            if let cohort { pairs.append(("cohort", .scalar(cohort))) }
            if let monthsInTraining { pairs.append(("months_in_training", .init(monthsInTraining))) }
            return .map(pairs)
        }
    }

    /// A YAML value as the builder writes it; literals of any kind make one
    /// (`["weight": 1, "months": 12]`, `[0.5, 1]`, `"lots"`, `true`), keys in the order written.
    indirect enum Value: Sendable, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral, ExpressibleByStringLiteral,
                         ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
        case scalar(String)
        case list([Value])
        case map([(String, Value)])

        init(_ n: Int) { self = .scalar(String(n)) }
        /// Whole numbers without a decimal point (`37`, not `37.0`), so they read as whole numbers too.
        init(_ x: Double) { self = .scalar(x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)) }
        init(integerLiteral n: Int) { self.init(n) }
        init(floatLiteral x: Double) { self.init(x) }
        init(stringLiteral s: String) { self = .scalar(s) }
        init(booleanLiteral b: Bool) { self = .scalar(b ? "true" : "false") }
        init(arrayLiteral items: Value...) { self = .list(items) }
        init(dictionaryLiteral pairs: (String, Value)...) { self = .map(pairs) }

        /// On one line: `x`, `[a, b]`, `{k: v, ...}`.
        var flow: String {
            switch self {
            case .scalar(let s): return s
            case .list(let items): return "[" + items.map(\.flow).joined(separator: ", ") + "]"
            case .map(let pairs): return "{" + pairs.map { "\($0.0): \($0.1.flow)" }.joined(separator: ", ") + "}"
            }
        }

        var isListOfMappings: Bool {
            if case .list(let items) = self { return items.contains { if case .map = $0 { return true } else { return false } } }
            return false
        }

        /// `key: value` as lines. A list of mappings is a block of flow items (`- {...}`); a mapping
        /// is a block when it holds such a list, or at the top level when it has more than one key;
        /// everything else is written on one line.
        func lines(key: String, indent: String, top: Bool) -> [String] {
            if isListOfMappings, case .list(let items) = self {
                return ["\(indent)\(key):"] + items.map { "\(indent)  - \($0.flow)" }
            }
            if case .map(let pairs) = self, (top && pairs.count > 1) || pairs.contains(where: { $0.1.isListOfMappings }) {
                return ["\(indent)\(key):"] + pairs.flatMap { $0.1.lines(key: $0.0, indent: indent + "  ", top: false) }
            }
            return ["\(indent)\(key): \(flow)"]
        }

        /// The pairs with the value at `path` replaced (in place) or added (at the end).
        static func set(_ path: ArraySlice<String>, _ value: Value, in pairs: [(String, Value)]) -> [(String, Value)] {
            guard let key = path.first else { return pairs }
            var out = pairs
            let index = out.firstIndex { $0.0 == key }
            let new: Value
            if path.count == 1 {
                new = value
            } else {
                var inner: [(String, Value)] = []
                if let index, case .map(let p) = out[index].1 { inner = p }
                new = .map(set(path.dropFirst(), value, in: inner))
            }
            if let index { out[index].1 = new } else { out.append((key, new)) }
            return out
        }

        static func get(_ path: ArraySlice<String>, in pairs: [(String, Value)]) -> Value? {
            guard let key = path.first, let v = pairs.first(where: { $0.0 == key })?.1 else { return nil }
            if path.count == 1 { return v }
            if case .map(let inner) = v { return get(path.dropFirst(), in: inner) }
            return nil
        }
    }
}
