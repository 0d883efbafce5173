import SimulationCore

/// Cases joining and leaving the caseload, allocation and WMT points, and handing their plans to the diary.
extension ReplicationModel {
    mutating func arrive(_ i: Int, _ day: Day) {
        let spec = specs[i]
        let whole = plans[i].timeline.whole
        guard whole.end > day else { return }
        if weekIndex >= 0 { result.cases += 1 }
        state[i].active = true
        state[i].activeSlot = Int32(active.count)
        active.append(Int32(i))
        let p = allocate(i, rosh: spec.rosh)
        state[i].practitioner = Int32(p)
        addPoints(i)
        let cut: Day? = spec.start < day ? day : nil
        plans[i] = planner.plan(spec, from: cut)
        takeBookings(i)
        if traced(i) { note(day, "joins the caseload: \(spec.type.rawValue), tier \(spec.tier), \(spec.rosh.rawValue) RoSH, flags [\(spec.flags.map(\.rawValue).sorted().joined(separator: ", "))]; phases " +
              plans[i].timeline.segments.map { "\($0.phase.rawValue) \($0.period.start.iso)..\($0.period.end.iso)" }.joined(separator: ", ") +
              "; practitioner \(p) (\(diaries.grade[p].rawValue))") }
        for s in plans[i].suspended { if traced(i) { note(day, "planned contact suspended \(s.start.iso)..\(s.end.iso)") } }
        scheduleBookings(i, before: day.firstOfNextMonth)
        engine.schedule(at: Double(whole.end.number), priority: ModelPriority.caseEnd, kind: ModelEvent.caseEnd.rawValue, subject: UInt32(i))
    }

    mutating func allocate(_ i: Int, rosh: RoSH) -> Int {
        if diaries.count <= 256 { return diaries.allocate(rosh: rosh) { _ in 0 } }
        reseed(i, .allocation, UInt64(state[i].ordinal))
        state[i].ordinal &+= 1
        let rng = keyed
        return diaries.allocate(rosh: rosh) { n in rng.integer(below: n) }
    }

    mutating func addPoints(_ i: Int) {
        let spec = specs[i]
        let pts = wmt.points(tier: Int(state[i].tier), type: spec.type, inCustody: state[i].inCustody, standaloneUPW: spec.isStandaloneUPW)
        state[i].points = pts
        let p = Int(state[i].practitioner)
        diaries.points[p] += pts
        diaries.caseCount[p] += 1
    }

    mutating func removePoints(_ i: Int) {
        let p = Int(state[i].practitioner)
        diaries.points[p] -= state[i].points
        diaries.caseCount[p] -= 1
    }

    mutating func endCase(_ i: Int, _ day: Day) {
        guard state[i].active else { return }
        if traced(i) { note(day, "supervision ends") }
        scoreStandards(i)
        removePoints(i)
        state[i].active = false
        state[i].ended = true
        let slot = Int(state[i].activeSlot)
        let last = active.removeLast()
        if slot < active.count {
            active[slot] = last
            state[Int(last)].activeSlot = Int32(slot)
        }
        held.release(&state[i].heldHead)
        unacceptable[i] = []
        bookings[i] = []            // a finished case keeps no plan in memory
        plans[i].suspended = []
    }

    /// Hands the plan's bookings before `limit` to the diary.
    mutating func scheduleBookings(_ i: Int, before limit: Day) {
        let limitDay = Int32(limit.number)
        if state[i].nextBooking >= limitDay { return }   // nothing due this month: skip the plan
        var c = Int(state[i].cursor)
        let list = bookings[i]   // one reference for the loop (addWork does not touch bookings)
        let count = list.count
        let start = Int32(scenario.start.number)
        while c < count {
            let b = list[c]
            guard b.day < limitDay else { break }
            c += 1
            if b.day < start { continue }
            addWork(i, kind: b.kind, day: Day(number: Int(b.day)), due: b.due == Int32.max ? nil : Day(number: Int(b.due)), standard: -1)
        }
        state[i].cursor = Int32(c)
        state[i].nextBooking = c < count ? list[c].day : Int32.max
    }

    /// Moves a fresh plan's bookings into the compact per-case list.
    mutating func takeBookings(_ i: Int) {
        bookings[i] = plans[i].bookings.map { Booking(day: Int32($0.day.number), due: Int32($0.due?.number ?? Int(Int32.max)), kind: WorkKind($0.kind)) }
        plans[i].bookings = []
        state[i].cursor = 0
        state[i].nextBooking = Int32.min
    }

    /// Puts a piece of work in the case practitioner's diary for a day.
    mutating func addWork(_ i: Int, kind: WorkKind, day: Day, due: Day?, standard: Int16, rebooks: UInt8 = 0) {
        let item = WorkItem(caseIndex: Int32(i), kind: kind, rebooks: rebooks, deferred: false, standard: standard,
                            generation: state[i].generation, day: Int32(day.number), due: Int32(due?.number ?? Int(Int32.max)),
                            firstDay: Int32(day.number), ordinal: 0, mainMinutes: -1, recordMinutes: 0, travelMinutes: 0)
        let index: Int32
        if let f = freeItems.popLast() {
            index = f
            items[Int(f)] = item
        } else {
            index = Int32(items.count)
            items.append(item)
        }
        scheduleWork(index)
    }

    mutating func scheduleWork(_ index: Int32) {
        let item = items[Int(index)]
        let rosh = state[Int(item.caseIndex)].rosh
        engine.schedule(at: Double(item.day), priority: ModelPriority.work(daysToDue: item.due &- item.day, rosh: rosh),
                        kind: ModelEvent.work.rawValue, subject: UInt32(index))
    }

    mutating func freeWork(_ index: Int32) {
        items[Int(index)].caseIndex = -1
        freeItems.append(index)
    }
}
