import SimulationCore

/// Diary work: capacity, deferral, minutes, attendance and rebooking.
extension ReplicationModel {
    mutating func work(_ index: Int32, _ day: Day) {
        var item = items[Int(index)]
        let i = Int(item.caseIndex)
        let valid = state[i].active && (!item.kind.isPlanned || (item.generation == state[i].generation && !state[i].inCustody))
            && !(item.kind == .reactive && state[i].inCustody)
        guard valid else {
            if item.standard >= 0 && inMeasured(Day(number: Int(min(item.due, Int32(scenario.end.number - 1))))) {
                let dueDay = Day(number: Int(min(item.due, Int32(scenario.end.number - 1))))
                // Only a case that has ended drops its tasks: the task is then not applicable, not missed.
                tally(Int(item.standard), state[i].active ? .missedCapacity : .notApplicable, week: week(of: dueDay))
            }
            if item.deferred { backlogMinutes -= item.totalMinutes }
            freeWork(index)
            return
        }
        if !calendar.isWorkingDay(day) {
            items[Int(index)].day = Int32(calendar.workingDayOnOrAfter(day).number)
            scheduleWork(index)
            return
        }
        // The held contact is recorded in the case's newest chunk, a likely cache miss: ask for it now.
        if item.kind.contact != nil { held.prefetch(state[i].heldHead) }
        if item.mainMinutes < 0 { drawMinutes(&item, i) }
        let p = Int(state[i].practitioner)
        guard diaries.book(p, day: Int32(day.number), minutes: item.totalMinutes) else {
            // The day is full: the work moves to the next working day, unless it can no longer
            // count: a frequency contact past its window's end, or work with no deadline deferred
            // for more than workforce.max_deferral_working_days, is dropped (never done).
            let nextDay = Int32(calendar.addingWorkingDays(1, to: day).number)
            let keepsUntilDone = item.standard >= 0 || item.kind == .initialAppointment || item.kind == .sentencePlan || item.kind == .upwStart
                || item.kind == .upwAssessment || item.kind == .recallReport || item.kind == .breachReport || item.kind == .planReview
            let tooLate = item.due == Int32.max
                ? calendar.workingDays(from: Day(number: Int(item.firstDay)), to: Day(number: Int(nextDay))) > workforce.maxDeferralWorkingDays
                : nextDay > item.due
            if !keepsUntilDone && tooLate {
                if item.deferred { backlogMinutes -= item.totalMinutes }
                if inMeasured(day) { result.demandMinutes += item.totalMinutes; result.droppedMinutes += item.totalMinutes }
                if traced(i) { note(day, "\(Activity(item.kind).name) dropped: no room in the diary before it stopped counting") }
                freeWork(index)
                return
            }
            if !item.deferred { backlogMinutes += item.totalMinutes }
            item.deferred = true
            item.day = nextDay
            items[Int(index)] = item
            result.deferrals += 1
            scheduleWork(index)
            return
        }
        if item.deferred { backlogMinutes -= item.totalMinutes }
        if inMeasured(day) {
            let main = Activity(item.kind).rawValue
            minutesDone[main] += Double(item.mainMinutes)
            minutesDone[Activity.recordKeeping.rawValue] += Double(item.recordMinutes)
            minutesDone[Activity.homeVisitTravel.rawValue] += Double(item.travelMinutes)
            result.demandMinutes += item.totalMinutes
            gradeMinutes[diaries.grade[p] == .PO ? 0 : 1] += item.totalMinutes
            currentWeek[main] += Double(item.mainMinutes)
            currentWeek[Activity.recordKeeping.rawValue] += Double(item.recordMinutes)
            currentWeek[Activity.homeVisitTravel.rawValue] += Double(item.travelMinutes)
        }
        freeWork(index)
        if item.standard >= 0 {
            let outcome: StandardOutcome = Int32(day.number) <= item.due ? .met : .metLate
            let dueDay = Day(number: Int(min(item.due, Int32(scenario.end.number - 1))))
            if inMeasured(dueDay) { tally(Int(item.standard), outcome, week: week(of: dueDay)) }
            if traced(i) { note(day, "\(Activity(item.kind).name) done (\(standardNames[Int(item.standard)]) due \(Day(number: Int(item.due)).iso): \(outcome.rawValue))") }
        }
        guard let contact = item.kind.contact else {
            if item.standard < 0 { if traced(i) { note(day, "\(Activity(item.kind).name) done") } }
            return
        }
        var attended = true
        var acceptable = true
        var recallDraw = 1.0
        if item.kind.needsAttendance {
            reseed(i, .outcome, ReplicationModel.drawKey(item.kind, item.ordinal))
            attended = keyed.uniform() < state[i].attendance
            acceptable = keyed.uniform() < scenario.behaviour.acceptableAbsence
            recallDraw = keyed.uniform()
        }
        held.add(HeldContact(day: day, kind: contact, attended: attended), to: &state[i].heldHead)
        if item.kind.needsAttendance && inMeasured(day) { result.heldContacts += 1 }
        if attended && inMeasured(day) && contact.isContact {
            if contact.isF2F { result.f2fContacts += 1 } else { result.otherContacts += 1 }
            if contact == .homeVisit { result.homeVisits += 1 }
        }
        if traced(i) { note(day, "\(contact.rawValue) \(!item.kind.needsAttendance ? "done" : attended ? "attended" : "not attended (\(acceptable ? "acceptable" : "unacceptable"))")\(item.deferred ? " (deferred for capacity)" : "")") }
        guard !attended else { return }
        // Rebook within the same window where it allows.
        let rebookDay = calendar.addingWorkingDays(scenario.behaviour.rebookAfterWorkingDays, to: day)
        if Int(item.rebooks) < scenario.behaviour.maxRebookings && Int32(rebookDay.number) <= item.due
            && Int32(rebookDay.number) < state[i].supervisionEnd && item.due != Int32.max {
            addWork(i, kind: item.kind == .initialAppointment ? .f2f : item.kind, day: rebookDay,
                    due: Day(number: Int(item.due)), standard: -1, rebooks: item.rebooks + 1)
        }
        if !acceptable { unacceptableAbsence(i, day, recallDraw: recallDraw) }
    }

    /// Draws a piece of work's minutes, keyed by what it is: the case, its kind, and that kind's
    /// ordinal for the case (its attendance is keyed the same way), so that two regimes' n-th
    /// contact of a kind for a case gets the same draws whatever other work they gave the case.
    mutating func drawMinutes(_ item: inout WorkItem, _ i: Int) {
        let slot = i &* WorkKind.count &+ Int(item.kind.rawValue)
        item.ordinal = kindOrdinals[slot]
        kindOrdinals[slot] &+= 1
        reseed(i, .work, ReplicationModel.drawKey(item.kind, item.ordinal))
        let a = scenario.activities
        let main: Distribution
        switch item.kind {
        case .initialAppointment: main = a.initialAppointment
        case .f2f: main = a.f2fAppointment
        case .homeVisit: main = a.homeVisit
        case .other: main = a.otherContact
        case .sentencePlan: main = a.sentencePlan
        case .upwStart: main = a.upwStart
        case .warningLetter: main = a.warningLetter
        case .decision: main = a.enforcementDecision
        case .breachReport: main = a.breachReport
        case .recallReport: main = a.recallReport
        case .reactive: main = a.reactiveEvent
        case .upwAssessment: main = a.upwAssessment
        case .otherProfessional: main = .constant(0)
        case .planReview: main = a.oasysReview
        case .riskManagementPlan: main = a.riskManagementPlan
        case .summons: main = a.summons
        }
        item.mainMinutes = Float(max(0, main.sample(keyed)))
        let isContact = (item.kind.contact?.isContact ?? false) && item.kind != .otherProfessional
        item.recordMinutes = isContact || item.kind == .reactive ? Float(max(0, a.recordKeeping.sample(keyed))) : 0
        item.travelMinutes = item.kind == .homeVisit ? Float(max(0, a.homeVisitTravel.sample(keyed))) : 0
    }
}
