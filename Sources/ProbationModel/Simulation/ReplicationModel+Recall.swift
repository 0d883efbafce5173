import SimulationCore
import ProbationRules

/// Recall to custody and re-release: for non-compliance (from enforcement), or for risk or
/// further offending (a monthly hazard on licence); part of a case's life (``arrive(_:_:)``).
extension ReplicationModel {
    /// A case on licence (not PSS, not in custody) may be recalled this month for risk
    /// escalation or further offending: a draw keyed by the case and the month under a purpose of
    /// its own, made after the month's other draws, so it moves none of them.
    mutating func recallHazard(_ i: Int, _ day: Day, monthKey: UInt64) {
        let h = recallHazards[state[i].rosh.rank]
        guard h > 0, state[i].active, !state[i].inCustody, !state[i].preRelease,
              cachedPhase(i, day) == SupervisionPhase.licence.index else { return }   // the cached phase: its plan is a cache miss
        reseed(i, .recallHazard, monthKey)
        guard keyed.uniform() < h else { return }
        recall(i, day, cause: .riskOrOffending)
    }

    /// Case `i` is recalled on `day`: the recall report, a review of the assessment and plan (not
    /// a new plan), the risk management plan after a standard recall; in custody from the next
    /// day, so planned contact stops and standards falling due in custody are not applicable.
    /// The recall's kind and length are drawn keyed by the case and, for a breach, its count of
    /// unacceptable absences, for the hazard, the day; a fixed-term recall's length is the band of
    /// `behaviour.recall.fixed_term_days` for the case's custodial sentence length.
    mutating func recall(_ i: Int, _ day: Day, cause: RecallCause = .nonCompliance) {
        let policy: RecallPolicy? = recallRules.lazy.compactMap { rule -> RecallPolicy? in
            if case .recall(let r) = rule.requirement { return r } else { return nil }
        }.first
        switch cause {
        case .nonCompliance: reseed(i, .outcome, KeyedDraws.breachRecall(absences: unacceptable[i].count))
        case .riskOrOffending: reseed(i, .recallHazard, KeyedDraws.hazardRecall(on: day))
        }
        let fixed = keyed.uniform() < scenario.behaviour.fixedTermShare
        let fixedDays = scenario.behaviour.fixedTermDays(sentenceMonths: specs[i].custodyMonths ?? 24)
        let days = fixed ? fixedDays : max(1, Int(scenario.behaviour.standardDays.sample(keyed).rounded()))
        let emergency = keyed.uniform() < scenario.behaviour.emergencyRecallShare
        let release = day.adding(days: days)
        monitors.recalled(i, on: day, cause: cause, fixedTerm: fixed, emergency: emergency, days: days, release: release)
        let actionWD = emergency ? (policy?.emergencyWorkingDays ?? policy?.actionWorkingDays) : policy?.actionWorkingDays
        let due = calendar.addingWorkingDays(actionWD ?? 1, to: day)
        addWork(i, kind: .recallReport, day: calendar.workingDayOnOrAfter(day), due: due, standard: actionWD == nil ? -1 : recallCodes[0])
        if let v = policy?.reviewWorkingDays {
            let reviewDue = calendar.addingWorkingDays(v, to: day)
            addWork(i, kind: .planReview, day: min(calendar.addingWorkingDays(1, to: day), reviewDue), due: reviewDue, standard: -1)
        }
        if !fixed, let p = policy?.riskPlanWorkingDays {
            let planDue = calendar.addingWorkingDays(p, to: day)
            addWork(i, kind: .riskManagementPlan, day: min(calendar.addingWorkingDays(1, to: day), planDue), due: planDue, standard: recallCodes[1])
        }
        bookTriggeredWork(i, .recall, on: day)
        let custodyStart = day.adding(days: 1)
        removePoints(i)
        state[i].inCustody = true
        addPoints(i)
        state[i].generation &+= 1
        withdrawUnwantedWaitingWork(of: i)
        plans[i].standards.removeAll { instance in
            switch instance.demand {
            case .deadline: return false
            case .count(let w, _, _), .homeVisit(let w): return w.end > custodyStart
            }
        }
        // A deadline not yet met that falls due while in custody is not applicable.
        held.contacts(from: state[i].heldHead, into: &scoringContacts)
        for k in plans[i].standards.indices {
            guard case .deadline(_, _, let due) = plans[i].standards[k].demand, due >= custodyStart, due < release,
                  StandardScorer.outcome(plans[i].standards[k], contacts: scoringContacts) == .missedCapacity else { continue }
            plans[i].standards[k].applicable = false
        }
        unacceptable[i] = []   // prior warnings are spent on recall
        if release < plans[i].timeline.whole.end && release < scenario.end {
            engine.schedule(at: Double(release.number), priority: ModelPriority.arrival, kind: ModelEvent.reRelease.rawValue, subject: UInt32(i))
        }
    }

    /// Case `i` comes out of custody after a recall: replanned from today, as a re-release.
    mutating func reRelease(_ i: Int, _ day: Day) {
        guard state[i].active, state[i].inCustody else { return }
        removePoints(i)
        state[i].inCustody = false
        addPoints(i)
        monitors.reReleased(i, on: day)
        bookTriggeredWork(i, .release, on: day)
        replan(i, from: day, releasedOn: day)
    }
}
