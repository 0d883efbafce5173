import SimulationCore
import ProbationRules

/// Who holds which case: allocation, WMT points, and the caseload as it stands.
extension ReplicationModel {
    mutating func allocate(_ i: Int, rosh: RoSH) -> Int {
        if diaries.count <= 256 { return diaries.allocate(rosh: rosh) { _ in 0 } }
        reseed(i, .allocation, UInt64(state[i].ordinal))
        state[i].ordinal &+= 1
        let rng = keyed
        return diaries.allocate(rosh: rosh) { n in rng.integer(below: n) }
    }

    /// Case `i`'s WMT points and place on its practitioner's caseload (none while a POM holds it).
    mutating func addPoints(_ i: Int) {
        if state[i].pomHeld { state[i].points = 0; return }
        let spec = specs[i]
        let pts = wmt.points(tier: Int(state[i].tier), type: spec.type, inCustody: state[i].inCustody || state[i].preRelease, standaloneUPW: spec.isStandaloneUPW)
        state[i].points = pts
        let p = Int(state[i].practitioner)
        diaries.points[p] += pts
        diaries.caseCount[p] += 1
    }

    mutating func removePoints(_ i: Int) {
        if state[i].pomHeld { return }
        let p = Int(state[i].practitioner)
        diaries.points[p] -= state[i].points
        diaries.caseCount[p] -= 1
    }

    #if PROBSIM_INVARIANTS
    /// Invariant: every case on the books is held by exactly one practitioner (but those a
    /// prison offender manager holds), and no practitioner holds fewer than no cases or points.
    func checkCaseload() {
        precondition(diaries.caseCount.allSatisfy { $0 >= 0 } && diaries.points.allSatisfy { $0 > -1e-6 },
                     "invariant: a practitioner holds a negative caseload or points")
        let held = active.reduce(0) { $0 + (state[Int($1)].pomHeld ? 0 : 1) }
        precondition(Int(diaries.caseCount.reduce(0, +)) == held,
                     "invariant: \(diaries.caseCount.reduce(0, +)) cases held by practitioners for \(held) on the books and not held by a POM")
    }
    #endif

    /// A week of measurement starts: the caseload as it stands goes to the monitors.
    mutating func weekStart(_ day: Day) {
        #if PROBSIM_INVARIANTS
        checkCaseload()
        #endif
        let stats = diaries.caseloadStatistics()
        var custody = 0
        var pom = 0
        var byPhase = [Int](repeating: 0, count: SupervisionPhase.allCases.count)   // once a week, not per event
        var byTier = [Int](repeating: 0, count: 4)
        for k in active {
            let i = Int(k)
            let s = state[i]
            if s.pomHeld { pom += 1; continue }
            if s.inCustody || s.preRelease { custody += 1 }
            byTier[min(Int(s.tier) / 4, 3)] += 1
            let phase = s.inCustody ? .custody : phase(of: i, on: day)
            if let p = phase { byPhase[p.index] += 1 }
        }
        monitors.weekStarted(day, caseload: CaseloadSnapshot(cases: active.count - pom, inCustody: custody, pomHeld: pom, byPhase: byPhase, byTier: byTier,
                                                             distribution: diaries.caseloadDistribution(), meanPerPractitioner: stats.mean,
                                                             p90PerPractitioner: stats.p90, wmtPercent: diaries.capacityPercent,
                                                             wmtPercentPO: diaries.capacityPercent(.PO), wmtPercentPSO: diaries.capacityPercent(.PSO),
                                                             caseHoldingFTE: diaries.unlimited ? .nan : diaries.caseHoldingFTE))
    }
}

/// Whether this build checks the model's invariants (debug builds, so every test run does).
public let invariantsChecked: Bool = {
    #if PROBSIM_INVARIANTS
    return true
    #else
    return false
    #endif
}()
