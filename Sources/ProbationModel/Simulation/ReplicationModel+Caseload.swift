import SimulationCore

/// Who holds which case: allocation, WMT points, and the caseload as it stands.
extension ReplicationModel {
    mutating func allocate(_ i: Int, rosh: RoSH) -> Int {
        if diaries.count <= 256 { return diaries.allocate(rosh: rosh) { _ in 0 } }
        reseed(i, .allocation, UInt64(state[i].ordinal))
        state[i].ordinal &+= 1
        let rng = keyed
        return diaries.allocate(rosh: rosh) { n in rng.integer(below: n) }
    }

    mutating func addPoints(_ i: Int) {
        let spec = specs[i]
        let pts = wmt.points(tier: Int(state[i].tier), type: spec.type, inCustody: state[i].inCustody, standaloneUPW: spec.isStandaloneUPW)
        state[i].points = pts
        let p = Int(state[i].practitioner)
        diaries.points[p] += pts
        diaries.caseCount[p] += 1
    }

    mutating func removePoints(_ i: Int) {
        let p = Int(state[i].practitioner)
        diaries.points[p] -= state[i].points
        diaries.caseCount[p] -= 1
    }

    /// A week of measurement starts: the caseload as it stands goes to the monitors.
    mutating func weekStart(_ day: Day) {
        let stats = diaries.caseloadStatistics()
        var custody = 0
        for i in active where state[Int(i)].inCustody { custody += 1 }
        monitors.weekStarted(day, caseload: CaseloadSnapshot(cases: active.count, inCustody: custody, meanPerPractitioner: stats.mean,
                                                             p90PerPractitioner: stats.p90, wmtPercent: diaries.capacityPercent,
                                                             wmtPercentPO: diaries.capacityPercent(.PO), wmtPercentPSO: diaries.capacityPercent(.PSO),
                                                             caseHoldingFTE: diaries.unlimited ? .nan : diaries.caseHoldingFTE))
    }
}
