import SimulationCore

/// Unacceptable absences, enforcement tasks, recall, re-release and replanning.
extension ReplicationModel {
    func phase(of i: Int, on day: Day) -> SupervisionPhase? {
        plans[i].timeline.segments.first { $0.period.contains(day) }?.phase
    }

    mutating func unacceptableAbsence(_ i: Int, _ day: Day, recallDraw: Double) {
        result.unacceptableAbsences += inMeasured(day) ? 1 : 0
        guard let segment = plans[i].timeline.segments.first(where: { $0.period.contains(day) }) else { return }
        let phase = segment.phase
        let spec = specs[i]
        let custody = plans[i].timeline.custodyMonths
        unacceptable[i].append(day)
        if phase == .licence && recallDraw < scenario.behaviour.recallPerUnacceptableAbsence {
            recall(i, day)
            return
        }
        guard let r = enforcementRules.firstIndex(where: { $0.scope.holds(for: spec, phase: phase, custodyMonths: custody) }),
              case .enforcement(let e) = enforcementRules[r].requirement else { return }
        let codes = enforcementCodes[r]
        // Absences count toward breach within the phase they fall in (conventions §7).
        let windowStart = day.adding(months: -e.withinMonths)
        let recent = unacceptable[i].filter { $0 > windowStart && $0 >= segment.period.start }.count
        let breach = e.breach != nil && recent >= e.breachAfter
        if let l = e.letter, !breach || e.letterWithBreach {
            let due = calendar.addingWorkingDays(l, to: day)
            addWork(i, kind: .warningLetter, day: min(calendar.addingWorkingDays(1, to: day), due), due: due, standard: codes[0])
        }
        if let d = e.decision {
            let due = calendar.addingWorkingDays(d, to: day)
            addWork(i, kind: .decision, day: calendar.addingWorkingDays(max(1, d - 1), to: day), due: due, standard: codes[1])
        }
        if breach, let b = e.breach {
            let due = calendar.addingWorkingDays(b, to: day)
            addWork(i, kind: .breachReport, day: calendar.addingWorkingDays(max(1, b - 1), to: day), due: due, standard: codes[2])
            if let sm = e.summons {
                let summonsDue = calendar.addingWorkingDays(sm, to: day)
                addWork(i, kind: .summons, day: calendar.addingWorkingDays(max(1, sm - 1), to: day), due: summonsDue, standard: codes[3])
            }
            if e.warningsSpentOnBreach { unacceptable[i] = [] }   // prior warnings are spent once breach is dealt with (15-E9)
            if traced(i) { note(day, "breach: \(recent) unacceptable absences within \(e.withinMonths) months of the \(phase.rawValue) phase") }
        }
    }

    mutating func recall(_ i: Int, _ day: Day) {
        if inMeasured(day) { result.recalls += 1 }
        let policy: RecallPolicy? = recallRules.lazy.compactMap { rule -> RecallPolicy? in
            if case .recall(let r) = rule.requirement { return r } else { return nil }
        }.first
        reseed(i, .outcome, 0x7ec0_0000 | UInt64(unacceptable[i].count))
        let fixed = keyed.uniform() < scenario.behaviour.fixedTermShare
        let days = fixed ? scenario.behaviour.fixedTermDays : max(1, Int(scenario.behaviour.standardDays.sample(keyed).rounded()))
        let emergency = keyed.uniform() < scenario.behaviour.emergencyRecallShare
        let actionWD = emergency ? (policy?.emergencyWorkingDays ?? policy?.actionWorkingDays) : policy?.actionWorkingDays
        let due = calendar.addingWorkingDays(actionWD ?? 1, to: day)
        addWork(i, kind: .recallReport, day: calendar.workingDayOnOrAfter(day), due: due, standard: actionWD == nil ? -1 : recallCodes[0])
        // A review of the assessment and plan after every recall (002:386), not a new plan on
        // re-release (004:113); the risk management plan after a standard recall (UM02SL010).
        if let v = policy?.reviewWorkingDays {
            let reviewDue = calendar.addingWorkingDays(v, to: day)
            addWork(i, kind: .planReview, day: min(calendar.addingWorkingDays(1, to: day), reviewDue), due: reviewDue, standard: -1)
        }
        if !fixed, let p = policy?.riskPlanWorkingDays {
            let planDue = calendar.addingWorkingDays(p, to: day)
            addWork(i, kind: .riskManagementPlan, day: min(calendar.addingWorkingDays(1, to: day), planDue), due: planDue, standard: recallCodes[1])
        }
        // In custody from the next day: planned contact stops; standards from then on no longer apply.
        let custodyStart = day.adding(days: 1)
        let release = day.adding(days: days)
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
        // A deadline not yet met that falls due while in custody is not applicable (conventions §7).
        held.contacts(from: state[i].heldHead, into: &scoringContacts)
        for k in plans[i].standards.indices {
            guard case .deadline(_, _, let due) = plans[i].standards[k].demand, due >= custodyStart, due < release,
                  StandardScorer.outcome(plans[i].standards[k], contacts: scoringContacts) == .missedCapacity else { continue }
            plans[i].standards[k].applicable = false
        }
        unacceptable[i] = []   // prior warnings are spent on recall (15-E15)
        if traced(i) { note(day, "recalled (\(fixed ? "fixed-term" : "standard")\(emergency ? ", emergency" : ""), \(days) days); re-release \(release.iso)") }
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
        // A deadline whose trigger came before the replan and which is not yet met keeps its
        // booking (the old plan's work is dropped): after a change of risk, or a recall whose
        // re-release comes before the deadline. Without this it was scored missed (capacity).
        held.contacts(from: state[i].heldHead, into: &scoringContacts)
        var rebooked = false
        for s in kept where s.applicable {
            guard case .deadline(let kind, _, let due) = s.demand, due >= day,
                  StandardScorer.outcome(s, contacts: scoringContacts) == .missedCapacity else { continue }
            fresh.bookings.append(PlannedContact(day: calendar.workingDayOnOrAfter(day), kind: kind, rule: s.standard, due: due))
            rebooked = true
        }
        if rebooked { fresh.bookings.sort { ($0.day, $0.kind.rawValue) < ($1.day, $1.kind.rawValue) } }
        fresh.standards = kept + fresh.standards
        plans[i] = fresh
        takeBookings(i)
        state[i].generation &+= 1
        scheduleBookings(i, before: day.firstOfNextMonth)
    }
}
