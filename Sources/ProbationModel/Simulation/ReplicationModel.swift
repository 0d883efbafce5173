import SimulationCore

/// Event codes of the model (the `kind` of an engine event).
enum ModelEvent: UInt16 {
    /// The first of a month (and the simulation start): risk changes, reactive work, the month's bookings.
    case monthStart
    /// A case joins the caseload (subject: case index).
    case arrival
    /// A piece of diary work falls due (subject: work item index).
    case work
    /// A recalled case is re-released (subject: case index).
    case reRelease
    /// A case's supervision ends (subject: case index).
    case caseEnd
    /// A week of measurement starts.
    case weekStart
}

/// Named priorities: what happens first on the same day (lower first).
///
/// Month start, then arrivals and re-releases, then diary work in order of urgency (nearest
/// standard deadline first, then higher RoSH), then case ends, then the weekly measurement.
enum ModelPriority {
    static let monthStart = EventPriority(0)
    static let arrival = EventPriority(10)
    static let workBase: UInt16 = 100
    static let caseEnd = EventPriority(60_000)
    static let weekStart = EventPriority(61_000)

    /// A work item's priority from days to its deadline (capped at 3,000) and the case's RoSH.
    static func work(daysToDue: Int32, rosh: RoSH) -> EventPriority {
        let days = UInt16(max(0, min(3000, Int(daysToDue))))
        return EventPriority(workBase + days * 4 + UInt16(3 - rosh.rank))
    }
}

/// A case as the simulation holds it, in an array indexed by case number.
struct CaseState {
    var practitioner: Int32 = -1
    var tier: UInt8 = 9
    var active = false
    var inCustody = false
    var suspensionLifted = false
    var ended = false
    /// Bumped on every replan or recall; planned work of an older generation is dropped.
    var generation: UInt32 = 0
    /// Next booking of the plan to hand to the diary, and its day (Int32.max: none; Int32.min: unknown).
    var cursor: Int32 = 0
    var nextBooking: Int32 = Int32.min
    /// Keyed-draw counter for this case's work.
    var ordinal: UInt32 = 0
    /// Its position in the active list.
    var activeSlot: Int32 = -1
    var points: Double = 0
    /// Current RoSH and cohort flags (bit k = CohortFlag.allCases[k]), mirrored from the spec for the hot path.
    var rosh: RoSH = .medium
    var flagBits: UInt8 = 0
    /// Probability of attending a booked contact (by tier letter).
    var attendance: Double = 0.9
    /// The day supervision ends (exclusive).
    var supervisionEnd: Int32 = 0
    /// The day the current (re-)release or sentence supervision began, for counting.
    var measuredOnce = false
}

/// Simulates one regime over one replication's caseload: the diary, behaviour and measures.
///
/// Driven by the core ``Simulator``; all state is in arrays of values indexed by case, work item
/// and practitioner. Every random draw is keyed by (seed, replication, case, purpose, ordinal), so
/// two regimes in the same replication see the same people behave the same way where their plans
/// agree (common random numbers).
struct ReplicationModel {
    let scenario: Scenario
    let regime: Regime
    let replication: Int
    let calendar: WorkingDayCalendar
    let planner: ContactPlanner
    let wmt = WMTPoints.published
    /// Regime rules of the kinds the diary acts on.
    let enforcementRules: [RegimeRule]
    let recallRules: [RegimeRule]
    /// Standard ids by code: the planner's, then the four task standards.
    let standardNames: [String]
    /// Code of the first task standard (enforcement-letter); task items carry 0...3 from it.
    let taskStandardBase: Int
    let measuredWeekCount: Int
    /// Outcome counts by standard code, flat by (week × 5 + outcome); filled on first use.
    var tallies: [[Int32]]

    var engine: Simulator
    var diaries: Diaries
    var keyed: RandomStream
    let keyBase: UInt64

    var specs: [CaseSpec] = []
    var entries: [Day] = []
    var state: [CaseState] = []
    var plans: [ContactPlan] = []
    /// Each case's bookings in compact form (12 bytes each, no strings); the plan's own list is
    /// dropped once copied here.
    var bookings: [[Booking]] = []
    var held: [[HeldContact]] = []
    var unacceptable: [[Day]] = []
    var active: [Int32] = []

    /// Monthly RoSH transitions by RoSH rank, and flag hazards, read once.
    var roshRows: [[(RoSH, Double)]] = []
    var hazards: [(CohortFlag, Double)] = []

    static func bits(_ flags: Set<CohortFlag>) -> UInt8 {
        var b: UInt8 = 0
        for (k, f) in CohortFlag.allCases.enumerated() where flags.contains(f) { b |= 1 << k }
        return b
    }

    var items: [WorkItem] = []
    var freeItems: [Int32] = []

    var result: ReplicationResult
    var weekIndex = -1
    /// Minutes by activity this week and in the whole measured period, and by grade (PO, PSO):
    /// fixed-size inline storage, so adding to them costs no array bookkeeping.
    var currentWeek = InlineArray<13, Double>(repeating: 0)
    var minutesDone = InlineArray<13, Double>(repeating: 0)
    var gradeMinutes = InlineArray<2, Double>(repeating: 0)
    var backlogMinutes = 0.0
    /// When set, every event is described here (for `probsim trace`).
    var traceCase: Int32 = -1
    var traceLines: [String] = []

    init(scenario: Scenario, regime: Regime, replication: Int, cases: [GeneratedCase], calendar: WorkingDayCalendar) throws {
        self.scenario = scenario
        self.regime = regime
        self.replication = replication
        self.calendar = calendar
        planner = ContactPlanner(regime: regime, options: scenario.reading, professionalJudgement: scenario.professionalJudgement, calendar: calendar)
        enforcementRules = regime.rules.filter { if case .enforcement = $0.requirement { return true } else { return false } }
        recallRules = regime.rules.filter { if case .recall = $0.requirement { return true } else { return false } }
        taskStandardBase = planner.standardIDs.count
        standardNames = planner.standardIDs + ["enforcement-letter", "enforcement-decision", "enforcement-breach", "recall-action"]
        measuredWeekCount = scenario.warmupEnd.days(to: scenario.end) / 7 + 1
        tallies = Array(repeating: [], count: standardNames.count)
        engine = Simulator(start: Double(scenario.start.number))
        var workforce = scenario.workforce
        if regime.workforceScale != 1 {
            for k in workforce.practitioners.indices {
                workforce.practitioners[k].count = Int((Double(workforce.practitioners[k].count) * regime.workforceScale).rounded())
            }
            if !workforce.practitioners.contains(where: { $0.count > 0 && $0.grade == .PO }), let k = workforce.practitioners.firstIndex(where: { $0.grade == .PO }) {
                workforce.practitioners[k].count = 1
            }
        }
        diaries = Diaries(workforce)
        keyed = try RandomStream(keyed: ())
        keyBase = StreamKey.mix(StreamKey.mix(scenario.seed ^ 0x5eed) ^ UInt64(replication))
        result = ReplicationResult(regime: regime.name, replication: replication)
        specs = cases.map(\.spec)
        entries = cases.map(\.entry)
        state = Array(repeating: CaseState(), count: cases.count)
        plans.reserveCapacity(cases.count)
        held = Array(repeating: [], count: cases.count)
        bookings = Array(repeating: [], count: cases.count)
        unacceptable = Array(repeating: [], count: cases.count)
        for (i, c) in cases.enumerated() {
            state[i].tier = UInt8(WMTPoints.tierIndex(c.spec.tier))
            state[i].rosh = c.spec.rosh
            state[i].flagBits = ReplicationModel.bits(c.spec.flags)
            state[i].attendance = scenario.behaviour.attendance[c.spec.tierLetter] ?? 0.9
            let timeline = CaseTimeline(c.spec, options: scenario.reading)
            state[i].supervisionEnd = Int32(timeline.whole.end.number)
            plans.append(ContactPlan(caseID: c.spec.id, timeline: timeline, bookings: [], standards: [], suspended: []))
        }
        roshRows = RoSH.allCases.map { scenario.behaviour.roshMonthly[$0] ?? [] }
        hazards = [CohortFlag.mappa, .nsd, .childProtection].map { ($0, scenario.behaviour.monthlyHazards[$0] ?? 0) }
    }

    // MARK: keyed draws

    /// Purposes of keyed draws.
    enum Purpose: UInt64 { case work = 1, outcome, month, allocation }

    /// Reseeds the keyed stream for (case, purpose, ordinal).
    mutating func reseed(_ caseIndex: Int, _ purpose: Purpose, _ ordinal: UInt64) {
        keyed.reseed(StreamKey.mix(keyBase ^ (UInt64(caseIndex) << 20) ^ (purpose.rawValue << 56)) ^ ordinal)
    }

    // MARK: running

    /// Runs the replication and returns its measures (or nil when `shouldStop` turned true;
    /// it is asked every 65,536 events, so an interruption is prompt).
    mutating func run(shouldStop: () -> Bool = { false }, progress: (Double) -> Void = { _ in }) -> ReplicationResult? {
        let end = Double(scenario.end.number)
        engine.schedule(at: Double(scenario.start.number), priority: ModelPriority.monthStart, kind: ModelEvent.monthStart.rawValue, subject: 0)
        var month = scenario.start.firstOfNextMonth
        while month < scenario.end {
            engine.schedule(at: Double(month.number), priority: ModelPriority.monthStart, kind: ModelEvent.monthStart.rawValue, subject: 0)
            month = month.firstOfNextMonth
        }
        // Whole weeks only: a last part-week is not a week of hours (its start only closes the week before).
        var week = scenario.warmupEnd
        while week < scenario.end {
            engine.schedule(at: Double(week.number), priority: ModelPriority.weekStart, kind: ModelEvent.weekStart.rawValue, subject: 0)
            week = week.adding(days: 7)
        }
        for i in 0..<specs.count where entries[i] < scenario.end {
            engine.schedule(at: Double(entries[i].number), priority: ModelPriority.arrival, kind: ModelEvent.arrival.rawValue, subject: UInt32(i))
        }
        var sinceCheck = 0
        while let t = engine.nextTime, t < end {
            guard let e = engine.step() else { break }
            handle(e)
            sinceCheck &+= 1
            if sinceCheck & 0xFFFF == 0 {
                if shouldStop() { return nil }
                progress((t - Double(scenario.start.number)) / (end - Double(scenario.start.number)))
            }
        }
        finishWeek()
        for i in 0..<state.count where state[i].active { scoreStandards(i) }
        // Work still waiting at the end was demanded but not done.
        for item in items where item.mainMinutes >= 0 && item.caseIndex >= 0 && item.day < Int32(scenario.end.number) {
            result.demandMinutes += item.totalMinutes
        }
        publishTallies()
        result.minutesByActivity = (0..<13).map { minutesDone[$0] }
        result.minutesByGrade = [gradeMinutes[0], gradeMinutes[1]]
        result.events = engine.processedCount
        result.casesSimulated = specs.count
        return result
    }

    mutating func handle(_ e: Event) {
        let day = Day(number: Int(e.time))
        switch ModelEvent(rawValue: e.kind)! {
        case .monthStart: monthStart(day)
        case .arrival: arrive(Int(e.subject), day)
        case .work: work(Int32(e.subject), day)
        case .reRelease: reRelease(Int(e.subject), day)
        case .caseEnd: endCase(Int(e.subject), day)
        case .weekStart: weekStart(day)
        }
    }

    var measuring: Bool { engine.now >= Double(scenario.warmupEnd.number) }

    func inMeasured(_ day: Day) -> Bool { day >= scenario.warmupEnd && day < scenario.end }

    /// The measured week a day falls in (0 = the week starting at the warm-up end).
    func week(of day: Day) -> Int { scenario.warmupEnd.days(to: day) / 7 }

    /// Whether case i is being traced.
    @inline(__always) func traced(_ i: Int) -> Bool { Int32(i) == traceCase }

    mutating func note(_ day: Day, _ text: String) { traceLines.append("\(day.iso)  \(text)") }

    // MARK: cases

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
        held[i] = []
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

    // MARK: diary work

    mutating func work(_ index: Int32, _ day: Day) {
        var item = items[Int(index)]
        let i = Int(item.caseIndex)
        let valid = state[i].active && (!item.kind.isPlanned || (item.generation == state[i].generation && !state[i].inCustody))
            && !(item.kind == .reactive && state[i].inCustody)
        guard valid else {
            if item.standard >= 0 && inMeasured(Day(number: Int(min(item.due, Int32(scenario.end.number - 1))))) {
                let dueDay = Day(number: Int(min(item.due, Int32(scenario.end.number - 1))))
                tally(taskStandardBase + Int(item.standard), .missedCapacity, week: week(of: dueDay))
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
        if item.mainMinutes < 0 { drawMinutes(&item, i) }
        let p = Int(state[i].practitioner)
        guard diaries.book(p, day: Int32(day.number), minutes: item.totalMinutes) else {
            // The day is full: the work moves to the next working day, unless it can no longer
            // count: a frequency contact past its window's end, or work with no deadline deferred
            // for more than workforce.max_deferral_working_days, is dropped (never done).
            let nextDay = Int32(calendar.addingWorkingDays(1, to: day).number)
            let keepsUntilDone = item.standard >= 0 || item.kind == .initialAppointment || item.kind == .sentencePlan || item.kind == .upwStart
                || item.kind == .recallReport || item.kind == .breachReport
            let tooLate = item.due == Int32.max
                ? calendar.workingDays(from: Day(number: Int(item.firstDay)), to: Day(number: Int(nextDay))) > scenario.workforce.maxDeferralWorkingDays
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
            if inMeasured(dueDay) { tally(taskStandardBase + Int(item.standard), outcome, week: week(of: dueDay)) }
            if traced(i) { note(day, "\(Activity(item.kind).name) done (\(standardNames[taskStandardBase + Int(item.standard)]) due \(Day(number: Int(item.due)).iso): \(outcome.rawValue))") }
        }
        guard let contact = item.kind.contact else {
            if item.standard < 0 { if traced(i) { note(day, "\(Activity(item.kind).name) done") } }
            return
        }
        var attended = true
        var acceptable = true
        var recallDraw = 1.0
        if item.kind.needsAttendance {
            reseed(i, .outcome, UInt64(item.ordinal))
            attended = keyed.uniform() < state[i].attendance
            acceptable = keyed.uniform() < scenario.behaviour.acceptableAbsence
            recallDraw = keyed.uniform()
        }
        held[i].append(HeldContact(day: day, kind: contact, attended: attended))
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

    mutating func drawMinutes(_ item: inout WorkItem, _ i: Int) {
        item.ordinal = state[i].ordinal
        state[i].ordinal &+= 1
        reseed(i, .work, UInt64(item.ordinal))
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
        }
        item.mainMinutes = Float(max(0, main.sample(keyed)))
        let isContact = item.kind.contact?.isContact ?? false
        item.recordMinutes = isContact || item.kind == .reactive ? Float(max(0, a.recordKeeping.sample(keyed))) : 0
        item.travelMinutes = item.kind == .homeVisit ? Float(max(0, a.homeVisitTravel.sample(keyed))) : 0
    }

    // MARK: enforcement and recall

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

    // MARK: monthly changes

    mutating func monthStart(_ day: Day) {
        let monthKey = UInt64(day.year * 12 + day.month)
        let next = day.firstOfNextMonth
        let rate = scenario.activities.reactiveEventsPerMonth
        var k = 0
        while k < active.count {
            let i = Int(active[k])
            k += 1
            if state[i].inCustody {
                continue
            }
            reseed(i, .month, monthKey)
            // RoSH transition, then flag hazards, then reactive work: always the same draws in the same order.
            var rosh = state[i].rosh
            let u = keyed.uniform()
            var acc = 0.0
            for (to, p) in roshRows[rosh.rank] {
                acc += p
                if u < acc { rosh = to; break }
            }
            var bits = state[i].flagBits
            for (flag, p) in hazards where keyed.uniform() < p { bits |= 1 << CohortFlag.allCases.firstIndex(of: flag)! }
            let reactive = rate > 0 ? keyed.poisson(mean: rate) : 0
            for _ in 0..<reactive {
                let d = calendar.workingDayOnOrAfter(day.adding(days: keyed.integer(below: max(1, day.days(to: next)))))
                if d < next && Int32(d.number) < state[i].supervisionEnd { addWork(i, kind: .reactive, day: d, due: nil, standard: -1) }
            }
            if (rosh != state[i].rosh || bits != state[i].flagBits) && day > scenario.start {
                var spec = specs[i]
                spec.rosh = rosh
                for (k, f) in CohortFlag.allCases.enumerated() where bits & (1 << k) != 0 { spec.flags.insert(f) }
                changeRisk(i, to: spec, on: day)
            }
            scheduleBookings(i, before: next)
        }
    }

    mutating func changeRisk(_ i: Int, to spec: CaseSpec, on day: Day) {
        let old = specs[i]
        specs[i] = spec
        state[i].rosh = spec.rosh
        state[i].flagBits = ReplicationModel.bits(spec.flags)
        if traced(i) { note(day, "risk changes: RoSH \(old.rosh.rawValue) → \(spec.rosh.rawValue), flags [\(spec.flags.map(\.rawValue).sorted().joined(separator: ", "))]") }
        let p = Int(state[i].practitioner)
        if !diaries.mayHold(p, rosh: spec.rosh) {
            removePoints(i)
            let q = allocate(i, rosh: spec.rosh)
            state[i].practitioner = Int32(q)
            addPoints(i)
            if traced(i) { note(day, "reallocated from a PSO to practitioner \(q) (PO)") }
        }
        // Reinstatement: a case that becomes exempt while suspended stays reinstated (conventions §4).
        let suspendedNow = plans[i].suspended.contains { $0.contains(day) }
        if suspendedNow && isExempt(spec) {
            state[i].suspensionLifted = true
            if traced(i) { note(day, "becomes exempt during suspension: contact reinstated") }
        } else if scenario.resuspendWhenExemptionLapses && state[i].suspensionLifted && !isExempt(spec) {
            state[i].suspensionLifted = false
        }
        replan(i, from: day)
    }

    func isExempt(_ spec: CaseSpec) -> Bool {
        regime.rules.contains { rule in
            if case .suspension(_, let ex, _) = rule.requirement { return ex.contains { $0.holds(for: spec) } }
            return false
        }
    }

    // MARK: measurement

    mutating func scoreStandards(_ i: Int) {
        let contacts = held[i]
        for s in plans[i].standards {
            let dueDay: Day
            switch s.demand {
            case .deadline(_, _, let due): dueDay = due
            case .count(let w, _, _), .homeVisit(let w): dueDay = w.end.adding(days: -1)
            }
            guard inMeasured(dueDay) else { continue }
            let outcome = StandardScorer.outcome(s, contacts: contacts)
            if s.code >= 0 { tally(Int(s.code), outcome, week: week(of: dueDay)) } else { result.tally(s.standard, outcome, week: week(of: dueDay)) }
            if traced(i) { note(dueDay, "standard \(s.standard) (\(describe(s.demand))): \(outcome.rawValue)") }
        }
        plans[i].standards = []
    }

    /// Counts one outcome of standard `code` falling due in measured week `week`.
    @inline(__always) mutating func tally(_ code: Int, _ outcome: StandardOutcome, week: Int) {
        if tallies[code].isEmpty { tallies[code] = Array(repeating: 0, count: measuredWeekCount * 5) }
        tallies[code][week * 5 + outcome.index] += 1
    }

    /// Moves the flat tallies into the result's dictionaries (standards seen at least once).
    mutating func publishTallies() {
        for (code, counts) in tallies.enumerated() where !counts.isEmpty {
            for w in 0..<measuredWeekCount {
                for o in 0..<5 where counts[w * 5 + o] > 0 {
                    result.tally(standardNames[code], StandardOutcome.allCases[o], week: w, count: Int(counts[w * 5 + o]))
                }
            }
        }
    }

    func describe(_ d: StandardDemand) -> String {
        switch d {
        case .deadline(let k, _, let due): return "\(k.rawValue) by \(due.iso)"
        case .count(let w, let f, let c): return "\(f) F2F / \(c) contacts in \(w.start.iso)..\(w.end.adding(days: -1).iso)"
        case .homeVisit(let w): return "home visit in \(w.start.iso)..\(w.end.adding(days: -1).iso)"
        }
    }

    mutating func weekStart(_ day: Day) {
        finishWeek()
        guard day.adding(days: 7) <= scenario.end else { return }
        weekIndex += 1
        let stats = diaries.caseloadStatistics()
        var custody = 0
        for i in active where state[Int(i)].inCustody { custody += 1 }
        result.weeks.append(WeekRow(weekStart: day, minutesByActivity: [], cases: active.count, casesInCustody: custody,
                                    caseloadMean: stats.mean, caseloadP90: stats.p90, wmtPercent: diaries.capacityPercent,
                                    backlogHours: backlogMinutes / 60))
        if weekIndex == 0 { result.cases = active.count }
    }

    mutating func finishWeek() {
        guard weekIndex >= 0, weekIndex < result.weeks.count, result.weeks[weekIndex].minutesByActivity.isEmpty else { return }
        result.weeks[weekIndex].minutesByActivity = (0..<13).map { currentWeek[$0] }
        currentWeek = InlineArray<13, Double>(repeating: 0)
    }
}
