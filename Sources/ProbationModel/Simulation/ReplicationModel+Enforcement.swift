import SimulationCore

/// Unacceptable absences, enforcement tasks, recall, re-release and replanning.
extension ReplicationModel {
    func phase(of i: Int, on day: Day) -> SupervisionPhase? {
        plans[i].timeline.segments.first { $0.period.contains(day) }?.phase
    }

    mutating func unacceptableAbsence(_ i: Int, _ day: Day, recallDraw: Double) {
        result.unacceptableAbsences += inMeasured(day) ? 1 : 0
        guard let phase = phase(of: i, on: day) else { return }
        let spec = specs[i]
        let custody = plans[i].timeline.custodyMonths
        unacceptable[i].append(day)
        if phase == .licence && recallDraw < scenario.behaviour.recallPerUnacceptableAbsence {
            recall(i, day)
            return
        }
        guard let rule = enforcementRules.first(where: { $0.scope.holds(for: spec, phase: phase, custodyMonths: custody) }),
              case .enforcement(let letter, let decision, let breach, let after, let months) = rule.requirement else { return }
        if let l = letter {
            let due = calendar.addingWorkingDays(l, to: day)
            addWork(i, kind: .warningLetter, day: min(calendar.addingWorkingDays(1, to: day), due), due: due, standard: 0)
        }
        if let d = decision {
            let due = calendar.addingWorkingDays(d, to: day)
            addWork(i, kind: .decision, day: calendar.addingWorkingDays(max(1, d - 1), to: day), due: due, standard: 1)
        }
        let windowStart = day.adding(months: -months)
        let recent = unacceptable[i].filter { $0 > windowStart }.count
        if let b = breach, phase != .licence, recent >= after {
            let due = calendar.addingWorkingDays(b, to: day)
            addWork(i, kind: .breachReport, day: calendar.addingWorkingDays(max(1, b - 1), to: day), due: due, standard: 2)
            unacceptable[i] = []   // prior warnings are spent once breach is dealt with (15-E9)
            if traced(i) { note(day, "breach: \(recent) unacceptable absences within \(months) months") }
        }
    }

    mutating func recall(_ i: Int, _ day: Day) {
        if inMeasured(day) { result.recalls += 1 }
        let actionWD: Int? = recallRules.compactMap { rule -> Int? in
            if case .recall(let wd) = rule.requirement { return wd } else { return nil }
        }.first
        let due = calendar.addingWorkingDays(actionWD ?? 1, to: day)
        addWork(i, kind: .recallReport, day: calendar.workingDayOnOrAfter(day.adding(days: 0)), due: due, standard: actionWD == nil ? -1 : 3)
        reseed(i, .outcome, 0x7ec0_0000 | UInt64(unacceptable[i].count))
        let fixed = keyed.uniform() < scenario.behaviour.fixedTermShare
        let days = fixed ? scenario.behaviour.fixedTermDays : max(1, Int(scenario.behaviour.standardDays.sample(keyed).rounded()))
        // In custody from the next day: planned contact stops; standards from then on no longer apply.
        let custodyStart = day.adding(days: 1)
        removePoints(i)
        state[i].inCustody = true
        addPoints(i)
        state[i].generation &+= 1
        plans[i].standards.removeAll { instance in
            switch instance.demand {
            case .deadline: return false
            case .count(let w, _, _), .homeVisit(let w): return w.end > custodyStart
            }
        }
        unacceptable[i] = []   // prior warnings are spent on recall (15-E15)
        let release = day.adding(days: days)
        if traced(i) { note(day, "recalled (\(fixed ? "fixed-term" : "standard"), \(days) days); re-release \(release.iso)") }
        if release < plans[i].timeline.whole.end && release < scenario.end {
            engine.schedule(at: Double(release.number), priority: ModelPriority.arrival, kind: ModelEvent.reRelease.rawValue, subject: UInt32(i))
        }
    }

    mutating func reRelease(_ i: Int, _ day: Day) {
        guard state[i].active, state[i].inCustody else { return }
        removePoints(i)
        state[i].inCustody = false
        addPoints(i)
        if traced(i) { note(day, "re-released") }
        replan(i, from: day, releasedOn: day)
    }

    /// Replaces the plan from `day` on, keeping the standards whose windows started before it.
    mutating func replan(_ i: Int, from day: Day, releasedOn: Day? = nil) {
        let kept = plans[i].standards.filter { instance in
            switch instance.demand {
            case .deadline(_, let from, _): return from < day
            case .count(let w, _, _), .homeVisit(let w): return w.start < day
            }
        }
        var fresh = planner.plan(specs[i], from: day, releasedOn: releasedOn, suspensionLifted: state[i].suspensionLifted)
        fresh.standards = kept + fresh.standards
        plans[i] = fresh
        takeBookings(i)
        state[i].generation &+= 1
        scheduleBookings(i, before: day.firstOfNextMonth)
    }
}
