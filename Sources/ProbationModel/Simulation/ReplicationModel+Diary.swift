import SimulationCore
import ProbationRules

/// Diary work: a piece of work falls due and is withdrawn, moved, deferred, dropped or done; a
/// contact done is attended or not, and a missed one rebooked. The steps below, in order, are
/// the whole of it; what is measured is told to the monitors.
extension ReplicationModel {
    /// Work item `index` falls due on `day`.
    mutating func work(_ index: Int32, _ day: Day) {
        var item = items[Int(index)]
        let i = Int(item.caseIndex)
        guard isStillWanted(item) else { return withdraw(index, item) }
        guard calendar.isWorkingDay(day) else { return moveToWorkingDay(index, day) }
        // The held contact is recorded in the case's newest chunk, a likely cache miss: ask for it now.
        if item.kind.contact != nil { held.prefetch(state[i].heldHead) }
        if item.mainMinutes < 0 { drawMinutes(&item, i) }
        let p = Int(state[i].practitioner)
        guard let overtime = diaries.book(p, day: Int32(day.number), minutes: item.totalMinutes) else { return deferOrDrop(index, item, day) }
        // The case's tier letter and phase, for hours by tier and phase (looked up only once measuring).
        let phase = day < scenario.warmupEnd ? -1 : (state[i].inCustody ? SupervisionPhase.custody.index : cachedPhase(i, day))
        monitors.workDone(item, on: day, grade: diaries.grade[p], tier: min(Int(state[i].tier) / 4, 3), phase: phase, overtimeMinutes: overtime)
        freeWork(index)
        if item.standard >= 0 { scoreTask(item, doneOn: day) }
        if let contact = item.kind.contact { hold(contact, item, on: day) }
        if item.kind == .breachReport { breachReportDone(i, item, on: day) }
    }

    /// The phase index of case `i`'s timeline on `day` (-1 when no segment covers it), cached in
    /// its state until the segment ends: work is done in day order, and a new plan clears the
    /// cache. Looking the plan up for every piece of work cost about 15% of a tenth of national.
    @inline(__always) mutating func cachedPhase(_ i: Int, _ day: Day) -> Int {
        let d = Int32(day.number)
        if d < state[i].phaseEnd {
            #if PROBSIM_INVARIANTS
            precondition(Int(state[i].phaseIndex) == (phase(of: i, on: day)?.index ?? -1), "invariant: case \(i)'s cached phase is stale on \(day.iso)")
            #endif
            return Int(state[i].phaseIndex)
        }
        guard let segment = plans[i].timeline.segments.first(where: { $0.period.contains(day) }) else { return -1 }
        state[i].phaseIndex = Int8(segment.phase.index)
        state[i].phaseEnd = Int32(segment.period.end.number)
        return segment.phase.index
    }

    /// Whether the work still counts: its case is on the books, and planned contact belongs to
    /// the case's current plan and is not for a person in custody (nor is volume work, unless a
    /// recall books it).
    @inline(__always) func isStillWanted(_ item: WorkItem) -> Bool {
        let s = state[Int(item.caseIndex)]
        return s.active && (!item.kind.isPlanned || (item.generation == s.generation && !s.inCustody))
            && !(item.kind == .volume && (s.inCustody || s.preRelease) && !work.doneInCustody[Int(item.activity)])
    }

    /// Work no longer wanted leaves the diary. A task's standard is missed (capacity) if its case
    /// is still supervised, and not applicable if the case has ended.
    mutating func withdraw(_ index: Int32, _ item: WorkItem) {
        if item.standard >= 0 {
            let dueDay = Day(number: Int(min(item.due, Int32(scenario.end.number - 1))))
            let outcome: StandardOutcome = state[Int(item.caseIndex)].active ? .missedCapacity : .notApplicable
            monitors.standardScored(Int(item.caseIndex), code: Int(item.standard), name: nil, outcome: outcome, due: dueDay, task: nil, demand: nil)
        }
        monitors.workWithdrawn(item)
        freeWork(index)
    }

    /// Work falling on a weekend or bank holiday moves to the next working day.
    mutating func moveToWorkingDay(_ index: Int32, _ day: Day) {
        items[Int(index)].day = Int32(calendar.workingDayOnOrAfter(day).number)
        scheduleWork(index)
    }

    /// The day is full (overtime included): the work moves to the next working day, unless it
    /// can no longer count (conventions §10). A frequency contact past its window's end, or work
    /// with no deadline deferred for more than `workforce.max_deferral_working_days`, is dropped.
    /// Deadline work (the activity table's `waits_until_done`, or a task scored under a standard)
    /// goes late instead: statutory work until done, other work until it is more than
    /// `workforce.rationing.max_late_working_days` past its deadline, when it is dropped and its
    /// standard missed (capacity). Dropped work is unmet demand.
    mutating func deferOrDrop(_ index: Int32, _ item: WorkItem, _ day: Day) {
        var item = item
        let next = calendar.addingWorkingDays(1, to: day)
        let nextDay = Int32(next.number)
        let a = Int(item.activity)
        let dropped: Bool
        if item.standard >= 0 || work.waitsUntilDone[a] {
            let since = Day(number: Int(item.due == Int32.max ? item.firstDay : item.due))
            dropped = work.lateLimited[a] && next > since && calendar.workingDays(from: since, to: next) > workforce.rationing.maxLateWorkingDays
        } else if item.due == Int32.max {
            dropped = calendar.workingDays(from: Day(number: Int(item.firstDay)), to: next) > workforce.maxDeferralWorkingDays
        } else {
            dropped = nextDay > item.due
        }
        if dropped {
            let s = state[Int(item.caseIndex)]
            monitors.workDropped(item, on: day, grade: diaries.grade[Int(s.practitioner)], givesWay: work.classOfUrgency[Int(work.urgency(item, rosh: s.rosh))])
            if item.standard >= 0 {
                let dueDay = Day(number: Int(min(item.due, Int32(scenario.end.number - 1))))
                monitors.standardScored(Int(item.caseIndex), code: Int(item.standard), name: nil, outcome: .missedCapacity, due: dueDay, task: nil, demand: nil)
            }
            freeWork(index)
            return
        }
        monitors.workDeferred(item, on: day)
        item.deferred = true
        item.day = nextDay
        items[Int(index)] = item
        scheduleWork(index)
    }

    /// A task done for a standard: met by its due day, else met late.
    mutating func scoreTask(_ item: WorkItem, doneOn day: Day) {
        let outcome: StandardOutcome = Int32(day.number) <= item.due ? .met : .metLate
        let dueDay = Day(number: Int(min(item.due, Int32(scenario.end.number - 1))))
        monitors.standardScored(Int(item.caseIndex), code: Int(item.standard), name: nil, outcome: outcome, due: dueDay,
                                task: DoneTask(activity: item.activity, day: day), demand: nil)
    }

    /// A contact of the plan is held: attended or not (drawn, keyed by what it is), recorded for
    /// scoring; a missed one is rebooked within its window, and an unacceptable absence starts
    /// enforcement.
    mutating func hold(_ contact: ContactKind, _ item: WorkItem, on day: Day) {
        let i = Int(item.caseIndex)
        var attended = true
        var acceptable = true
        var recallDraw = 1.0
        let drawn = work.attends[Int(item.activity)]
        if drawn {
            reseed(i, .outcome, KeyedDraws.work(work.drawCode(item.kind, activity: item.activity), item.ordinal))
            attended = keyed.uniform() < state[i].attendance
            acceptable = keyed.uniform() < scenario.behaviour.acceptableAbsence
            recallDraw = keyed.uniform()
        }
        held.add(HeldContact(day: day, kind: contact, attended: attended), to: &state[i].heldHead)
        monitors.contactHeld(i, on: day, contact: contact, attended: attended, acceptable: acceptable, attendanceDrawn: drawn, deferred: item.deferred)
        guard !attended else { return }
        let rebookDay = calendar.addingWorkingDays(scenario.behaviour.rebookAfterWorkingDays, to: day)
        if Int(item.rebooks) < scenario.behaviour.maxRebookings && Int32(rebookDay.number) <= item.due
            && Int32(rebookDay.number) < state[i].supervisionEnd && item.due != Int32.max {
            addWork(i, kind: item.kind == .initialAppointment ? .f2f : item.kind, day: rebookDay,
                    due: Day(number: Int(item.due)), standard: -1, rebooks: item.rebooks + 1)
        }
        if !acceptable { unacceptableAbsence(i, day, recallDraw: recallDraw) }
    }

    /// Draws a piece of work's minutes from its activity row, keyed by what it is: the case, its
    /// kind (and volume row), and its ordinal among such work for the case (its attendance is keyed
    /// the same way), so that two regimes' n-th contact of a kind for a case gets the same draws
    /// whatever other work they gave the case. Record keeping and travel are added where the row
    /// says; a contact by another professional takes no practitioner minutes.
    mutating func drawMinutes(_ item: inout WorkItem, _ i: Int) {
        let slot = i &* work.ordinalSlots &+ work.ordinalSlot(item.kind, activity: item.activity)
        item.ordinal = kindOrdinals[slot]
        kindOrdinals[slot] &+= 1
        reseed(i, .work, KeyedDraws.work(work.drawCode(item.kind, activity: item.activity), item.ordinal))
        let a = Int(item.activity)
        let byOther = item.kind == .otherProfessional
        let kinds = work.table.kinds
        item.mainMinutes = byOther ? 0 : Float(max(0, kinds[a].minutes.sample(keyed)))
        item.recordMinutes = work.records[a] && !byOther ? Float(max(0, kinds[work.recording].minutes.sample(keyed))) : 0
        item.travelMinutes = work.travels[a] ? Float(max(0, kinds[work.travel].minutes.sample(keyed))) : 0
    }
}
