import SimulationCore
import ProbationRules

/// Diary work: a piece of work falls due and is withdrawn, moved, deferred, dropped or done; a
/// contact done is attended or not, and a missed one rebooked. The steps below, in order, are
/// the whole of it; what is measured is told to the monitors.
extension ReplicationModel {
    /// Work item `index` falls due on `day` (its event's `priority` and `sequence`). Its
    /// practitioner first tries the waiting work that comes before it
    /// (``serveWaiting(_:before:waitingFirst:_:)``), by the place its event was scheduled with.
    mutating func work(_ index: Int32, _ day: Day, priority: EventPriority, sequence: UInt64) {
        var item = items[Int(index)]
        let i = Int(item.caseIndex)
        let holder = Int(state[i].practitioner)
        let working = calendar.isWorkingDay(day)
        if working && holder >= 0 && !waiting.rings.isEmpty {
            // Of the same place, waiting work comes first if this was scheduled after the last day's
            // end (as when waiting work went back into the event queue as it was tried).
            let ranks = ModelPriority.ranks(ofWork: priority)
            serveWaiting(holder, before: WaitingWork.place(classRank: ranks.classRank, due: item.due, roshRank: ranks.roshRank),
                         waitingFirst: sequence >= waiting.dayEndSequence, day)
        }
        guard isStillWanted(item) else { return withdraw(index, item) }
        guard working else { return moveToWorkingDay(index, day) }
        // The held contact is recorded in the case's newest chunk, a likely cache miss: ask for it now.
        if item.kind.contact != nil { held.prefetch(state[i].heldHead) }
        if item.mainMinutes < 0 { drawMinutes(&item, i) }
        let p = Int(state[i].practitioner)
        guard let overtime = diaries.book(p, day: Int32(day.number), minutes: item.totalMinutes) else { return putOff(index, item, day, practitioner: p) }
        done(index, item, day, practitioner: p, overtime: overtime)
    }

    /// Work item `index`, booked into p's diary on `day` with `overtime` minutes of it beyond the
    /// day's case-work minutes, is done: measured, scored, and held if a contact.
    mutating func done(_ index: Int32, _ item: WorkItem, _ day: Day, practitioner p: Int, overtime: Double) {
        let i = Int(item.caseIndex)
        // The case's tier letter and phase, for hours by tier and phase (looked up only once measuring).
        let phase = day < scenario.warmupEnd ? -1 : (state[i].inCustody ? SupervisionPhase.custody.index : cachedPhase(i, day))
        monitors.workDone(item, on: day, grade: diaries.grade[p], tier: min(Int(state[i].tier) / 4, 3), phase: phase, overtimeMinutes: overtime)
        freeWork(index)
        if item.standard >= 0 { scoreTask(item, doneOn: day) }
        if let contact = item.kind.contact { hold(contact, item, on: day) }
        if item.kind == .breachReport { breachReportDone(i, item, on: day) }
    }

    /// Where a piece of work goes among the waiting work (``WaitingWork/place(urgency:due:rosh:)``).
    @inline(__always) func order(of item: WorkItem, rosh: RoSH) -> UInt64 {
        WaitingWork.place(urgency: work.urgency(item, rosh: rosh), due: item.due, rosh: rosh)
    }

    /// Practitioner p's waiting work that comes before new work of place `next` (of the same
    /// place, if `waitingFirst`) is tried on `day`, in order, each piece once a working day: done
    /// if it fits what is left of the day (overtime included), dropped if it could not be done by
    /// its last day; else it waits for the next working day. Work no longer wanted, or whose case
    /// moved, left the list when that happened (``withdrawUnwantedWaitingWork(of:)``,
    /// ``moveWaitingWork(of:from:to:)``), so this reads only the list and p's diary.
    /// Called before each piece of p's new work, and at the day's end for the rest.
    mutating func serveWaiting(_ p: Int, before next: UInt64, waitingFirst: Bool, _ day: Day) {
        #if PROBSIM_INVARIANTS
        // Checked before the guards that trust it: a stale head would skip work silently.
        if p < waiting.rings.count && waiting.rings[p].cursorDay == Int32(day.number) {
            let r = waiting.rings[p]
            precondition(r.headOrder == (r.cursor < r.count ? waiting[p, Int(r.cursor)].order : .max), "invariant: practitioner \(p)'s noted head is stale on \(day.iso)")
        }
        #endif
        guard p < waiting.rings.count, waiting.rings[p].count > 0 else { return }
        let d = Int32(day.number)
        if waiting.rings[p].cursorDay != d { waiting.startDay(p, d) }
        let r = waiting.rings[p]
        guard r.cursor < r.count, WaitingWork.comes(r.headOrder, before: next, waitingFirst: waitingFirst) else { return }
        // Nothing done here puts work in p's list; a case of p's whose work stops counting
        // meanwhile is noted in `casesToCheck` and its pieces withdrawn below.
        var retry = waiting.beginRetry(p)
        waiting.prefetchUntried(retry)
        let nextWorkingDay = Int32(calendar.addingWorkingDays(1, to: day).number)
        // What still fits in p's day (overtime included; unlimited while the day is untouched).
        var room = diaries.room(p, day: d)
        prefetchFirstWaiting(retry, room: room, nextWorkingDay: nextWorkingDay)
        while true {
            // Pieces that simply wait are passed over in a tight loop; the rest are handled here.
            if waiting.casesToCheck.isEmpty {
                #if PROBSIM_INVARIANTS
                let keptBefore = waiting.keptCount(retry)
                var wasTried: [Bool] = []
                while let w = waiting.untried(retry, ahead: Int32(wasTried.count)) { wasTried.append(w.lastTried == d) }
                #endif
                let waited = waiting.passWaiting(&retry, before: next, waitingFirst: waitingFirst, room: room, day: d,
                                                 nextWorkingDay: nextWorkingDay, lookahead: Int32(Self.waitingLookahead),
                                                 items: items, cases: state)
                if waited > 0 { monitors.workWaited(on: day, count: waited) }
                #if PROBSIM_INVARIANTS
                checkPassedOver(p, retry, from: keptBefore, wasTried: wasTried, day)
                #endif
            }
            guard var w = waiting.untried(retry), w.comes(before: next, waitingFirst: waitingFirst) else { break }
            if let soon = waiting.untried(retry, ahead: Int32(Self.waitingLookahead)) {
                prefetchWaiting(soon, room: room, nextWorkingDay: nextWorkingDay)
            }
            waiting.take(&retry)
            if !waiting.casesToCheck.isEmpty && waiting.casesToCheck.contains(w.caseIndex)
                && !isStillWanted(w) {
                withdraw(w.item, items[Int(w.item)])
                continue
            }
            if w.lastTried != d {
                #if PROBSIM_INVARIANTS
                checkStillHeld(w, by: p, day)
                #endif
                // The piece's minutes are rounded down: if they fit, its item's exact minutes decide.
                if w.minutes <= room {
                    let exact = items[Int(w.item)].totalMinutes
                    if exact <= room, let overtime = diaries.book(p, day: d, minutes: exact) {
                        done(w.item, items[Int(w.item)], day, practitioner: p, overtime: overtime)
                        room = diaries.room(p, day: d)
                        continue
                    }
                }

                #if PROBSIM_INVARIANTS
                precondition((nextWorkingDay > w.lastDay) == isDropped(items[Int(w.item)], next: Day(number: Int(nextWorkingDay))), "invariant: waiting work's last day disagrees with the drop rule on \(day.iso)")
                precondition(diaries.book(p, day: d, minutes: items[Int(w.item)].totalMinutes) == nil, "invariant: waiting work that fits was left waiting on \(day.iso)")
                #endif
                if nextWorkingDay > w.lastDay {
                    drop(w.item, items[Int(w.item)], day)
                    continue
                }
                w.lastTried = d
                monitors.workWaited(on: day, count: 1)
            }
            waiting.keep(w, &retry)
        }
        waiting.endRetry(retry)
        // Pieces whose case stopped counting meanwhile, passed today or not yet reached.
        if !waiting.casesToCheck.isEmpty {
            var k = 0
            while k < waiting.count(of: p) {
                let w = waiting[p, k]
                if waiting.casesToCheck.contains(w.caseIndex) && !isStillWanted(w) {
                    waiting.remove(at: k, practitioner: p)
                    withdraw(w.item, items[Int(w.item)])
                } else {
                    k += 1
                }
            }
            waiting.casesToCheck.removeAll(keepingCapacity: true)
        }
        waiting.endServing(p)
    }

    #if PROBSIM_INVARIANTS
    /// A waiting piece about to be tried still counts and is in the list of its case's practitioner
    /// (withdrawals and moves took every other out when its case changed).
    func checkStillHeld(_ w: WaitingWork, by p: Int, _ day: Day) {
        let c = Int(w.caseIndex)
        precondition(isStillWanted(w), "invariant: work of case \(c) no longer wanted, left waiting on \(day.iso)")
        precondition(w.minutes == WaitingWork(order: 0, item: 0, caseIndex: 0, lastDay: 0, lastTried: 0, minutes: items[Int(w.item)].totalMinutes).minutes, "invariant: a waiting piece's minutes are not its item's, rounded down, on \(day.iso)")
        precondition(Int(state[c].practitioner) == p, "invariant: waiting work in the list of a practitioner who no longer holds its case on \(day.iso)")
    }

    /// The checks the general loop makes of a piece it leaves waiting, made of those the pass
    /// kept from `from` on (`wasTried`: whether each had been tried today before, as a piece put
    /// off today has, which the loop does not check).
    mutating func checkPassedOver(_ p: Int, _ retry: WaitingLists.Retry, from: Int32, wasTried: [Bool], _ day: Day) {
        let d = Int32(day.number), next = calendar.addingWorkingDays(1, to: day)
        var k = from
        while k < waiting.keptCount(retry) {
            let w = waiting.kept(retry, k)
            precondition(w.lastTried == d, "invariant: a piece passed over was not marked tried on \(day.iso)")
            checkStillHeld(w, by: p, day)
            if !wasTried[Int(k - from)] {
                precondition(!isDropped(items[Int(w.item)], next: next), "invariant: waiting work past its last day was passed over on \(day.iso)")
                // A booking that succeeds fails the check, so the diary is never left changed.
                precondition(diaries.book(p, day: d, minutes: items[Int(w.item)].totalMinutes) == nil, "invariant: waiting work that fits was passed over on \(day.iso)")
            }
            k += 1
        }
    }
    #endif

    /// Case `i`'s waiting work that no longer counts (its case ended, was replanned, or went to
    /// custody: ``isStillWanted(_:)``) is withdrawn now, so the daily retry need not look at cases.
    mutating func withdrawUnwantedWaitingWork(of i: Int) {
        let p = Int(state[i].practitioner)
        if p == waiting.serving {
            waiting.casesToCheck.append(Int32(i))
            return
        }
        guard p >= 0, p < waiting.rings.count, waiting.rings[p].count > 0 else { return }
        var k = 0
        while k < waiting.count(of: p) {
            let w = waiting[p, k]
            guard Int(w.caseIndex) == i, !isStillWanted(w) else { k += 1; continue }
            waiting.remove(at: k, practitioner: p)
            withdraw(w.item, items[Int(w.item)])
        }
    }

    /// Case `i`'s waiting work in p's list goes to q's (p itself after a change of RoSH), each
    /// piece at its place for the case's RoSH now, after q's waiting work of that place.
    mutating func moveWaitingWork(of i: Int, from p: Int, to q: Int) {
        guard p >= 0, p < waiting.rings.count, waiting.rings[p].count > 0 else { return }
        var moved: [WaitingWork] = []
        var k = 0
        while k < waiting.count(of: p) {
            guard Int(waiting[p, k].caseIndex) == i else { k += 1; continue }
            moved.append(waiting[p, k])
            waiting.remove(at: k, practitioner: p)
        }
        for var w in moved {
            w.order = order(of: items[Int(w.item)], rosh: state[i].rosh)
            waiting.insert(w, practitioner: q)
        }
    }

    /// The day's end: every practitioner's waiting work not yet tried today is tried.
    mutating func dayEnd(_ day: Day) {
        let d = Int32(day.number), n = waiting.rings.count
        for p in 0..<n where waiting.rings[p].count > 0 {
            if p &+ 1 < n { waiting.prefetchHead(p &+ 1, day: d) }
            serveWaiting(p, before: .max, waitingFirst: true, day)
        }
        waiting.dayEndSequence = engine.scheduledCount
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
        wantedRule(of: item).holds(generation: item.generation, state[Int(item.caseIndex)])
    }

    /// Whether waiting work still counts (the same test, on its item).
    @inline(__always) func isStillWanted(_ w: WaitingWork) -> Bool { isStillWanted(items[Int(w.item)]) }

    /// What decides whether a piece of work still counts when its turn comes.
    @inline(__always) func wantedRule(of item: WorkItem) -> WantedRule {
        item.kind.isPlanned ? .planned
            : (item.kind == .volume && !work.doneInCustody[Int(item.activity)] ? .volumeOutsideCustody : .caseActive)
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
        var item = items[Int(index)]
        item.day = Int32(calendar.workingDayOnOrAfter(day).number)
        items[Int(index)].day = item.day
        scheduleWork(index, item)
    }

    /// The day is full (overtime included): the work waits in p's list for the next working day
    /// (``serveWaiting(_:before:waitingFirst:_:)``), unless it can no longer count (conventions §10, ``isDropped(_:next:)``).
    mutating func putOff(_ index: Int32, _ item: WorkItem, _ day: Day, practitioner p: Int) {
        var item = item
        let next = calendar.addingWorkingDays(1, to: day)
        let last = lastDay(of: item)
        #if PROBSIM_INVARIANTS
        precondition((Int32(next.number) > last) == isDropped(item, next: next), "invariant: the last day of \(item.kind) disagrees with the drop rule on \(day.iso)")
        #endif
        if Int32(next.number) > last { return drop(index, item, day) }
        monitors.workDeferred(item, on: day)
        item.deferred = true
        item.day = Int32(next.number)
        items[Int(index)] = item
        let i = Int(item.caseIndex)
        waiting.putOff(WaitingWork(order: order(of: item, rosh: state[i].rosh), item: index, caseIndex: item.caseIndex,
                                   lastDay: last, lastTried: Int32(day.number),
                                   minutes: item.totalMinutes), practitioner: p, day: Int32(day.number))
    }

    /// Whether work put off to `next` can no longer count, and is dropped (conventions §10). A
    /// frequency contact past its window's end, or work with no deadline deferred for more than
    /// `workforce.max_deferral_working_days`, is dropped. Deadline work (the activity table's
    /// `waits_until_done`, or a task scored under a standard) goes late instead: statutory work
    /// until done, other work until it is more than `workforce.rationing.max_late_working_days`
    /// past its deadline, when it is dropped and its standard missed (capacity).
    func isDropped(_ item: WorkItem, next: Day) -> Bool {
        let a = Int(item.activity)
        if item.standard >= 0 || work.waitsUntilDone[a] {
            let since = Day(number: Int(item.due == Int32.max ? item.firstDay : item.due))
            return work.lateLimited[a] && next > since && calendar.workingDays(from: since, to: next) > workforce.rationing.maxLateWorkingDays
        } else if item.due == Int32.max {
            return calendar.workingDays(from: Day(number: Int(item.firstDay)), to: next) > workforce.maxDeferralWorkingDays
        }
        return Int32(next.number) > item.due
    }

    /// The last working day a piece of work may still be done on: ``isDropped(_:next:)`` holds
    /// exactly when it is put off to a day after it (Int32.max: never dropped). The n-th working
    /// day on or after a day is the last one with at most n working days before it.
    @inline(__always) func lastDay(of item: WorkItem) -> Int32 {
        let a = Int(item.activity)
        let since: Int32, limit: Int
        if item.standard >= 0 || work.waitsUntilDone[a] {
            guard work.lateLimited[a] else { return Int32.max }
            since = item.due == Int32.max ? item.firstDay : item.due
            limit = workforce.rationing.maxLateWorkingDays
        } else if item.due == Int32.max {
            since = item.firstDay
            limit = workforce.maxDeferralWorkingDays
        } else {
            return item.due
        }
        return Int32(calendar.addingWorkingDays(limit, to: calendar.workingDayOnOrAfter(Day(number: Int(since)))).number)
    }

    /// Work that can no longer count is dropped on `day`: unmet demand, and its standard, if it has one, missed (capacity).
    mutating func drop(_ index: Int32, _ item: WorkItem, _ day: Day) {
        let s = state[Int(item.caseIndex)]
        monitors.workDropped(item, on: day, grade: diaries.grade[Int(s.practitioner)], givesWay: work.classOfUrgency[Int(work.urgency(item, rosh: s.rosh))])
        if item.standard >= 0 {
            let dueDay = Day(number: Int(min(item.due, Int32(scenario.end.number - 1))))
            monitors.standardScored(Int(item.caseIndex), code: Int(item.standard), name: nil, outcome: .missedCapacity, due: dueDay, task: nil, demand: nil)
        }
        freeWork(index)
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
        item.mainMinutes = byOther ? 0 : Float(max(0, work.drawMinutes(a, keyed)))
        item.recordMinutes = work.records[a] && !byOther ? Float(max(0, work.drawMinutes(work.recording, keyed))) : 0
        item.travelMinutes = work.travels[a] ? Float(max(0, work.drawMinutes(work.travel, keyed))) : 0
    }
}
