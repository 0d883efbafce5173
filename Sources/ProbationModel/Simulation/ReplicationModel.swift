import SimulationCore
import ProbationRules

/// Simulates one regime over one replication's caseload: the diary, behaviour and measures.
///
/// Driven by the core ``Simulator``; all state is in arrays of values indexed by case, work item
/// and practitioner. Every random draw is keyed by (seed, replication, case, purpose, ordinal) as
/// ``KeyedDraws`` derives it, the ordinal of a work draw being the kind of work and that kind's count for the case, so two regimes
/// in the same replication see the same people behave the same way where their plans agree
/// (common random numbers), whatever other work either gives the case.
package struct ReplicationModel {
    let scenario: Scenario
    /// The regime in force (a timeline's changes replace it, with the planner and rules below).
    var regime: Regime
    /// The variant's regimes over the run (one stage, or a timeline's).
    let stages: [RegimeStage]
    /// The staff simulated (the variant's own, scaled for a staffing level).
    let workforce: WorkforceSettings
    /// Whether any practitioner group or intake is in a cohort with a workload reduction
    /// (reductions are then recomputed each month).
    let hasCohorts: Bool
    /// Monthly leaving probability by grade (`attrition_per_year` / 12; indexed PO, PSO), and
    /// whether any is above zero.
    let attritionPerMonth: [Double]
    /// By group of `workforce.practitioners`: the practitioners it has had, in the order they
    /// joined (for its `count` schedule).
    var groupMembers: [[Int]] = []
    let hasAttrition: Bool
    let replication: Int
    let calendar: WorkingDayCalendar
    var planner: ContactPlanner
    let wmt = WMTPoints.published
    /// The activity table as the diary uses it.
    let work: WorkCatalogue
    /// Regime rules of the kinds the diary acts on.
    var enforcementRules: [RegimeRule]
    var recallRules: [RegimeRule]
    /// Standard ids by code: the planner's (the regime's standards in rule order, tasks included).
    let standardNames: [String]
    /// For each enforcement rule, the codes of its letter, decision, breach and summons standards.
    var enforcementCodes: [[Int16]]
    /// For the recall rule, the codes of its recall-action and risk-management-plan standards.
    var recallCodes: [Int16]

    /// The event engine. It is noncopyable (its queue's buffers are written without copy-on-write
    /// checks), so the model holds it through ``EngineHolder``, by reference: **a model is never
    /// copied** (``Runner`` makes each one, runs it and drops it on one thread), or two copies
    /// would share one engine. Debug builds check that the holder has one owner at each change.
    var engine: Simulator {
        _read { yield engineHolder.engine }
        _modify {
            #if PROBSIM_INVARIANTS
            precondition(isKnownUniquelyReferenced(&engineHolder), "invariant: a replication model was copied, and its copies share one engine")
            #endif
            yield &engineHolder.engine
        }
    }
    private var engineHolder: EngineHolder
    var diaries: Diaries
    var keyed: RandomStream
    /// The keys ``keyed`` is reseeded with (``KeyedDraws``: every keyed draw is derived there).
    let draws: KeyedDraws

    var specs: [CaseSpec] = []
    /// Each case's requirements, flags and RoSH as bit masks, for the activity rows' scopes
    /// (built from its spec once, and again when its risk changes: building them hashes sets).
    var masks: [CaseMasks] = []
    var entries: [Day] = []
    let state: RefArray<CaseState>
    var plans: [ContactPlan] = []
    /// Each case's bookings in compact form (12 bytes each, no strings); the plan's own list is
    /// dropped once copied here.
    var bookings: [[Booking]] = []
    /// Where each case's bookings are, for a cache hint only (``prefetchBookings(_:)``).
    var bookingStorage: [UnsafeRawPointer?] = []
    var held = HeldLog()
    /// Keyed-draw counters by (case, kind of work): case i's slot k at i × work.ordinalSlots + k.
    let kindOrdinals: RefArray<UInt32>
    /// Reused for each case's contacts when its standards are scored.
    var scoringContacts: [HeldContact] = []
    var unacceptable: [[Day]] = []
    let active = RefArray<Int32>()

    /// Monthly RoSH transitions by RoSH rank, and flag hazards, read once.
    var roshRows: [[(RoSH, Double)]] = []
    /// The monthly recall hazard for risk or offending by RoSH rank (scale applied), read once.
    var recallHazards: [Double] = []
    var hazards: [(CohortFlag, Double)] = []

    static func bits(_ flags: Set<CohortFlag>) -> UInt8 {
        var b: UInt8 = 0
        for (k, f) in CohortFlag.allCases.enumerated() where flags.contains(f) { b |= 1 << k }
        return b
    }

    let items = RefArray<WorkItem>()
    let freeItems = RefArray<Int32>()

    /// Measurement, and tracing when asked: the model announces what happens, they count and describe it.
    var monitors: Monitors
    /// Work put off for capacity, waiting in each practitioner's list for the next working day.
    var waiting: WaitingLists

    init(scenario: Scenario, variant: Variant, replication: Int, cases: [GeneratedCase], calendar: WorkingDayCalendar) throws {
        let regime = variant.stages[0].regime
        self.scenario = scenario
        self.regime = regime
        stages = variant.stages
        self.workforce = variant.workforce
        hasCohorts = variant.workforce.practitioners.contains { $0.cohort != nil } || variant.workforce.intakes.contains { $0.group.cohort != nil }
        attritionPerMonth = [PractitionerGroup.Grade.PO, .PSO].map { (variant.workforce.attritionPerYear[$0] ?? 0) / 12 }
        hasAttrition = !variant.workforce.isUnlimited && attritionPerMonth.contains { $0 > 0 }
        self.replication = replication
        self.calendar = calendar
        work = try WorkCatalogue(scenario.activities, rationing: variant.workforce.rationing)
        // A timeline's stages share one code space: the union of their standards (the variant's regime's).
        let codeSpace = variant.stages.count > 1 ? ReplicationModel.standardIDs(of: variant.regime) : nil
        let inForce = RegimeInForce(regime, scenario: scenario, calendar: calendar, standardIDs: codeSpace)
        planner = inForce.planner
        enforcementRules = inForce.enforcementRules
        recallRules = inForce.recallRules
        enforcementCodes = inForce.enforcementCodes
        recallCodes = inForce.recallCodes
        standardNames = planner.standardIDs
        diaries = Diaries(variant.workforce)
        waiting = WaitingLists(practitioners: diaries.count)
        keyed = try RandomStream(keyed: ())
        engineHolder = EngineHolder(Simulator(start: Double(scenario.start.number)))
        draws = KeyedDraws(seed: scenario.seed, replication: replication)
        monitors = Monitors(measures: Measures(result: ReplicationResult(regime: variant.name, replication: replication),
                                               warmupEnd: scenario.warmupEnd, end: scenario.end, standardNames: planner.standardIDs,
                                               activities: work.count, recording: work.recording, travel: work.travel, court: work.court))
        specs = cases.map(\.spec)
        masks = specs.map(CaseMasks.init)
        entries = cases.map(\.entry)
        state = RefArray(repeating: CaseState(), count: cases.count)
        plans.reserveCapacity(cases.count)
        bookings = Array(repeating: [], count: cases.count)
        bookingStorage = Array(repeating: nil, count: cases.count)
        unacceptable = Array(repeating: [], count: cases.count)
        kindOrdinals = RefArray(repeating: 0, count: cases.count * work.ordinalSlots)
        for (i, c) in cases.enumerated() {
            state[i].tier = UInt8(WMTPoints.tierIndex(c.spec.tier))
            state[i].rosh = c.spec.rosh
            state[i].flagBits = ReplicationModel.bits(c.spec.flags)
            state[i].attendance = scenario.behaviour.attendance[c.spec.tierLetter] ?? 0.9
            let timeline = CaseTimeline(c.spec, options: scenario.reading)
            state[i].supervisionEnd = Int32(timeline.whole.end.number)
            state[i].timelineStart = Int32(timeline.whole.start.number)
            state[i].custodyMonths = UInt16(clamping: c.spec.custodyMonths ?? 0)
            plans.append(ContactPlan(caseID: c.spec.id, timeline: timeline, bookings: [], standards: [], suspended: []))
        }
        roshRows = RoSH.allCases.map { scenario.behaviour.roshMonthly[$0] ?? [] }
        recallHazards = RoSH.allCases.map { scenario.behaviour.recallHazard($0) }
        hazards = [CohortFlag.mappa, .nsd, .childProtection].map { ($0, scenario.behaviour.monthlyHazards[$0] ?? 0) }
    }

    /// Puts `regime` in force (a timeline's change), in the code space of the variant's standards.
    mutating func enter(_ regime: Regime) {
        let inForce = RegimeInForce(regime, scenario: scenario, calendar: calendar, standardIDs: standardNames)
        self.regime = regime
        planner = inForce.planner
        enforcementRules = inForce.enforcementRules
        recallRules = inForce.recallRules
        enforcementCodes = inForce.enforcementCodes
        recallCodes = inForce.recallCodes
    }

    /// Every standard id a variant can report, in the regime's order.
    package static func standardIDs(of regime: Regime) -> [String] { regime.standards.map(\.id) }

    // MARK: keyed draws

    /// Reseeds the keyed stream for (case, purpose, ordinal): ``KeyedDraws`` derives the key.
    mutating func reseed(_ caseIndex: Int, _ purpose: KeyedDraws.Purpose, _ ordinal: UInt64) {
        keyed.reseed(draws.key(case: caseIndex, purpose, ordinal))
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
        // Each working day's end, for the waiting work not tried during the day.
        var workingDay = calendar.workingDayOnOrAfter(scenario.start)
        while workingDay < scenario.end {
            engine.schedule(at: Double(workingDay.number), priority: ModelPriority.dayEnd, kind: ModelEvent.dayEnd.rawValue, subject: 0)
            workingDay = calendar.addingWorkingDays(1, to: workingDay)
        }
        // Whole weeks only: a last part-week is not a week of hours (its start only closes the week before).
        var week = scenario.warmupEnd
        while week < scenario.end {
            engine.schedule(at: Double(week.number), priority: ModelPriority.weekStart, kind: ModelEvent.weekStart.rawValue, subject: 0)
            week = week.adding(days: 7)
        }
        // A timeline's changes, before anything else is scheduled for the day (after the month start).
        for (k, stage) in stages.enumerated() where k > 0 {
            guard let from = stage.from, from < scenario.end else { continue }
            engine.schedule(at: Double(from.number), priority: ModelPriority.regimeChange, kind: ModelEvent.regimeChange.rawValue, subject: UInt32(k))
        }
        for (k, step) in scenario.behaviour.attendanceSchedule.enumerated() where k > 0 && step.from < scenario.end {
            engine.schedule(at: Double(step.from.number), priority: ModelPriority.regimeChange, kind: ModelEvent.attendanceChange.rawValue, subject: UInt32(k))
        }
        for (k, g) in workforce.practitioners.enumerated() where !diaries.unlimited {
            for (j, step) in g.countSchedule.enumerated() where j > 0 && step.from < scenario.end {
                engine.schedule(at: Double(step.from.number), priority: ModelPriority.regimeChange, kind: ModelEvent.countChange.rawValue,
                                subject: UInt32(k << 16 | j))
            }
            for (j, step) in g.caseWorkShareSchedule.enumerated() where j > 0 && step.from < scenario.end {
                engine.schedule(at: Double(step.from.number), priority: ModelPriority.regimeChange, kind: ModelEvent.caseWorkShareChange.rawValue,
                                subject: UInt32(k << 16 | j))
            }
        }
        for (k, intake) in workforce.intakes.enumerated() where intake.on < scenario.end && !diaries.unlimited {
            engine.schedule(at: Double(intake.on.number), priority: ModelPriority.regimeChange, kind: ModelEvent.intake.rawValue, subject: UInt32(k))
        }
        for i in 0..<specs.count where entries[i] < scenario.end {
            engine.schedule(at: Double(entries[i].number), priority: ModelPriority.arrival, kind: ModelEvent.arrival.rawValue, subject: UInt32(i))
        }
        var sinceCheck = 0
        while let e = engine.step(before: end) {
            let t = e.time
            let ahead = engine.lookahead()
            prefetchNext(ahead)
            handle(e)
            sinceCheck &+= 1
            if sinceCheck & 0xFFFF == 0 {
                if shouldStop() { return nil }
                progress((t - Double(scenario.start.number)) / (end - Double(scenario.start.number)))
            }
        }
        monitors.measures.finishWeek()
        for i in 0..<state.count where state[i].active { scoreStandards(i) }
        // Waiting work's day is its next try, the working day after its last.
        for p in waiting.rings.indices {
            for w in waiting.list(p) { items[Int(w.item)].day = Int32(calendar.addingWorkingDays(1, to: Day(number: Int(w.lastTried))).number) }
        }
        for item in items where item.caseIndex >= 0 {
            monitors.workOutstanding(item, grade: diaries.grade[max(0, Int(state[Int(item.caseIndex)].practitioner))])
        }
        return monitors.measures.finish(events: engine.processedCount, casesSimulated: specs.count)
    }

    /// Traces case `index` (for `probsim trace`): its timeline is in `monitors.trace` after the run.
    mutating func trace(caseIndex index: Int) {
        monitors.trace = CaseTrace(caseIndex: index, standardNames: standardNames, activityNames: work.table.kinds.map(\.id))
    }

    mutating func handle(_ e: Event) {
        let day = Day(number: Int(e.time))
        switch ModelEvent(rawValue: e.kind)! {
        case .monthStart: monthStart(day)
        case .arrival: arrive(Int(e.subject), day)
        case .work: work(Int32(e.subject), day, priority: e.priority, sequence: e.sequence)
        case .reRelease: reRelease(Int(e.subject), day)
        case .release: release(Int(e.subject), day)
        case .comAllocation: comAllocation(Int(e.subject), day)
        case .caseEnd: endCase(Int(e.subject), day)
        case .weekStart: weekStart(day)
        case .dayEnd: dayEnd(day)
        case .regimeChange: changeRegime(Int(e.subject), day)
        case .intake: intake(Int(e.subject), day)
        case .countChange:
            let k = Int(e.subject >> 16)
            changeCount(group: k, to: Int(workforce.practitioners[k].countSchedule[Int(e.subject & 0xFFFF)].value), day)
        case .caseWorkShareChange:
            let k = Int(e.subject >> 16)
            diaries.setCaseWorkShare(group: k, workforce.practitioners[k].caseWorkShareSchedule[Int(e.subject & 0xFFFF)].value)
        case .attendanceChange:
            // Every case's probability from today (the draws are keyed, so they do not move).
            let p = scenario.behaviour.attendanceSchedule[Int(e.subject)].value
            for i in state.indices { state[i].attendance = p }
        }
    }

    @inline(__always) func inMeasured(_ day: Day) -> Bool { day >= scenario.warmupEnd && day < scenario.end }
}

/// What the diary uses of the regime in force: its planner, and its enforcement and recall rules
/// with their standards' codes.
struct RegimeInForce {
    let planner: ContactPlanner
    let enforcementRules: [RegimeRule]
    let recallRules: [RegimeRule]
    /// For each enforcement rule, the codes of its letter, decision, breach and summons standards.
    let enforcementCodes: [[Int16]]
    /// For the recall rule, the codes of its recall-action and risk-management-plan standards.
    let recallCodes: [Int16]

    init(_ regime: Regime, scenario: Scenario, calendar: WorkingDayCalendar, standardIDs: [String]?) {
        let p = ContactPlanner(regime: regime, options: scenario.reading, professionalJudgement: scenario.professionalJudgement,
                               calendar: calendar, standardIDs: standardIDs)
        planner = p
        enforcementRules = regime.rules.filter { if case .enforcement = $0.requirement { return true } else { return false } }
        recallRules = regime.rules.filter { if case .recall = $0.requirement { return true } else { return false } }
        enforcementCodes = enforcementRules.map { rule in ["letter", "decision", "breach", "summons"].map { p.code(of: rule.standardID(part: $0)) } }
        let recallRule = recallRules.first
        recallCodes = ["action", "risk_management_plan"].map { part in recallRule.map { p.code(of: $0.standardID(part: part)) } ?? -1 }
    }
}

/// Holds a replication's engine by reference (see ``ReplicationModel/engine``). Its one property
/// is exempt from dynamic exclusivity checks: only the model that made it reaches it, through
/// `engine`'s `_read` and `_modify`, whose accesses the compiler's static checks on the model
/// keep from overlapping.
private final class EngineHolder {
    @exclusivity(unchecked) var engine: Simulator
    init(_ engine: consuming Simulator) { self.engine = engine }
}
