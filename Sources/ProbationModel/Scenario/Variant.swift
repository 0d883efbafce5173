/// One simulated variant of a study: a regime run with its own workforce, under its own name.
///
/// A scenario with `staffing_levels` makes one variant per level and regime (`ns2021@85%`), each
/// with the workforce scaled to that level; without them, one variant per regime, named as the
/// regime, with the scenario's workforce. Every output reads the workforce of the variant it
/// describes, so the FTE in post is always the FTE simulated.
public struct Variant: Sendable {
    /// The name it reports under (`ns2021`, or `ns2021@85%` for a staffing level).
    public var name: String
    public var regime: Regime
    /// The staff this variant simulates.
    public var workforce: WorkforceSettings
    /// The share of the scenario's workforce (1 unless `staffing_levels` made this variant).
    public var staffingLevel: Double

    public init(name: String? = nil, regime: Regime, workforce: WorkforceSettings, staffingLevel: Double = 1) {
        self.name = name ?? regime.name
        self.regime = regime
        self.workforce = workforce
        self.staffingLevel = staffingLevel
    }

    /// The variants of a scenario: each staffing level (outer) × each regime (inner).
    public static func all(regimes: [Regime], workforce: WorkforceSettings, staffingLevels: [Double]) -> [Variant] {
        guard staffingLevels != [1] else { return regimes.map { Variant(regime: $0, workforce: workforce) } }
        return staffingLevels.flatMap { level in
            regimes.map { Variant(name: "\($0.name)@\(JSONValue.format(level * 100))%", regime: $0, workforce: workforce.scaled(by: level), staffingLevel: level) }
        }
    }
}

extension WorkforceSettings {
    /// The workforce with every group's head count scaled by `level` and rounded to whole people;
    /// at least one PO is kept (higher-RoSH cases may only be held by a PO).
    public func scaled(by level: Double) -> WorkforceSettings {
        guard level != 1 else { return self }
        var w = self
        for k in w.practitioners.indices { w.practitioners[k].count = Int((Double(w.practitioners[k].count) * level).rounded()) }
        if !w.practitioners.contains(where: { $0.count > 0 && $0.grade == .PO }), let k = w.practitioners.firstIndex(where: { $0.grade == .PO }) {
            w.practitioners[k].count = 1
        }
        return w
    }
}
