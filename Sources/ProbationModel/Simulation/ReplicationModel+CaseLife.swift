import SimulationCore
import ProbationRules

/// A case's life, in the order it happens: it joins the caseload and is planned; each month its
/// risk may change (a replan); on licence it may be recalled to custody and re-released (a
/// replan: ``ReplicationModel+Recall.swift``); its supervision ends and its standards are scored. The diary's mechanics are apart
/// (``work(_:_:)``), and so is what the model measures (the monitors).
extension ReplicationModel {
    /// Case `i` joins the caseload: allocated, planned (from today if it started before), its
    /// first month of bookings handed to the diary, and its end scheduled.
    mutating func arrive(_ i: Int, _ day: Day) {
        let spec = specs[i]
        let whole = plans[i].timeline.whole
        guard whole.end > day else { return }
        state[i].active = true
        state[i].activeSlot = Int32(active.count)
        active.append(Int32(i))
        let p = allocate(i, rosh: spec.rosh)
        state[i].practitioner = Int32(p)
        let cut: Day? = plans[i].timeline.whole.start < day ? day : nil
        plans[i] = planner.plan(spec, from: cut, until: planHorizon)
        state[i].phaseEnd = Int32.min
        // The court's pre-sentence report, for a sentence passed during the run: a community or
        // suspended sentence order at its start, a custodial sentence at its sentence date (the
        // custody phase's start; without the phase a licence case's sentence is not simulated).
        let sentenced = plans[i].timeline.whole.start
        if sentenced >= scenario.start && (spec.type != .licence || plans[i].timeline.release != nil) { writeCourtReport(i, on: sentenced) }
        let release = plans[i].timeline.release
        if let r = release, day < r { state[i].preRelease = true }
        let handover = plans[i].handover
        if let h = handover, h.pomHeld, day < h.comAllocated { state[i].pomHeld = true }
        addPoints(i)
        takeBookings(i)
        monitors.caseJoined(i, on: day, spec: spec, plan: plans[i], practitioner: p, grade: diaries.grade[p])
        scheduleBookings(i, before: day.firstOfNextMonth)
        engine.schedule(at: Double(whole.end.number), priority: ModelPriority.caseEnd, kind: ModelEvent.caseEnd.rawValue, subject: UInt32(i))
        if state[i].preRelease, let r = release, r < scenario.end {
            engine.schedule(at: Double(r.number), priority: ModelPriority.arrival, kind: ModelEvent.release.rawValue, subject: UInt32(i))
        }
        if state[i].pomHeld, let h = handover, h.comAllocated < scenario.end {
            engine.schedule(at: Double(h.comAllocated.number), priority: ModelPriority.arrival, kind: ModelEvent.comAllocation.rawValue, subject: UInt32(i))
        }
        if state[i].preRelease, let r = release { bookParoleReport(i, day, release: r, allocated: handover?.comAllocated) }
    }

    /// The day from which a plan's bookings would never reach a diary, so are not planned: the
    /// first of the month after the run's end (bookings are handed over a month at a time, the
    /// last month's at its start, before the end). Planning only to here cut the planner's
    /// instructions by a quarter on a one-year run of a twentieth of national (cases run on for years).
    var planHorizon: Day { scenario.end.firstOfNextMonth }

    /// A share of custody cases (`caseload.parole_report_share`, drawn once per case) have a parole
    /// report: booked `parole_report_weeks_before_release` weeks before release (no earlier than
    /// today or COM allocation), due the day before release.
    mutating func bookParoleReport(_ i: Int, _ day: Day, release: Day, allocated: Day?) {
        let share = scenario.caseload.paroleReportShare
        guard share > 0 else { return }
        reseed(i, .outcome, KeyedDraws.paroleReport)
        guard keyed.uniform() < share else { return }
        let from = max(day, release.adding(days: -7 * scenario.caseload.paroleReportWeeksBeforeRelease), allocated ?? day)
        let due = release.adding(days: -1)
        guard from < scenario.end else { return }
        addWork(i, kind: .paroleReport, day: calendar.workingDayOnOrAfter(min(from, due)), due: due, standard: -1)
    }

    /// Case `i`, held by a POM, is allocated to a COM: to the practitioner allocation picks today
    /// (by WMT load), whose caseload and points it joins.
    mutating func comAllocation(_ i: Int, _ day: Day) {
        guard state[i].active, state[i].pomHeld else { return }
        state[i].pomHeld = false
        let before = Int(state[i].practitioner)
        state[i].practitioner = Int32(allocate(i, rosh: state[i].rosh))
        if before >= 0 { moveWaitingWork(of: i, from: before, to: Int(state[i].practitioner)) }
        addPoints(i)
        monitors.comAllocated(i, on: day)
    }

    /// Case `i` leaves the custody phase: released on licence (its plan already runs on from here).
    mutating func release(_ i: Int, _ day: Day) {
        guard state[i].active, state[i].preRelease else { return }
        removePoints(i)
        state[i].preRelease = false
        addPoints(i)
        monitors.released(i, on: day)
        scheduleBookings(i, before: day.firstOfNextMonth)
    }

    /// The court team's pre-sentence report for case `i`, sentenced on `day` during the run: one
    /// with probability `reports_per_sentence`, its kind drawn from the mix (keyed by the case).
    mutating func writeCourtReport(_ i: Int, on day: Day) {
        let team = workforce.courtTeam
        guard work.court != nil, team.reportsPerSentence > 0 else { return }
        reseed(i, .court, KeyedDraws.courtReport)
        guard keyed.uniform() < team.reportsPerSentence else { return }
        let total = CourtReportKind.allCases.reduce(0.0) { $0 + (team.mix[$1] ?? 0) }
        var u = keyed.uniform() * total
        var kind = CourtReportKind.standard
        for k in CourtReportKind.allCases {
            u -= team.mix[k] ?? 0
            if u < 0 { kind = k; break }
        }
        monitors.courtReport(i, on: day, kind: kind, minutes: (team.hours[kind] ?? 0) * 60)
    }

    /// Case `i`'s month: a RoSH transition, flag hazards and volume work, always the same draws
    /// in the same order (keyed by case and month); a change of risk replans the case.
    @inline(__always) mutating func monthTick(_ i: Int, _ day: Day, monthKey: UInt64, next: Day) {
        reseed(i, .month, monthKey)
        var rosh = state[i].rosh
        let u = keyed.uniform()
        var acc = 0.0
        for (to, p) in roshRows[rosh.rank] {
            acc += p
            if u < acc { rosh = to; break }
        }
        var bits = state[i].flagBits
        for (flag, p) in hazards where keyed.uniform() < p { bits |= 1 << CohortFlag.allCases.firstIndex(of: flag)! }
        bookVolumeWork(i, day, next: next)
        if (rosh != state[i].rosh || bits != state[i].flagBits) && day > scenario.start {
            var spec = specs[i]
            spec.rosh = rosh
            for (k, f) in CohortFlag.allCases.enumerated() where bits & (1 << k) != 0 { spec.flags.insert(f) }
            changeRisk(i, to: spec, on: day)
        }
        scheduleBookings(i, before: next)
        recallHazard(i, day, monthKey: monthKey)
    }

    /// Case `i`'s RoSH or flags change: reallocated if its PSO may not hold it, reinstated if it
    /// becomes exempt during a suspension, and replanned from today.
    mutating func changeRisk(_ i: Int, to spec: CaseSpec, on day: Day) {
        let old = specs[i]
        specs[i] = spec
        masks[i] = CaseMasks(spec)
        state[i].custodyMonths = UInt16(clamping: spec.custodyMonths ?? 0)
        state[i].rosh = spec.rosh
        state[i].flagBits = ReplicationModel.bits(spec.flags)
        monitors.riskChanged(i, on: day, from: old, to: spec)
        bookTriggeredWork(i, .riskChange, on: day)
        let p = Int(state[i].practitioner)
        if !diaries.mayHold(p, rosh: spec.rosh) {
            removePoints(i)
            let q = allocate(i, rosh: spec.rosh)
            state[i].practitioner = Int32(q)
            addPoints(i)
            moveWaitingWork(of: i, from: p, to: q)
            monitors.reallocated(i, on: day, to: q, grade: diaries.grade[q], leaver: nil)
        } else if old.rosh != spec.rosh {
            // Its waiting work takes its place for the new RoSH.
            moveWaitingWork(of: i, from: p, to: p)
        }
        // Reinstatement: a case that becomes exempt while suspended stays reinstated.
        let suspendedNow = plans[i].suspended.contains { $0.contains(day) }
        if suspendedNow && isExempt(spec) {
            state[i].suspensionLifted = true
            monitors.reinstated(i, on: day)
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

    @inline(__always) func isExempt(_ spec: CaseSpec) -> Bool {
        regime.rules.contains { rule in
            if case .suspension(_, let ex, _, _) = rule.requirement { return ex.contains { $0.holds(for: spec) } }
            return false
        }
    }

    /// A regime timeline's change on `day`: stage `k`'s regime is put in force and every case on
    /// the books outside custody after a recall is replanned under it from today (a case in
    /// custody after a recall is replanned under it at re-release); overdue deadline work in the
    /// diaries stays. Cases joining later are planned under it.
    mutating func changeRegime(_ k: Int, _ day: Day) {
        guard k < stages.count else { return }
        enter(stages[k].regime)
        var n = 0
        while n < active.count {
            let i = Int(active[n])
            n += 1
            if state[i].inCustody { continue }
            monitors.replannedUnder(i, regime: regime.name, on: day)
            replan(i, from: day, regimeChange: true)
        }
        // Deadline work already overdue and waiting in a diary is still owed: it stays in the
        // new plan (a replan rebooks only deadlines not yet due), so the change drops no late work.
        let today = Int32(day.number)
        for k in items.indices {
            let item = items[k]
            guard item.caseIndex >= 0, item.kind.isPlanned, item.due < today, work.waitsUntilDone[Int(item.activity)] else { continue }
            let s = state[Int(item.caseIndex)]
            if s.active && !s.inCustody && item.generation &+ 1 == s.generation { items[k].generation = s.generation }
        }
        // What the new plans no longer want of the waiting work is withdrawn.
        for k in active.array { withdrawUnwantedWaitingWork(of: Int(k)) }   // a snapshot: the loop may not see the list change
    }

    /// Replaces the plan from `day` on, keeping the standards whose windows started before it.
    /// A deadline whose trigger came before the replan and which is not yet met is booked again
    /// (the old plan's work is dropped), so it is not scored missed for want of a booking.
    ///
    /// At a timeline's change (`regimeChange`), a window of the old regime that is still open
    /// (started before today, ending after it) is the new regime's instead: the old one is
    /// withdrawn and the new regime's windows containing today are scored in its place, so a
    /// window falling due after the change is scored under the new regime (a case the new regime
    /// suspends has it not applicable). Deadlines keep the regime in force when their clock started
    /// (rebooked as after any replan).
    mutating func replan(_ i: Int, from day: Day, releasedOn: Day? = nil, regimeChange: Bool = false) {
        var kept = plans[i].standards.filter { instance in
            switch instance.demand {
            case .deadline(_, let from, _): return from < day
            case .count(let w, _, _), .homeVisit(let w): return w.start < day
            }
        }
        if regimeChange {
            var open: [Period] = []
            kept.removeAll { instance in
                switch instance.demand {
                case .deadline: return false
                case .count(let w, _, _), .homeVisit(let w):
                    guard w.end > day else { return false }
                    open.append(w)
                    return true
                }
            }
            if !open.isEmpty {
                // The new regime's windows containing today, where the old regime had one open.
                let whole = planner.plan(specs[i], until: planHorizon, suspensionLifted: state[i].suspensionLifted)
                for s in whole.standards {
                    switch s.demand {
                    case .deadline: continue
                    case .count(let w, _, _), .homeVisit(let w):
                        if w.start < day && w.end > day && open.contains(where: { $0.overlap(w) > 0 }) { kept.append(s) }
                    }
                }
            }
        }
        var fresh = planner.plan(specs[i], from: day, until: planHorizon, releasedOn: releasedOn, suspensionLifted: state[i].suspensionLifted)
        if regimeChange {
            // A deadline whose clock starts on or after the change from work the old plan had
            // already set in train (a sentence plan from a first appointment booked for the change
            // day or later) is not in a plan cut at the change: kept, if the new regime has the
            // standard too, and booked from its trigger.
            let ids = Set(regime.standards.map(\.id))
            for s in plans[i].standards {
                guard case .deadline(_, let from, _) = s.demand, from >= day, ids.contains(s.standard),
                      !fresh.standards.contains(where: { $0.code == s.code }) else { continue }
                kept.append(s)
            }
        }
        held.contacts(from: state[i].heldHead, into: &scoringContacts)
        var rebooked = false
        for s in kept where s.applicable {
            guard case .deadline(let kind, let from, let due) = s.demand, due >= day,
                  StandardScorer.outcome(s, contacts: scoringContacts) == .missedCapacity else { continue }
            fresh.bookings.append(PlannedContact(day: calendar.workingDayOnOrAfter(max(day, from)), kind: kind, rule: s.standard, due: due))
            rebooked = true
        }
        if rebooked { PlannedContact.sortByDayAndKind(&fresh.bookings) }
        fresh.standards = kept + fresh.standards
        plans[i] = fresh
        state[i].phaseEnd = Int32.min
        takeBookings(i)
        state[i].generation &+= 1
        // (A timeline's change withdraws once it has kept the late work still owed: changeRegime.)
        if !regimeChange { withdrawUnwantedWaitingWork(of: i) }
        scheduleBookings(i, before: day.firstOfNextMonth)
    }

    /// Case `i`'s supervision ends: its standards are scored and it leaves the caseload.
    mutating func endCase(_ i: Int, _ day: Day) {
        guard state[i].active else { return }
        monitors.caseLeft(i, on: day)
        scoreStandards(i)
        removePoints(i)
        state[i].active = false
        state[i].ended = true
        withdrawUnwantedWaitingWork(of: i)
        let slot = Int(state[i].activeSlot)
        let last = active.removeLast()
        if slot < active.count {
            active[slot] = last
            state[Int(last)].activeSlot = Int32(slot)
        }
        held.release(&state[i].heldHead)
        unacceptable[i] = []
        bookings[i] = []            // a finished case keeps no plan in memory
        bookingStorage[i] = nil
        plans[i].suspended = []
    }

    /// Scores every standard of case `i` whose due day is in the measured period.
    mutating func scoreStandards(_ i: Int) {
        held.contacts(from: state[i].heldHead, into: &scoringContacts)
        let contacts = scoringContacts
        for s in plans[i].standards {
            let dueDay: Day
            switch s.demand {
            case .deadline(_, _, let due): dueDay = due
            case .count(let w, _, _), .homeVisit(let w): dueDay = w.end.adding(days: -1)
            }
            guard inMeasured(dueDay) else { continue }
            let outcome = StandardScorer.outcome(s, contacts: contacts)
            monitors.standardScored(i, code: Int(s.code), name: s.code >= 0 ? nil : s.standard, outcome: outcome, due: dueDay, task: nil, demand: s.demand)
        }
        plans[i].standards = []
    }

    /// The first of a month: every active case outside custody has its month (risk, volume work,
    /// the month's bookings handed to the diary); a case before release has only its bookings.
    mutating func monthStart(_ day: Day) {
        let monthKey = KeyedDraws.month(day)
        if hasCohorts {
            diaries.applyReductions(monthsFromStart: Double(day.monthOrdinal - scenario.start.monthOrdinal))
        }
        if hasAttrition && day > scenario.start { attrition(day, monthKey: monthKey) }   // at each month start after the first
        let next = day.firstOfNextMonth
        var k = 0
        while k < active.count {
            let i = Int(active[k])
            // The active list is in no order of case: ask ahead for the state and bookings of the cases a few places on.
            if k &+ 8 < active.count { prefetchCase(Int(active[k &+ 8])) }
            if k &+ 4 < active.count { prefetchBookings(Int(active[k &+ 4])) }
            k += 1
            if state[i].inCustody { continue }
            // Before release: only the month's bookings (contact in custody), no risk changes or volume work.
            if state[i].preRelease { scheduleBookings(i, before: next); continue }
            monthTick(i, day, monthKey: monthKey, next: next)
        }
    }
}
