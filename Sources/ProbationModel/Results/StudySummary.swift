import SimulationCore

/// What a study's replications came to: the scenario's facts, each variant's figures as means
/// with 95% intervals, and the paired differences of each variant from the first.
///
/// Made by ``Summary/summary(replications:)``; `summary.json` is written from it
/// (``json(wallSeconds:)``), and the console table, `--check` and the report read it.
public struct StudySummary: Sendable {
    /// The scenario's name.
    public var scenario: String
    public var seed: UInt64
    /// The replications reported (a shard's own, in a shard).
    public var replications: Int
    /// First simulated day.
    public var start: Day
    /// First day after the simulation (exclusive end).
    public var end: Day
    /// First measured day (the end of the warm-up).
    public var warmupEnd: Day
    /// Events simulated, over every replication of every variant.
    public var events: UInt64
    /// Every variant, in the study's order.
    public var variants: [VariantSummary]
    /// Each variant after the first, paired with the first (empty with one variant).
    public var differences: [PairedDifference]
    /// Every regime's standards in rule order (the first regime's, then those only later
    /// regimes have), then any other id seen in a result, alphabetical.
    public var standardIDs: [String]
    /// The plain-English text of each standard (from the first regime that has it).
    public var standardTexts: [String: String]

    /// The variant reporting under `name`.
    ///
    /// - Complexity: O(*v*) for *v* variants.
    public func variant(named name: String) -> VariantSummary? {
        variants.first { $0.name == name }
    }
}

/// One variant's figures over its replications, each a mean with its 95% interval.
///
/// The figures read as fields (`summary.fteNeeded`, `summary.hours.byActivity`,
/// `summary.standards`), or by metric path with ``estimate(at:)``.
@dynamicMemberLookup
public struct VariantSummary: Sendable {
    /// The name it reports under (`ns2021`, `ns2021@85%`).
    public var name: String
    public var figures: VariantFigures<Estimate>

    public subscript<T>(dynamicMember path: KeyPath<VariantFigures<Estimate>, T>) -> T {
        figures[keyPath: path]
    }

    /// The estimate at a metric path (`fte_needed`, `hours.by_activity.home_visit`,
    /// `standards.monthly-f2f.met_rate`), as `expect:` and `--check` name it; nil when the path
    /// names no figure of this variant.
    public func estimate(at path: String) -> Estimate? {
        figures[path]
    }
}

/// A variant's paired difference from the first variant, replication by replication (common
/// random numbers make it sharper than the difference of two means).
public struct PairedDifference: Sendable {
    public var variant: String
    /// The first variant, which it is compared with.
    public var base: String
    /// The estimates of `variant − base` by metric path, in order; a figure with no value in
    /// any replication is left out.
    public var estimates: [(path: String, estimate: Estimate)]

    /// How `summary.json` names it: `ns2021 - ns1992`.
    public var name: String { "\(variant) - \(base)" }

    /// The difference at a metric path, if it is listed.
    public func estimate(at path: String) -> Estimate? {
        estimates.first { $0.path == path }?.estimate
    }
}
