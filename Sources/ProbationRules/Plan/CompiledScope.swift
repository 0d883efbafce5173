/// A rule's scope compiled to bit masks once per planner, so that the planner (run for every
/// case and every replan) tests it without hashing: `Set.contains` on these small enums cost
/// about a tenth of `probsim bench plan` in hashing alone.
package struct CompiledScope: Sendable {
    /// Bit per ``SupervisionPhase`` (0 = every phase but custody).
    var phases: UInt32 = 0
    /// Bit per ``Requirement`` (0 = no condition).
    var requirementsAny: UInt32 = 0
    /// Bit per ``CohortFlag`` (0 = no condition).
    var flagsAny: UInt32 = 0
    /// Bit per ``RoSH`` rank (0 = any).
    var rosh: UInt32 = 0
    var minimumCustodyMonths: Int?
    var excludeStandaloneUPW = false
    var excludeStandaloneRestrictive = false

    package init(_ s: RuleScope) {
        for p in s.phases { phases |= p.bit }
        for r in s.requirementsAny { requirementsAny |= r.bit }
        for f in s.flagsAny { flagsAny |= f.bit }
        for r in s.rosh { rosh |= 1 << UInt32(r.rank) }
        minimumCustodyMonths = s.minimumCustodyMonths
        excludeStandaloneUPW = s.excludeStandaloneUPW
        excludeStandaloneRestrictive = s.excludeStandaloneRestrictive
    }

    /// The same answer as ``RuleScope/holds(for:phase:custodyMonths:)``.
    package func holds(for c: CaseMasks, phase: SupervisionPhase, custodyMonths: Int?) -> Bool {
        if phases == 0 ? phase == .custody : phases & phase.bit == 0 { return false }
        if requirementsAny != 0 && requirementsAny & c.requirements == 0 { return false }
        if flagsAny != 0 && flagsAny & c.flags == 0 { return false }
        if rosh != 0 && rosh & (1 << UInt32(c.roshRank)) == 0 { return false }
        if let m = minimumCustodyMonths, (custodyMonths ?? 0) < m { return false }
        if excludeStandaloneUPW && c.standaloneUPW { return false }
        if excludeStandaloneRestrictive && c.standaloneRestrictive { return false }
        return true
    }
}

/// What scopes and exemptions ask of a case, as bit masks (worked out once per plan).
package struct CaseMasks {
    var requirements: UInt32 = 0
    var flags: UInt32 = 0
    var roshRank: Int
    var standaloneUPW: Bool
    var standaloneRestrictive: Bool

    package init(_ spec: borrowing CaseSpec) {
        for r in spec.requirements { requirements |= r.bit }
        for f in spec.flags { flags |= f.bit }
        roshRank = spec.rosh.rank
        // The same answers as `isStandaloneUPW` and `isStandaloneRestrictive`, from the bits
        // (those build and hash sets: about half of this initialiser).
        standaloneUPW = requirements == Requirement.upw.bit
        standaloneRestrictive = requirements != 0 && requirements & ~Requirement.restrictiveBits == 0
    }

    /// The same answer as ``Exemption/holds(for:)``.
    func exempt(_ e: Exemption) -> Bool {
        switch e {
        case .flag(let f): return flags & f.bit != 0
        case .rosh(let r): return roshRank == r.rank
        }
    }
}

extension SupervisionPhase {
    /// Its position in `allCases` (custody first).
    package var index: Int {
        switch self {
        case .custody: return 0
        case .communityOrder: return 1
        case .suspendedSentenceOrder: return 2
        case .licence: return 3
        case .pss: return 4
        }
    }

    var bit: UInt32 {
        switch self {
        case .communityOrder: return 1
        case .suspendedSentenceOrder: return 2
        case .licence: return 4
        case .pss: return 8
        case .custody: return 16
        }
    }
}

extension Requirement {
    /// The bits of ``restrictive``.
    static let restrictiveBits: UInt32 = restrictive.reduce(0) { $0 | $1.bit }

    var bit: UInt32 {
        switch self {
        case .rar: return 1 << 0
        case .upw: return 1 << 1
        case .drr: return 1 << 2
        case .atr: return 1 << 3
        case .mhtr: return 1 << 4
        case .curfew: return 1 << 5
        case .exclusion: return 1 << 6
        case .prohibitedActivity: return 1 << 7
        case .programme: return 1 << 8
        }
    }
}

extension CohortFlag {
    var bit: UInt32 {
        switch self {
        case .mappa: return 1 << 0
        case .nsd: return 1 << 1
        case .childProtection: return 1 << 2
        case .isc: return 1 << 3
        case .iom: return 1 << 4
        }
    }
}
