import SimulationCore
import ProbationRules

/// Unacceptable absences and the enforcement tasks they start (a licence absence may lead to recall).
extension ReplicationModel {
    @inline(__always) func phase(of i: Int, on day: Day) -> SupervisionPhase? {
        plans[i].timeline.segments.first { $0.period.contains(day) }?.phase
    }

    mutating func unacceptableAbsence(_ i: Int, _ day: Day, recallDraw: Double) {
        monitors.unacceptableAbsence(i, on: day)
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
        let recent = unacceptable[i].count { $0 > windowStart && $0 >= segment.period.start }   // counted, not filtered into a new array
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
            monitors.breached(i, on: day, absences: recent, withinMonths: e.withinMonths, phase: phase)
        }
    }

    /// Case `i`'s breach report is done: on a community or suspended sentence order the court's
    /// outcome is drawn (keyed by the case and the report's ordinal, under a purpose of its own):
    /// continue (no change), amend (the order continues; a review of the sentence plan is booked)
    /// or revoke (the order ends today through the case's normal end; its standards not yet due
    /// are not applicable). A licence's breach goes to recall instead, and a PSS breach to no
    /// outcome here.
    mutating func breachReportDone(_ i: Int, _ item: WorkItem, on day: Day) {
        guard state[i].active, let phase = phase(of: i, on: day), phase == .communityOrder || phase == .suspendedSentenceOrder else { return }
        let shares = scenario.behaviour.breachOutcomes
        reseed(i, .breachOutcome, UInt64(item.ordinal))
        let u = keyed.uniform()
        let outcome: BreachOutcome = u < shares.continue ? .continue : (u < shares.continue + shares.amend ? .amend : .revoke)
        monitors.breachOutcome(i, on: day, outcome: outcome)
        switch outcome {
        case .continue: break
        case .amend:
            let due = calendar.addingWorkingDays(10, to: day)
            addWork(i, kind: .planReview, day: calendar.addingWorkingDays(1, to: day), due: due, standard: -1)
        case .revoke: revoke(i, on: day)
        }
    }

    /// Case `i`'s order is revoked on `day`: what it still asked for after today and has not
    /// met is not applicable (a deadline due later, a window ending later), and its supervision ends.
    mutating func revoke(_ i: Int, on day: Day) {
        held.contacts(from: state[i].heldHead, into: &scoringContacts)
        for k in plans[i].standards.indices {
            let dueDay: Day
            switch plans[i].standards[k].demand {
            case .deadline(_, _, let due): dueDay = due
            case .count(let w, _, _), .homeVisit(let w): dueDay = w.end.adding(days: -1)
            }
            if dueDay > day && StandardScorer.outcome(plans[i].standards[k], contacts: scoringContacts) != .met {
                plans[i].standards[k].applicable = false
            }
        }
        endCase(i, day)
    }
}
