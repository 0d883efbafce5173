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
        // Workforce flows: every case on the books is held by a practitioner in post, and a leaver holds nothing.
        precondition(active.allSatisfy { diaries.active[Int(state[Int($0)].practitioner)] },
                     "invariant: a case on the books is held by a practitioner who has left")
        precondition((0..<diaries.count).allSatisfy { diaries.active[$0] || (diaries.caseCount[$0] == 0 && abs(diaries.points[$0]) < 1e-6) },
                     "invariant: a practitioner who has left still holds cases or points")
        // The active list holds exactly the cases whose state says active (the weekly snapshot counts the one by the other).
        precondition(state.reduce(0) { $0 + ($1.active ? 1 : 0) } == active.count && active.allSatisfy { state[Int($0)].active },
                     "invariant: the active list and the cases' active flags disagree")
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
        // Every case in case order, the active ones counted (the same set as `active`, checked
        // above): the case states are read front to back, which the processor fetches ahead
        // (2.45% → 1.08% of a calibrated tenth in `perf record`), rather than in
        // the active list's scattered order.
        for i in state.indices where state[i].active {
            let s = state[i]
            if s.pomHeld { pom += 1; continue }
            if s.inCustody || s.preRelease { custody += 1 }
            byTier[min(Int(s.tier) / 4, 3)] += 1
            // The phase cached in the case's state (reading its plan for each case each week cost more).
            let p = s.inCustody ? SupervisionPhase.custody.index : cachedPhase(i, day)
            if p >= 0 { byPhase[p] += 1 }
        }
        monitors.weekStarted(day, caseload: CaseloadSnapshot(cases: active.count - pom, inCustody: custody, pomHeld: pom, byPhase: byPhase, byTier: byTier,
                                                             distribution: diaries.caseloadDistribution(), meanPerPractitioner: stats.mean,
                                                             p90PerPractitioner: stats.p90, wmtPercent: diaries.capacityPercent,
                                                             wmtPercentPO: diaries.capacityPercent(.PO), wmtPercentPSO: diaries.capacityPercent(.PSO),
                                                             caseHoldingFTE: diaries.unlimited ? .nan : diaries.caseHoldingFTE,
                                                             fteInPost: diaries.unlimited ? .nan : diaries.contractedFTE + workforce.courtTeam.fte))
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

/// Workforce flows: intakes join on their day; each month, practitioners may leave, their cases
/// reallocated by the allocation rule.
extension ReplicationModel {
    /// Intake `k` joins on `day`: its practitioners are appended to the diaries, their own start
    /// the first of the month on or after `day` (the part-month before counts as their month 0),
    /// and take cases by the allocation rule from today.
    mutating func intake(_ k: Int, _ day: Day) {
        let intake = workforce.intakes[k]
        diaries.join(intake.group, startOffset: joinerStart(day))
    }

    /// The own start of practitioners joining on `day`, in months after the scenario's start:
    /// the first of the month on or after it (so a part-month never shortens a reduction).
    func joinerStart(_ day: Day) -> Double {
        let own = day.dayOfMonth == 1 ? day : day.firstOfNextMonth
        return Double(own.monthOrdinal - scenario.start.monthOrdinal)
    }

    /// A step of group `k`'s `count` schedule: a rise joins practitioners of the group (their own
    /// start the first of the month on or after `day`, as an intake's); a fall sees its latest
    /// joiners in post leave, their cases reallocated (the last PO in post never leaves).
    mutating func changeCount(group k: Int, to target: Int, _ day: Day) {
        guard !diaries.unlimited else { return }
        if groupMembers.isEmpty {
            // The initial practitioners are numbered group by group, in order.
            var p = 0
            for g in workforce.practitioners {
                groupMembers.append(Array(p..<(p + g.count)))
                p += g.count
            }
        }
        let inPost = groupMembers[k].filter { diaries.active[$0] }
        if target > inPost.count {
            var g = workforce.practitioners[k]
            g.count = target - inPost.count
            let first = diaries.count
            diaries.join(g, startOffset: joinerStart(day))
            groupMembers[k] += Array(first..<diaries.count)
        } else {
            for p in inPost.reversed().prefix(inPost.count - target) {
                if diaries.grade[p] == .PO && diaries.inPost(.PO) <= 1 { continue }
                diaries.leave(p)
                reallocateCases(of: p, day)
            }
        }
    }

    /// The cases practitioner `p` (who has left) held go, one by one in the order of the caseload
    /// list, to the practitioner the allocation rule picks among those in post.
    mutating func reallocateCases(of p: Int, _ day: Day) {
        for k in active.array {   // a snapshot: the loop may not see the list change
            let i = Int(k)
            guard Int(state[i].practitioner) == p else { continue }
            removePoints(i)
            let q = allocate(i, rosh: state[i].rosh)
            state[i].practitioner = Int32(q)
            addPoints(i)
            moveWaitingWork(of: i, from: p, to: q)
            monitors.reallocated(i, on: day, to: q, grade: diaries.grade[q], leaver: p)
        }
    }

    /// At a month's start each practitioner in post leaves with their grade's monthly
    /// probability (a draw keyed by the practitioner and the month under a purpose of its own,
    /// so no other draw moves). The last PO in post never leaves (higher-RoSH cases may only be
    /// held by a PO). A leaver's cases go, one by one in the order of the caseload list, to the
    /// practitioner the allocation rule picks among those in post.
    mutating func attrition(_ day: Day, monthKey: UInt64) {
        var pos = diaries.inPost(.PO)
        for p in 0..<diaries.count where diaries.active[p] {
            let rate = attritionPerMonth[diaries.grade[p] == .PO ? 0 : 1]
            guard rate > 0 else { continue }
            reseed(p, .attrition, monthKey)
            guard keyed.uniform() < rate else { continue }
            if diaries.grade[p] == .PO {
                if pos <= 1 { continue }
                pos -= 1
            }
            diaries.leave(p)
            reallocateCases(of: p, day)
        }
    }
}
