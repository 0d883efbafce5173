import SimulationCore
import ProbationRules

/// One simulated variant of a study: a regime run with its own workforce, under its own name.
///
/// A scenario with `staffing_levels` makes one variant per level and regime (`ns2021@85%`), each
/// with the workforce scaled to that level; without them, one variant per regime, named as the
/// regime, with the scenario's workforce. Every output reads the workforce of the variant it
/// describes, so the FTE in post is always the FTE simulated.
public struct Variant: Sendable {
    /// The name it reports under (`ns2021`, or `ns2021@85%` for a staffing level).
    public var name: String
    /// The regime it reports under: the regime itself, or for a timeline one named as the
    /// timeline whose standards are the union of its regimes' (the first regime's first). What is
    /// simulated is ``stages``.
    public var regime: Regime
    /// The regimes in force over the run, in date order: one stage from the start for a plain
    /// regime; a timeline's stages, each from its change date.
    public var stages: [RegimeStage]
    /// The staff this variant simulates.
    public var workforce: WorkforceSettings
    /// The share of the scenario's workforce (1 unless `staffing_levels` made this variant).
    public var staffingLevel: Double

    public init(name: String? = nil, regime: Regime, stages: [RegimeStage]? = nil, workforce: WorkforceSettings, staffingLevel: Double = 1) {
        self.name = name ?? regime.name
        self.regime = regime
        self.stages = stages ?? [RegimeStage(from: nil, regime: regime)]
        self.workforce = workforce
        self.staffingLevel = staffingLevel
    }

    /// The variants of a scenario: each staffing level (outer) × each regime (inner).
    public static func all(regimes: [Regime], workforce: WorkforceSettings, staffingLevels: [Double]) -> [Variant] {
        all(regimes: regimes.map { RegimeChoice(regime: $0) }, workforce: workforce, staffingLevels: staffingLevels)
    }

    /// The variants of a scenario whose regimes may be timelines: each staffing level (outer) ×
    /// each regime or timeline (inner).
    public static func all(regimes: [RegimeChoice], workforce: WorkforceSettings, staffingLevels: [Double]) -> [Variant] {
        guard staffingLevels != [1] else { return regimes.map { Variant(regime: $0.regime, stages: $0.stages, workforce: workforce) } }
        return staffingLevels.flatMap { level in
            regimes.map { Variant(name: "\($0.regime.name)@\(JSONValue.format(level * 100))%", regime: $0.regime, stages: $0.stages,
                                  workforce: workforce.scaled(by: level), staffingLevel: level) }
        }
    }
}

/// One stage of a regime timeline: a regime in force from a day (nil: from the start).
public struct RegimeStage: Sendable, Equatable {
    public var from: Day?
    public var regime: Regime

    public init(from: Day?, regime: Regime) {
        self.from = from
        self.regime = regime
    }
}

/// A `regimes` entry: a regime, or a timeline of regimes changing on dates.
public struct RegimeChoice: Sendable {
    /// What it reports under (for a timeline, see ``timeline(name:stages:)``).
    public var regime: Regime
    public var stages: [RegimeStage]

    public init(regime: Regime) {
        self.regime = regime
        stages = [RegimeStage(from: nil, regime: regime)]
    }

    /// A timeline named `name`: it reports under a regime of that name whose rules are its
    /// stages' rules in order, so its standards are the union of theirs, the first stage's first
    /// (its rules are never planned from: each stage plans with its own regime).
    public static func timeline(name: String, stages: [RegimeStage]) -> RegimeChoice {
        let text = stages.map { s in s.from.map { "\(s.regime.name) from \($0.iso)" } ?? s.regime.name }.joined(separator: ", then ")
        let shown = Regime(name: name, description: "Timeline: \(text).", base: nil, rules: stages.flatMap(\.regime.rules), origin: "timeline")
        var c = RegimeChoice(regime: shown)
        c.stages = stages
        return c
    }
}

extension WorkforceSettings {
    /// The workforce with every group's and intake's head count scaled by `level` and rounded to
    /// whole people; at least one PO is kept (higher-RoSH cases may only be held by a PO).
    public func scaled(by level: Double) -> WorkforceSettings {
        guard level != 1 else { return self }
        var w = self
        for k in w.practitioners.indices {
            w.practitioners[k].count = Int((Double(w.practitioners[k].count) * level).rounded())
            for j in w.practitioners[k].countSchedule.indices { w.practitioners[k].countSchedule[j].value = (w.practitioners[k].countSchedule[j].value * level).rounded() }
        }
        for k in w.intakes.indices { w.intakes[k].group.count = Int((Double(w.intakes[k].group.count) * level).rounded()) }
        if !w.practitioners.contains(where: { $0.count > 0 && $0.grade == .PO }), let k = w.practitioners.firstIndex(where: { $0.grade == .PO }) {
            w.practitioners[k].count = 1
        }
        return w
    }
}
