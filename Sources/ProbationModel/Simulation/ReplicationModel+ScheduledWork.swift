import SimulationCore
import ProbationRules

/// Work the activity table books itself: by volume (`per_case_month`), by schedule
/// (`every_months` from the case's start) and on events (`on:` a change of risk, a recall, a
/// re-release), each for the cases its row `applies` to.
extension ReplicationModel {
    /// Work booked by volume and schedule for case `i`'s month starting `day`: for each volume row
    /// in table order, a Poisson number of pieces, each on a random working day of the month; then
    /// each scheduled row whose anniversary falls in the month. Rows whose scope does not hold
    /// book nothing (and draw nothing).
    @inline(__always) mutating func bookVolumeWork(_ i: Int, _ day: Day, next: Day) {
        for (activity, most) in work.volume where most > 0 {
            // A scheduled volume: the rate in force at the month's start (a month at 0 draws nothing).
            let rate = work.volumeSchedule[activity].isEmpty ? most : (work.volumeSchedule[activity].value(on: day) ?? 0)
            guard rate > 0, applies(activity, to: i, on: day) else { continue }
            let n = keyed.poisson(mean: rate)
            for _ in 0..<n {
                let d = calendar.workingDayOnOrAfter(day.adding(days: keyed.integer(below: max(1, day.days(to: next)))))
                if d < next && Int32(d.number) < state[i].supervisionEnd {
                    addWork(i, kind: .volume, day: d, due: nil, standard: -1, activity: UInt8(activity))
                }
            }
        }
        guard !work.scheduled.isEmpty else { return }
        let start = Day(number: Int(state[i].timelineStart))
        #if PROBSIM_INVARIANTS
        precondition(start == plans[i].timeline.whole.start, "invariant: case \(i)'s mirrored timeline start is stale")
        #endif
        let months = day.monthOrdinal - start.monthOrdinal
        guard months > 0 else { return }
        for (activity, every) in work.scheduled where months % every == 0 {
            guard applies(activity, to: i, on: day) else { continue }
            let d = calendar.workingDayOnOrAfter(start.adding(months: months))
            if Int32(d.number) < state[i].supervisionEnd {
                addWork(i, kind: .volume, day: d, due: nil, standard: -1, activity: UInt8(activity))
            }
        }
    }

    /// Books the rows triggered by `trigger` for case `i` on `day` (each its working days after).
    mutating func bookTriggeredWork(_ i: Int, _ trigger: ActivityKind.Trigger, on day: Day) {
        guard !work.triggered.isEmpty else { return }
        for (activity, t, wd) in work.triggered where t == trigger {
            guard applies(activity, to: i, on: day) else { continue }
            let d = wd == 0 ? calendar.workingDayOnOrAfter(day) : calendar.addingWorkingDays(wd, to: day)
            if Int32(d.number) < state[i].supervisionEnd {
                addWork(i, kind: .volume, day: d, due: nil, standard: -1, activity: UInt8(activity))
            }
        }
    }

    /// Whether row `activity`'s own bookings apply to case `i` on `day`: the case is in the row's
    /// `share` (fixed per case and row, by a hash of the replication, case and row that leaves
    /// the keyed stream alone) and in one of its `applies` scopes.
    /// `day` is today (the phase is read from the case's cached phase, ``cachedPhase(_:_:)``:
    /// reading its timeline's segments was half the month loop's own time, a cache miss per case).
    @inline(__always) mutating func applies(_ activity: Int, to i: Int, on day: Day) -> Bool {
        if work.share[activity] < 1 {
            if draws.share(case: i, row: activity) >= work.share[activity] { return false }
        }
        let scopes = work.scope[activity]
        if scopes.isEmpty { return true }
        let k = cachedPhase(i, day)
        let phase = k >= 0 ? Self.phases[k] : phaseOf(i, on: day)
        // Custody months from the state (a scope reads a missing figure as 0, as the state keeps it).
        let custodyMonths = Int(state[i].custodyMonths)
        #if PROBSIM_INVARIANTS
        precondition(custodyMonths == (specs[i].custodyMonths ?? 0), "invariant: case \(i)'s mirrored custody months are stale")
        #endif
        return scopes.contains { $0.holds(for: masks[i], phase: phase, custodyMonths: custodyMonths) }
    }

    /// The phases by ``SupervisionPhase/index``.
    static let phases = SupervisionPhase.allCases

    /// The phase case `i` is in on `day` (its first phase before it starts, its last after it ends).
    @inline(__always) func phaseOf(_ i: Int, on day: Day) -> SupervisionPhase {
        let segments = plans[i].timeline.segments
        for s in segments where s.period.contains(day) { return s.phase }
        return day < segments[0].period.start ? segments[0].phase : segments[segments.count - 1].phase
    }
}
