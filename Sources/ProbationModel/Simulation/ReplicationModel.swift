import CPrefetch
import SimulationCore

/// Simulates one regime over one replication's caseload: the diary, behaviour and measures.
///
/// Driven by the core ``Simulator``; all state is in arrays of values indexed by case, work item
/// and practitioner. Every random draw is keyed by (seed, replication, case, purpose, ordinal), the
/// ordinal of a work draw being the kind of work and that kind's count for the case, so two regimes
/// in the same replication see the same people behave the same way where their plans agree
/// (common random numbers), whatever other work either gives the case.
struct ReplicationModel {
    let scenario: Scenario
    let regime: Regime
    /// The staff simulated (the variant's own, scaled for a staffing level).
    let workforce: WorkforceSettings
    let replication: Int
    let calendar: WorkingDayCalendar
    let planner: ContactPlanner
    let wmt = WMTPoints.published
    /// Regime rules of the kinds the diary acts on.
    let enforcementRules: [RegimeRule]
    let recallRules: [RegimeRule]
    /// Standard ids by code: the planner's (the regime's standards in rule order, tasks included).
    let standardNames: [String]
    /// For each enforcement rule, the codes of its letter, decision, breach and summons standards.
    let enforcementCodes: [[Int16]]
    /// For the recall rule, the codes of its recall-action and risk-management-plan standards.
    let recallCodes: [Int16]
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
    var held = HeldLog()
    /// Keyed-draw counters by (case, kind of work): case i's kind k at i × WorkKind.count + k.
    var kindOrdinals: [UInt32] = []
    /// Reused for each case's contacts when its standards are scored.
    var scoringContacts: [HeldContact] = []
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
    var currentWeek = InlineArray<17, Double>(repeating: 0)
    var minutesDone = InlineArray<17, Double>(repeating: 0)
    var gradeMinutes = InlineArray<2, Double>(repeating: 0)
    var backlogMinutes = 0.0
    /// When set, every event is described here (for `probsim trace`).
    var traceCase: Int32 = -1
    var traceLines: [String] = []

    init(scenario: Scenario, variant: Variant, replication: Int, cases: [GeneratedCase], calendar: WorkingDayCalendar) throws {
        let regime = variant.regime
        self.scenario = scenario
        self.regime = regime
        self.workforce = variant.workforce
        self.replication = replication
        self.calendar = calendar
        planner = ContactPlanner(regime: regime, options: scenario.reading, professionalJudgement: scenario.professionalJudgement, calendar: calendar)
        enforcementRules = regime.rules.filter { if case .enforcement = $0.requirement { return true } else { return false } }
        recallRules = regime.rules.filter { if case .recall = $0.requirement { return true } else { return false } }
        standardNames = planner.standardIDs
        let p = planner
        enforcementCodes = enforcementRules.map { rule in ["letter", "decision", "breach", "summons"].map { p.code(of: rule.standardID(part: $0)) } }
        let recallRule = recallRules.first
        recallCodes = ["action", "risk_management_plan"].map { part in recallRule.map { p.code(of: $0.standardID(part: part)) } ?? -1 }
        measuredWeekCount = scenario.warmupEnd.days(to: scenario.end) / 7 + 1
        tallies = Array(repeating: [], count: standardNames.count)
        engine = Simulator(start: Double(scenario.start.number))
        diaries = Diaries(variant.workforce)
        keyed = try RandomStream(keyed: ())
        keyBase = StreamKey.mix(StreamKey.mix(scenario.seed ^ 0x5eed) ^ UInt64(replication))
        result = ReplicationResult(regime: variant.name, replication: replication)
        specs = cases.map(\.spec)
        entries = cases.map(\.entry)
        state = Array(repeating: CaseState(), count: cases.count)
        plans.reserveCapacity(cases.count)
        bookings = Array(repeating: [], count: cases.count)
        unacceptable = Array(repeating: [], count: cases.count)
        kindOrdinals = Array(repeating: 0, count: cases.count * WorkKind.count)
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

    /// Every standard id a variant can report, in the regime's order.
    static func standardIDs(of regime: Regime) -> [String] { regime.standards.map(\.id) }

    // MARK: keyed draws

    /// Purposes of keyed draws.
    enum Purpose: UInt64 { case work = 1, outcome, month, allocation }

    /// The ordinal part of a work draw's key: the kind of work and that kind's ordinal for the case.
    @inline(__always) static func drawKey(_ kind: WorkKind, _ ordinal: UInt32) -> UInt64 {
        UInt64(kind.rawValue) << 32 | UInt64(ordinal)
    }

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
        while let e = engine.step(before: end) {
            let t = e.time
            prefetch(engine.lookahead())
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
        result.minutesByActivity = (0..<Activity.count).map { minutesDone[$0] }
        result.minutesByGrade = [gradeMinutes[0], gradeMinutes[1]]
        result.events = engine.processedCount
        result.casesSimulated = specs.count
        return result
    }

    /// Asks the cache for what the next events will touch while this one is handled: the work
    /// item of the event after next, and the case state of the next (its item was asked for one
    /// event earlier). At national scale these are cold, and each miss would otherwise stall.
    /// (Mutating only so that self is not copied for the closures.)
    @inline(__always)
    mutating func prefetch(_ a: Lookahead) {
        items.withUnsafeBufferPointer { it in
            if a.afterKind == ModelEvent.work.rawValue && Int(a.afterSubject) < it.count {
                prefetchElement(it.baseAddress! + Int(a.afterSubject))
            }
            let next: Int
            if a.nextKind == ModelEvent.work.rawValue {
                guard Int(a.nextSubject) < it.count else { return }
                next = Int(it[Int(a.nextSubject)].caseIndex)
            } else if a.nextKind == ModelEvent.arrival.rawValue || a.nextKind == ModelEvent.caseEnd.rawValue
                        || a.nextKind == ModelEvent.reRelease.rawValue {
                next = Int(a.nextSubject)
            } else { return }
            state.withUnsafeBufferPointer { st in
                if next >= 0 && next < st.count { prefetchElement(st.baseAddress! + next) }
            }
        }
    }

    /// Asks the cache for case j's state and the reference to its bookings.
    @inline(__always)
    mutating func prefetchCase(_ j: Int) {
        state.withUnsafeBufferPointer { prefetchElement($0.baseAddress! + j) }
        bookings.withUnsafeBufferPointer { probsim_prefetch($0.baseAddress! + j) }
    }

    /// Asks the cache for case j's bookings (their storage). The storage's address is read as the
    /// array's one reference, without retaining it (a retain here cost what the prefetch saved);
    /// a hint never faults, so this reading of Array's layout can cost speed, never correctness.
    @inline(__always)
    mutating func prefetchBookings(_ j: Int) {
        guard MemoryLayout<[Booking]>.size == MemoryLayout<UnsafeRawPointer>.size else { return }
        bookings.withUnsafeBufferPointer { b in
            let storage = UnsafeRawPointer(b.baseAddress! + j).load(as: UnsafeRawPointer.self)
            probsim_prefetch(storage + 32)
        }
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
}
