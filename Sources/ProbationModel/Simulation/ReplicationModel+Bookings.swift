import SimulationCore

/// Handing a case's plan to the diary, and the pool of work items waiting in it.
extension ReplicationModel {
    /// Hands the plan's bookings before `limit` to the diary.
    mutating func scheduleBookings(_ i: Int, before limit: Day) {
        let limitDay = Int32(limit.number)
        if state[i].nextBooking >= limitDay { return }   // nothing due this month: skip the plan
        var c = Int(state[i].cursor)
        // Read in place rather than through a local copy of the list, whose retain and release
        // were 1.5% of a calibrated tenth of national. addWork does not touch bookings, so the
        // count read here holds through the loop.
        let count = bookings[i].count
        let start = Int32(scenario.start.number)
        while c < count {
            let b = bookings[i][c]
            guard b.day < limitDay else { break }
            c += 1
            if b.day < start { continue }
            addWork(i, kind: b.kind, day: Day(number: Int(b.day)), due: b.due == Int32.max ? nil : Day(number: Int(b.due)), standard: -1)
        }
        state[i].cursor = Int32(c)
        state[i].nextBooking = c < count ? bookings[i][c].day : Int32.max
    }

    /// Moves a fresh plan's bookings into the compact per-case list.
    mutating func takeBookings(_ i: Int) {
        bookings[i] = plans[i].bookings.map { Booking(day: Int32($0.day.number), due: Int32($0.due?.number ?? Int(Int32.max)), kind: WorkKind($0.kind)) }
        plans[i].bookings = []
        state[i].timelineStart = Int32(plans[i].timeline.whole.start.number)
        noteBookingStorage(i)
        state[i].cursor = 0
        state[i].nextBooking = Int32.min
    }

    /// Puts a piece of work in the case practitioner's diary for a day. Its activity row is the
    /// one its kind books, or `activity` for volume work.
    mutating func addWork(_ i: Int, kind: WorkKind, day: Day, due: Day?, standard: Int16, rebooks: UInt8 = 0, activity: UInt8? = nil) {
        let item = WorkItem(caseIndex: Int32(i), kind: kind, rebooks: rebooks, deferred: false,
                            activity: activity ?? work.activityOfKind[Int(kind.rawValue)], standard: standard,
                            practitionerHint: WorkItem.hint(practitioner: state[i].practitioner),
                            generation: state[i].generation, day: Int32(day.number), due: Int32(due?.number ?? Int(Int32.max)),
                            firstDay: Int32(day.number), ordinal: 0, mainMinutes: -1, recordMinutes: 0, travelMinutes: 0)
        let index: Int32
        if let f = freeItems.popLast() {
            index = f
            items[Int(f)] = item
            // The next free slot is asked for now: usually the next new item's, and always within a
            // month's bookings, which write several items in a row with none freed between. Writing
            // a whole item into a cold slot stalled later code (most likely the store buffer
            // filling: the stall showed at the next calls and returns; the queue's `pushSlow` was
            // 8.6% of a calibrated tenth, 3.5% with this). A tenth went from 37.1 to 34.8 µs a
            // case-year (10 alternate rounds, faster in 8) and national for a year from 51.4 to
            // 49.3 (5 rounds, faster in all): docs/performance-history.md, tenth session.
            if let g = freeItems.last { CacheHint.element(items, Int(g)) }
        } else {
            index = Int32(items.count)
            items.append(item)
        }
        scheduleWork(index, item)
    }

    /// Schedules work item `index` (whose value is `item`) for its day. The value is passed in
    /// rather than read back: reading the just-written element stalled on its cold cache line
    /// (88% of this function's time in `perf annotate`, 7.9% of a calibrated tenth).
    @inline(__always) mutating func scheduleWork(_ index: Int32, _ item: WorkItem) {
        let rosh = state[Int(item.caseIndex)].rosh
        engine.schedule(at: Double(item.day), priority: ModelPriority.work(urgency: work.urgency(item, rosh: rosh), daysToDue: item.due &- item.day, rosh: rosh),
                        kind: ModelEvent.work.rawValue, subject: UInt32(index))
    }

    mutating func freeWork(_ index: Int32) {
        items[Int(index)].caseIndex = -1
        freeItems.append(index)
    }
}
