/// The standards a rule reports under: their ids come from the regime file, never from Swift.
extension RegimeRule {
    /// The parts of a rule kind that are scored separately, in output order, each with the
    /// suffix its id gets by default (`<standard>-<suffix>`; empty: the rule's standard itself).
    static func partNames(_ r: RuleRequirement) -> [(part: String, suffix: String)] {
        switch r {
        case .weekly: return [("contacts", "contacts"), ("f2f", "f2f"), ("visit", "visit")]
        case .enforcement: return [("letter", "letter"), ("decision", "decision"), ("breach", "breach"), ("summons", "summons")]
        case .recall: return [("action", ""), ("risk_management_plan", "risk-plan")]
        default: return []
        }
    }

    /// The id a part reports under: the file's `standards:` entry, else `<standard>-<suffix>`.
    public func standardID(part: String) -> String {
        if let id = parts[part] { return id }
        let suffix = RegimeRule.partNames(requirement).first { $0.part == part }?.suffix ?? part
        return suffix.isEmpty ? standard : "\(standard)-\(suffix)"
    }

    /// Every standard id the rule can score, in output order (none for a planning-only rule or a suspension).
    public var standardIDs: [String] {
        guard role.scores else { return [] }
        switch requirement {
        case .suspension: return []
        case .weekly(_, _, _, let visitEvery, let visitWeeks):
            return ["contacts", "f2f"].map { standardID(part: $0) } + (visitEvery > 0 && visitWeeks > 0 ? [standardID(part: "visit")] : [])
        case .enforcement(let e):
            let steps: [(String, Int?)] = [("letter", e.letter), ("decision", e.decision), ("breach", e.breach), ("summons", e.summons)]
            return steps.filter { $0.1 != nil }.map { standardID(part: $0.0) }
        case .recall(let r):
            return [standardID(part: "action")] + (r.riskPlanWorkingDays != nil ? [standardID(part: "risk_management_plan")] : [])
        default: return [standard]
        }
    }
}

/// One standard a regime scores: its id and the plain-English text of the rule it comes from.
public struct StandardInfo: Sendable, Equatable {
    public var id: String
    public var text: String
}

extension Regime {
    /// Exactly the standards the regime scores, in rule order (a standard shared by several
    /// rules, such as `first-appointment`, once, with its first rule's text).
    public var standards: [StandardInfo] {
        var out: [StandardInfo] = []
        for rule in rules {
            for id in rule.standardIDs where !out.contains(where: { $0.id == id }) { out.append(StandardInfo(id: id, text: rule.text)) }
        }
        return out
    }
}
