/// A validated study: the scenario and the variants it simulates, as the reader returns them.
///
/// The scenario holds what every variant shares (period, seed, caseload, behaviour, activity
/// minutes); each ``Variant`` holds what is its own (its regime, its workforce, its name). Runs,
/// summaries and writers take the study whole, so a figure of a variant is always read from
/// that variant (its FTE in post from its own workforce, never the scenario's), and the
/// scenario and its variants cannot be paired up wrongly.
public struct Study: Sendable {
    /// The settings every variant shares.
    public var scenario: Scenario
    /// Every regime at every staffing level, in output order (levels outer, regimes inner).
    public var variants: [Variant]

    public init(scenario: Scenario, variants: [Variant]) {
        self.scenario = scenario
        self.variants = variants
    }

    /// The variant reporting under `name`, if the study runs it.
    ///
    /// - Complexity: O(*v*) for *v* variants.
    public func variant(named name: String) -> Variant? {
        variants.first { $0.name == name }
    }

    /// The same study with only `variants` (a selection of its own, e.g. by `--regime`).
    public func running(_ variants: [Variant]) -> Study {
        Study(scenario: scenario, variants: variants)
    }
}
