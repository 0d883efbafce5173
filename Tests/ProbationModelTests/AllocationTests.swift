import Testing
@testable import ProbationModel
@testable import ProbationRules

/// Allocation on its own (docs/model.md, "Diaries"): a new case goes to the eligible practitioner
/// with the lowest WMT load (points held / points available), the lowest index first among equals;
/// a PSO holds no case above `workforce.pso_max_rosh`; a case whose RoSH rises above what its PSO
/// may hold is reallocated to a PO. Practitioners are numbered from 0 in the order listed; the
/// trace of a case names the practitioner it joins (`probsim trace`).
@Suite struct AllocationTests {
    /// A B2 community order: 115 WMT points.
    func order(_ id: String, rosh: RoSH = .medium) -> NamedCase {
        NamedCase(id: id, type: .communityOrder, start: "2025-01-06", months: 12, requirements: [.rar], tier: "B2", rosh: rosh)
    }

    /// Orders sentenced on Monday 6 January 2025, joining that day in the order given, no risk changes unless said.
    func scenario(_ cases: [NamedCase], _ first: ScenarioBuilder.Practitioners, _ more: ScenarioBuilder.Practitioners...) -> ScenarioBuilder {
        ScenarioBuilder.exact(regimes: "ns2021", cases: cases, start: "2025-01-06").horizon(months: 2)
            .workforce(.groups([first] + more))
    }

    /// What the case's trace says it joined: "practitioner N (GRADE)".
    func joined(_ scenario: ScenarioBuilder, _ id: String) throws -> String? {
        let line = try Sim.trace(scenario, case: id).first { $0.contains("joins the caseload") }
        return line?.components(separatedBy: "; practitioner ").last
    }

    /// Two POs, 37 h (2,176 points available) and 18.5 h (1,088), and five orders of 115 points.
    @Test func lowestWMTLoadFirstThenLowestIndex() throws {
        let s = scenario((1...5).map { order("x\($0)") }, .po(count: 1, hoursPerWeek: 37), .po(count: 1, hoursPerWeek: 18.5))
        // x1: loads 0 and 0, equal: the lower index, 0.
        // x2: 115/2,176 against 0: 1.
        // x3: 115/2,176 = 0.053 against 115/1,088 = 0.106: 0.
        // x4: 230/2,176 against 115/1,088, equal: 0 (by cases held it would be 1, with 2 against 1).
        // x5: 345/2,176 = 0.159 against 0.106: 1.
        let got = try (1...5).map { try joined(s, "x\($0)") }
        #expect(got == ["0 (PO)", "1 (PO)", "0 (PO)", "0 (PO)", "1 (PO)"])
    }

    /// A PSO listed first (practitioner 0) and a PO (1).
    @Test func aPSOHoldsNoCaseAboveItsLimit() throws {
        let s = scenario([order("h", rosh: .high), order("m", rosh: .medium)], .pso(count: 1), .po(count: 1))
        // h (high RoSH): both loads 0 and the PSO has the lower index, but a PSO holds up to medium
        // RoSH by default: the PO. m (medium): the PSO, load 0 against the PO's 115/2,176.
        #expect(try joined(s, "h") == "1 (PO)")
        #expect(try joined(s, "m") == "0 (PSO)")
        // With pso_max_rosh low, m goes to the PO as well.
        #expect(try joined(s.psoMaxRoSH(.low), "m") == "1 (PO)")
    }

    /// A medium-RoSH order on the PSO becomes high RoSH at the first month start (1 February).
    @Test func aCaseWhoseRoSHRisesAboveItsPSOsLimitGoesToAPO() throws {
        let s = scenario([order("m")], .pso(count: 1), .po(count: 1)).roshMonthly(["medium": ["high": 1]])
        let lines = try Sim.trace(s, case: "m")
        #expect(try joined(s, "m") == "0 (PSO)")
        #expect(lines.contains("2025-02-01  risk changes: RoSH medium → high, flags []"))
        #expect(lines.contains("2025-02-01  reallocated from a PSO to practitioner 1 (PO)"))
        // A PSO allowed high RoSH keeps it.
        let kept = try Sim.trace(s.psoMaxRoSH(.high), case: "m")
        #expect(kept.contains("2025-02-01  risk changes: RoSH medium → high, flags []"))
        #expect(!kept.contains { $0.contains("reallocated") })
    }
}
