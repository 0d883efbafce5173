import Foundation

/// Reads regime files (the built-ins and users' own) into ``Regime`` values: the one interpreter's input.
///
/// A file names its rules; with `extends: NAME` it starts from that regime's rules, drops those
/// listed under `remove:`, replaces those whose `id` it repeats, and appends the rest.
public enum RegimeLoader {
    /// The built-in regimes: the YAML files shipped in `BuiltIn/`, by name (the names sort in
    /// historical order).
    public static let builtInNames: [String] = {
        guard let folder = Bundle.module.url(forResource: "BuiltIn", withExtension: nil),
              let files = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [] }
        return files.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
    }()

    /// The regime a scenario runs when it names none: the built-in whose file says `default: true`.
    public static let defaultName: String = {
        builtInNames.first { name in (try? load(name))?.isDefault == true } ?? builtInNames.last ?? ""
    }()

    /// The text of a built-in regime file, if `name` is one.
    public static func builtInText(_ name: String) -> String? {
        guard builtInNames.contains(name),
              let url = Bundle.module.url(forResource: name, withExtension: "yaml", subdirectory: "BuiltIn")
        else { return nil }
        return try? String(contentsOf: url, encoding: .utf8)
    }

    /// Loads a regime by built-in name or file path.
    ///
    /// - Parameter relativeTo: the folder a relative path is read from (a scenario's folder).
    /// - Throws: ``InputProblems`` listing every problem, with file, line, column and key path.
    public static func load(_ nameOrPath: String, relativeTo folder: String? = nil) throws -> Regime {
        try load(nameOrPath, relativeTo: folder, chain: [])
    }

    static func load(_ nameOrPath: String, relativeTo folder: String?, chain: [String]) throws -> Regime {
        let file: String
        let text: String
        if let t = builtInText(nameOrPath) {
            file = "built-in regime \(nameOrPath)"
            text = t
        } else {
            let path = nameOrPath.hasPrefix("/") || (folder ?? "").isEmpty ? nameOrPath : "\(folder!)/\(nameOrPath)"
            file = path
            guard let data = FileManager.default.contents(atPath: path) else {
                var msg = "no built-in regime or readable regime file named '\(nameOrPath)' (tried \(path))."
                if let g = didYouMean(nameOrPath, among: builtInNames) { msg += " Did you mean '\(g)'?" }
                msg += " Built-in regimes: \(builtInNames.joined(separator: ", "))"
                throw InputProblems(problems: [InputProblem(file: nameOrPath, path: "", message: msg)])
            }
            guard let t = String(data: data, encoding: .utf8), !t.contains("\0") else {
                throw InputProblems(problems: [InputProblem(file: path, path: "", message: "not a text file (expected UTF-8 YAML)")])
            }
            text = t
        }
        if chain.contains(file) {
            throw InputProblems(problems: [InputProblem(file: file, path: "extends", message: "regimes extend each other in a cycle: \((chain + [file]).joined(separator: " → "))")])
        }
        let baseFolder = builtInText(nameOrPath) != nil ? folder : (file as NSString).deletingLastPathComponent
        return try parse(text, file: file, origin: nameOrPath, folder: baseFolder, chain: chain + [file])
    }

    /// Parses regime text.
    public static func parse(_ text: String, file: String, origin: String, folder: String? = nil) throws -> Regime {
        try parse(text, file: file, origin: origin, folder: folder, chain: [file])
    }

    static func parse(_ text: String, file: String, origin: String, folder: String?, chain: [String]) throws -> Regime {
        let sink = YAMLValue.ProblemSink()
        guard let root = YAMLValue.parse(text, file: file, sink: sink),
              let top = root.mapping(allowed: ["name", "description", "extends", "remove", "rules", "default"]) else {
            throw InputProblems(problems: sink.problems)
        }
        let name = top["name"]?.string() ?? origin
        var base: Regime?
        if let ext = top["extends"], let baseName = ext.string() {
            do { base = try load(baseName, relativeTo: folder, chain: chain) } catch let e as InputProblems {
                ext.report("cannot load the base regime '\(baseName)'")
                sink.problems += e.problems
            }
        }
        var rules = base?.rules ?? []
        if let remove = top["remove"], let ids = remove.list() {
            for item in ids {
                guard let id = item.string() else { continue }
                if !rules.contains(where: { $0.id == id }) {
                    var msg = "no rule '\(id)' to remove"
                    if let g = didYouMean(id, among: rules.map(\.id)) { msg += "; did you mean '\(g)'?" }
                    item.report(msg)
                }
                rules.removeAll { $0.id == id }
            }
        }
        var seen = Set<String>()
        if let list = top["rules"]?.list() {
            for item in list {
                guard let rule = RuleReader.read(item) else { continue }
                if !seen.insert(rule.id).inserted {
                    item.report("a second rule with id '\(rule.id)'; rule ids must be unique in a file")
                    continue
                }
                if let i = rules.firstIndex(where: { $0.id == rule.id }) { rules[i] = rule } else { rules.append(rule) }
            }
        } else if top["rules"] == nil && base == nil {
            root.report("a regime needs 'rules:' (or 'extends:' a regime)")
        }
        if !sink.problems.isEmpty { throw InputProblems(problems: sink.problems) }
        var regime = Regime(name: name, description: top["description"]?.string() ?? (base?.description ?? ""),
                            base: base?.name, rules: rules, origin: origin)
        regime.isDefault = top["default"]?.bool() ?? false
        return regime
    }
}

/// Reads one rule of a regime file.
enum RuleReader {
    static let requirementKeys = ["deadline", "per_calendar_month", "weekly", "window", "monthly_from", "phase_point", "suspension",
                                  "enforcement", "recall", "custody"]
    static let keys = ["id", "standard", "standards", "role", "applies", "text", "source", "reading"] + requirementKeys

    static func read(_ v: YAMLValue) -> RegimeRule? {
        guard let m = v.mapping(allowed: keys) else { return nil }
        guard let id = m["id"]?.string() else {
            v.report("a rule needs an 'id' (unique in the regime; also the standard id it reports under unless 'standard' is given)")
            return nil
        }
        let role = m["role"]?.choice(RuleRole.self) ?? .both
        let scope = m["applies"].flatMap(readScope) ?? RuleScope()
        let given = requirementKeys.filter { m[$0] != nil }
        guard given.count == 1, let key = given.first, let body = m[key] else {
            v.report("a rule needs exactly one of: \(requirementKeys.joined(separator: ", ")); found \(given.isEmpty ? "none" : given.joined(separator: ", "))")
            return nil
        }
        guard let requirement = readRequirement(key, body) else { return nil }
        if case .custody = requirement, scope.phases != [.custody] {
            v.report("a custody rule applies between sentence and release: give 'applies: {phases: [custody]}'")
        }
        var rule = RegimeRule(id: id, standard: m["standard"]?.string() ?? id, role: role, scope: scope, requirement: requirement,
                              text: m["text"]?.string() ?? "", source: m["source"]?.string() ?? "user rule",
                              reading: m["reading"]?.string())
        if let sv = m["standards"] {
            let names = RegimeRule.partNames(requirement).map(\.part)
            if names.isEmpty {
                sv.report("only weekly, enforcement and recall rules name the standards of their parts; use 'standard' for this rule")
            } else if let sm = sv.mapping(allowed: names) {
                for (part, value) in sm { if let id = value.string() { rule.parts[part] = id } }
            }
        }
        return rule
    }

    static func readScope(_ v: YAMLValue) -> RuleScope? {
        guard let m = v.mapping(allowed: ["phases", "requirements_any", "flags_any", "rosh", "min_custody_months",
                                          "exclude_standalone_upw", "exclude_standalone_restrictive"]) else { return nil }
        var s = RuleScope()
        s.phases = m["phases"]?.choices(SupervisionPhase.self) ?? []
        s.requirementsAny = m["requirements_any"]?.choices(Requirement.self) ?? []
        s.flagsAny = m["flags_any"]?.choices(CohortFlag.self) ?? []
        s.rosh = m["rosh"]?.choices(RoSH.self) ?? []
        s.minimumCustodyMonths = m["min_custody_months"]?.int(in: 0...1200)
        s.excludeStandaloneUPW = m["exclude_standalone_upw"]?.bool() ?? false
        s.excludeStandaloneRestrictive = m["exclude_standalone_restrictive"]?.bool() ?? false
        return s
    }

    static func readRequirement(_ key: String, _ v: YAMLValue) -> RuleRequirement? {
        switch key {
        case "deadline":
            guard let m = v.mapping(allowed: ["trigger", "working_days", "days", "contact"]) else { return nil }
            if m["working_days"] != nil && m["days"] != nil { v.report("give 'working_days' or 'days' (calendar days), not both") }
            guard let t = m["trigger"]?.choice(DeadlineTrigger.self),
                  let wd = (m["working_days"] ?? m["days"])?.int(in: 0...366) else {
                v.report("a deadline needs 'trigger' (\(DeadlineTrigger.allCases.map(\.rawValue).joined(separator: ", "))) and 'working_days' (or 'days')")
                return nil
            }
            return .deadline(trigger: t, workingDays: wd, contact: m["contact"]?.choice(ContactKind.self) ?? .initialAppointment,
                             calendarDays: m["days"] != nil)
        case "per_calendar_month":
            guard let m = v.mapping(allowed: ["count"]) else { return nil }
            return .perCalendarMonth(count: m["count"]?.int(in: 1...31) ?? 1)
        case "weekly":
            guard let m = v.mapping(allowed: ["contacts", "f2f", "weeks", "visit_every_days", "visit_weeks"]) else { return nil }
            let contacts = m["contacts"]?.int(in: 1...14) ?? 1
            let f2f = m["f2f"]?.int(in: 0...14) ?? 1
            if f2f > contacts { v.report("'f2f' (\(f2f)) cannot exceed 'contacts' (\(contacts))") }
            return .weekly(contacts: contacts, f2f: f2f, weeks: m["weeks"]?.int(in: 1...520) ?? 52,
                           visitEveryDays: m["visit_every_days"]?.int(in: 0...365) ?? 0,
                           visitWeeks: m["visit_weeks"]?.int(in: 0...520) ?? 0)
        case "window":
            guard let m = v.mapping(allowed: ["count", "from_month", "to_month", "every_days"]) else { return nil }
            guard let c = m["count"]?.int(in: 1...100), let a = m["from_month"]?.int(in: 1...600),
                  let b = m["to_month"]?.int(in: 1...600) else {
                v.report("a window needs 'count', 'from_month' and 'to_month'")
                return nil
            }
            if b < a { v.report("'to_month' (\(b)) is before 'from_month' (\(a))") }
            return .window(count: c, fromMonth: a, toMonth: b, everyDays: m["every_days"]?.int(in: 1...92) ?? 7)
        case "monthly_from":
            guard let m = v.mapping(allowed: ["count", "from_month"]) else { return nil }
            return .monthlyFrom(count: m["count"]?.int(in: 1...31) ?? 1, fromMonth: m["from_month"]?.int(in: 1...600) ?? 1)
        case "phase_point":
            guard let m = v.mapping(allowed: ["fraction", "tolerance_working_days"]) else { return nil }
            guard let f = m["fraction"]?.number(in: 0...1) else {
                v.report("a phase point needs 'fraction' (e.g. 5/6)")
                return nil
            }
            return .phasePoint(fraction: f, toleranceWorkingDays: m["tolerance_working_days"]?.int(in: 0...60) ?? 0)
        case "suspension":
            guard let m = v.mapping(allowed: ["from_fraction", "exempt", "reinstate", "resuspend_when_exemption_lapses"]) else { return nil }
            guard let f = m["from_fraction"]?.number(in: 0...1) else {
                v.report("a suspension needs 'from_fraction' (e.g. 2/3)")
                return nil
            }
            var exemptions = Set<Exemption>()
            for item in m["exempt"]?.list() ?? [] {
                guard let word = item.string() else { continue }
                if let flag = CohortFlag(rawValue: word) { exemptions.insert(.flag(flag)) } else if word.hasSuffix("_rosh"),
                    let r = RoSH(rawValue: String(word.dropLast(5))) { exemptions.insert(.rosh(r)) } else {
                    let names = CohortFlag.allCases.map(\.rawValue) + RoSH.allCases.map { $0.rawValue + "_rosh" }
                    var msg = "unknown exemption '\(word)'"
                    if let g = didYouMean(word, among: names) { msg += "; did you mean '\(g)'?" }
                    item.report(msg + " Expected one of: \(names.joined(separator: ", "))")
                }
            }
            return .suspension(fromFraction: f, exemptions: exemptions, reinstate: m["reinstate"]?.bool() ?? true,
                               resuspend: m["resuspend_when_exemption_lapses"]?.bool() ?? false)
        case "enforcement":
            guard let m = v.mapping(allowed: ["letter_working_days", "decision_working_days", "breach_working_days", "summons_working_days",
                                              "breach_after", "within_months", "letter_with_breach", "warnings_spent_on_breach"]) else { return nil }
            var e = EnforcementPolicy(letter: m["letter_working_days"]?.int(in: 0...60), decision: m["decision_working_days"]?.int(in: 0...60),
                                      breach: m["breach_working_days"]?.int(in: 0...60), summons: m["summons_working_days"]?.int(in: 0...60),
                                      breachAfter: m["breach_after"]?.int(in: 1...20) ?? 2, withinMonths: m["within_months"]?.int(in: 1...120) ?? 12)
            if e.summons != nil && e.breach == nil { v.report("'summons_working_days' needs 'breach_working_days' (a summons follows a breach)") }
            e.letterWithBreach = m["letter_with_breach"]?.bool() ?? true
            e.warningsSpentOnBreach = m["warnings_spent_on_breach"]?.bool() ?? true
            return .enforcement(e)
        case "recall":
            guard let m = v.mapping(allowed: ["action_working_days", "emergency_working_days", "review_working_days",
                                              "risk_management_plan_working_days"]) else { return nil }
            return .recall(RecallPolicy(actionWorkingDays: m["action_working_days"]?.int(in: 0...60) ?? 1,
                                        emergencyWorkingDays: m["emergency_working_days"]?.int(in: 0...60),
                                        reviewWorkingDays: m["review_working_days"]?.int(in: 0...60),
                                        riskPlanWorkingDays: m["risk_management_plan_working_days"]?.int(in: 0...60)))
        case "custody":
            return readCustody(v)
        default:
            return nil
        }
    }
}
