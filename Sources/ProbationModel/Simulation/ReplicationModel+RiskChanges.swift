import CPrefetch
import SimulationCore

/// The monthly tick: RoSH transitions, flag hazards, reactive work, reinstatement and reallocation.
extension ReplicationModel {
    mutating func monthStart(_ day: Day) {
        let monthKey = UInt64(day.year * 12 + day.month)
        let next = day.firstOfNextMonth
        let rate = scenario.activities.reactiveEventsPerMonth
        var k = 0
        while k < active.count {
            let i = Int(active[k])
            // The active list is in no order of case: ask ahead for the state and bookings of
            // the cases a few places on (the bookings' storage once their reference is in cache).
            if k &+ 8 < active.count { prefetchCase(Int(active[k &+ 8])) }
            if k &+ 4 < active.count { prefetchBookings(Int(active[k &+ 4])) }
            k += 1
            if state[i].inCustody {
                continue
            }
            reseed(i, .month, monthKey)
            // RoSH transition, then flag hazards, then reactive work: always the same draws in the same order.
            var rosh = state[i].rosh
            let u = keyed.uniform()
            var acc = 0.0
            for (to, p) in roshRows[rosh.rank] {
                acc += p
                if u < acc { rosh = to; break }
            }
            var bits = state[i].flagBits
            for (flag, p) in hazards where keyed.uniform() < p { bits |= 1 << CohortFlag.allCases.firstIndex(of: flag)! }
            let reactive = rate > 0 ? keyed.poisson(mean: rate) : 0
            for _ in 0..<reactive {
                let d = calendar.workingDayOnOrAfter(day.adding(days: keyed.integer(below: max(1, day.days(to: next)))))
                if d < next && Int32(d.number) < state[i].supervisionEnd { addWork(i, kind: .reactive, day: d, due: nil, standard: -1) }
            }
            if (rosh != state[i].rosh || bits != state[i].flagBits) && day > scenario.start {
                var spec = specs[i]
                spec.rosh = rosh
                for (k, f) in CohortFlag.allCases.enumerated() where bits & (1 << k) != 0 { spec.flags.insert(f) }
                changeRisk(i, to: spec, on: day)
            }
            scheduleBookings(i, before: next)
        }
    }

    mutating func changeRisk(_ i: Int, to spec: CaseSpec, on day: Day) {
        let old = specs[i]
        specs[i] = spec
        state[i].rosh = spec.rosh
        state[i].flagBits = ReplicationModel.bits(spec.flags)
        if traced(i) { note(day, "risk changes: RoSH \(old.rosh.rawValue) → \(spec.rosh.rawValue), flags [\(spec.flags.map(\.rawValue).sorted().joined(separator: ", "))]") }
        let p = Int(state[i].practitioner)
        if !diaries.mayHold(p, rosh: spec.rosh) {
            removePoints(i)
            let q = allocate(i, rosh: spec.rosh)
            state[i].practitioner = Int32(q)
            addPoints(i)
            if traced(i) { note(day, "reallocated from a PSO to practitioner \(q) (PO)") }
        }
        // Reinstatement: a case that becomes exempt while suspended stays reinstated (conventions §4).
        let suspendedNow = plans[i].suspended.contains { $0.contains(day) }
        if suspendedNow && isExempt(spec) {
            state[i].suspensionLifted = true
            if traced(i) { note(day, "becomes exempt during suspension: contact reinstated") }
        } else if (scenario.resuspendWhenExemptionLapses || resuspends) && state[i].suspensionLifted && !isExempt(spec) {
            state[i].suspensionLifted = false
        }
        replan(i, from: day)
    }

    /// Whether a suspension rule of the regime suspends a reinstated case again when its exemption lapses.
    var resuspends: Bool {
        regime.rules.contains { rule in
            if case .suspension(_, _, _, let again) = rule.requirement { return again }
            return false
        }
    }

    func isExempt(_ spec: CaseSpec) -> Bool {
        regime.rules.contains { rule in
            if case .suspension(_, let ex, _, _) = rule.requirement { return ex.contains { $0.holds(for: spec) } }
            return false
        }
    }
}
