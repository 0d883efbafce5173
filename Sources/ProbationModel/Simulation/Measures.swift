import SimulationCore
import ProbationRules

/// The measurement monitor: hours by activity and grade, outcomes of standards by week, the
/// weekly caseload, deferrals, dropped work and the backlog, counted over the measured period
/// (from the warm-up's end to the horizon). It fills a ``ReplicationResult``.
struct Measures: ModelMonitor {
    let warmupEnd: Day
    let end: Day
    /// Standard ids by code (the regime's standards in rule order).
    let standardNames: [String]
    let measuredWeekCount: Int
    /// The activity rows of record keeping and travel (their minutes are added to other work).
    let recording: Int
    let travel: Int
    /// The activity row of the court team's reports, or -1.
    let court: Int

    private(set) var result: ReplicationResult
    /// Outcome counts by standard code, flat by (week × 5 + outcome); filled on first use.
    var tallies: [[Int32]]
    /// Minutes by activity row this week and in the whole measured period (inline storage for up
    /// to ``ActivityTable/maximumRows`` rows: adding to it costs no array bookkeeping, measured at
    /// 4% of a tenth of national against arrays), and by grade (PO, PSO).
    var currentWeek = InlineArray<64, Double>(repeating: 0)
    var minutesDone = InlineArray<64, Double>(repeating: 0)
    let activityCount: Int
    /// Minutes and pieces of work dropped (unmet) by activity row in the measured period.
    var unmetMinutes = InlineArray<64, Double>(repeating: 0)
    var unmetItems = InlineArray<64, Int32>(repeating: 0)
    /// Minutes dropped by class of work (``ActivityKind/GivesWay`` order).
    var unmetByClass = InlineArray<5, Double>(repeating: 0)
    var gradeMinutes = InlineArray<2, Double>(repeating: 0)
    var gradeDemand = InlineArray<2, Double>(repeating: 0)
    /// Minutes of case work done by the case's tier letter (A-D) and phase.
    var tierMinutes = InlineArray<4, Double>(repeating: 0)
    var phaseMinutes = InlineArray<5, Double>(repeating: 0)
    /// Minutes of deferred work still waiting.
    var backlogMinutes = 0.0
    /// The measured month of each measured day (by days from the warm-up end), so an event's
    /// month is one look-up; and per month, flat by (month × activities + row), minutes done.
    let monthOfDay: [UInt16]
    var monthMinutes: [Double]
    /// Outcome counts by standard code, flat by (month × 5 + outcome); filled on first use.
    var monthTallies: [[Int32]]
    var weekIndex = -1

    init(result: ReplicationResult, warmupEnd: Day, end: Day, standardNames: [String], activities: Int, recording: Int, travel: Int, court: Int?) {
        self.result = result
        self.warmupEnd = warmupEnd
        self.end = end
        self.standardNames = standardNames
        self.recording = recording
        self.travel = travel
        self.court = court ?? -1
        measuredWeekCount = warmupEnd.days(to: end) / 7 + 1
        tallies = Array(repeating: [], count: standardNames.count)
        monthTallies = tallies
        activityCount = activities
        self.result.minutesByActivity = Array(repeating: 0, count: activities)
        // The calendar months the measured period touches, and each measured day's month.
        var monthOfDay: [UInt16] = []
        var months: [MonthRow] = []
        var d = warmupEnd
        while d < end {
            let next = min(d.firstOfNextMonth, end)
            monthOfDay += Array(repeating: UInt16(months.count), count: d.days(to: next))
            months.append(MonthRow(month: d.firstOfMonth, days: d.days(to: next), minutesByActivity: [],
                                   casesByPhase: Array(repeating: 0, count: SupervisionPhase.allCases.count)))
            d = next
        }
        self.monthOfDay = monthOfDay
        self.result.months = months
        monthMinutes = Array(repeating: 0, count: max(1, months.count * activities))
    }

    /// The measured month of a measured day (index into the result's months).
    @inline(__always) func month(of day: Day) -> Int { Int(monthOfDay[warmupEnd.days(to: day)]) }

    @inline(__always) func inMeasured(_ day: Day) -> Bool { day >= warmupEnd && day < end }

    /// The measured week a day falls in (0 = the week starting at the warm-up end).
    @inline(__always) func week(of day: Day) -> Int { warmupEnd.days(to: day) / 7 }

    // MARK: the points it watches

    mutating func caseJoined(_ i: Int, on day: Day, spec: CaseSpec, plan: ContactPlan, practitioner: Int, grade: PractitionerGroup.Grade) {
        if weekIndex >= 0 { result.cases += 1 }
    }

    mutating func recalled(_ i: Int, on day: Day, cause: RecallCause, fixedTerm: Bool, emergency: Bool, days: Int, release: Day) {
        guard inMeasured(day) else { return }
        result.recalls += 1
        result.recallsByCause[cause == .nonCompliance ? 0 : 1] += 1
    }

    mutating func breachOutcome(_ i: Int, on day: Day, outcome: BreachOutcome) {
        guard inMeasured(day) else { return }
        switch outcome {
        case .continue: result.breachOutcomes[0] += 1
        case .amend: result.breachOutcomes[1] += 1
        case .revoke: result.breachOutcomes[2] += 1
        }
    }

    mutating func unacceptableAbsence(_ i: Int, on day: Day) {
        if inMeasured(day) { result.unacceptableAbsences += 1 }
    }

    mutating func workDone(_ item: WorkItem, on day: Day, grade: PractitionerGroup.Grade, tier: Int, phase: Int, overtimeMinutes: Double) {
        if item.deferred { backlogMinutes -= item.totalMinutes }
        guard inMeasured(day) else { return }
        let main = Int(item.activity)
        minutesDone[main] += Double(item.mainMinutes)
        minutesDone[recording] += Double(item.recordMinutes)
        minutesDone[travel] += Double(item.travelMinutes)
        result.demandMinutes += item.totalMinutes
        result.overtimeMinutes += overtimeMinutes
        gradeMinutes[grade == .PO ? 0 : 1] += item.totalMinutes
        gradeDemand[grade == .PO ? 0 : 1] += item.totalMinutes
        tierMinutes[tier] += item.totalMinutes
        if phase >= 0 { phaseMinutes[phase] += item.totalMinutes }
        currentWeek[main] += Double(item.mainMinutes)
        currentWeek[recording] += Double(item.recordMinutes)
        currentWeek[travel] += Double(item.travelMinutes)
        let m = month(of: day)
        let base = m * activityCount
        monthMinutes[base + main] += Double(item.mainMinutes)
        monthMinutes[base + recording] += Double(item.recordMinutes)
        monthMinutes[base + travel] += Double(item.travelMinutes)
        result.months[m].demandMinutes += item.totalMinutes
    }

    mutating func workDeferred(_ item: WorkItem, on day: Day) {
        if !item.deferred { backlogMinutes += item.totalMinutes }
        result.deferrals += 1
    }

    mutating func workWaited(on day: Day, count: Int) { result.deferrals += count }

    mutating func workDropped(_ item: WorkItem, on day: Day, grade: PractitionerGroup.Grade, givesWay: ActivityKind.GivesWay) {
        if item.deferred { backlogMinutes -= item.totalMinutes }
        if inMeasured(day) {
            result.demandMinutes += item.totalMinutes
            gradeDemand[grade == .PO ? 0 : 1] += item.totalMinutes
            result.droppedMinutes += item.totalMinutes
            let m = month(of: day)
            result.months[m].demandMinutes += item.totalMinutes
            result.months[m].unmetMinutes += item.totalMinutes
            let main = Int(item.activity)
            unmetMinutes[main] += Double(item.mainMinutes)
            unmetMinutes[recording] += Double(item.recordMinutes)
            unmetMinutes[travel] += Double(item.travelMinutes)
            unmetItems[main] += 1
            unmetByClass[givesWay.index] += item.totalMinutes
        }
    }

    mutating func workWithdrawn(_ item: WorkItem) {
        if item.deferred { backlogMinutes -= item.totalMinutes }
    }

    /// Work still waiting at the end was demanded but not done.
    mutating func workOutstanding(_ item: WorkItem, grade: PractitionerGroup.Grade) {
        if item.mainMinutes >= 0 && item.day < Int32(end.number) {
            result.demandMinutes += item.totalMinutes
            gradeDemand[grade == .PO ? 0 : 1] += item.totalMinutes
            let day = Day(number: Int(item.day))
            if inMeasured(day) { result.months[month(of: day)].demandMinutes += item.totalMinutes }
        }
    }

    /// A court report counts under the court row, apart from case work (not in demand or grade).
    mutating func courtReport(_ i: Int, on day: Day, kind: CourtReportKind, minutes: Double) {
        guard inMeasured(day), court >= 0 else { return }
        minutesDone[court] += minutes
        currentWeek[court] += minutes
        monthMinutes[month(of: day) * activityCount + court] += minutes
        result.courtMinutes += minutes
    }

    mutating func contactHeld(_ i: Int, on day: Day, contact: ContactKind, attended: Bool, acceptable: Bool, attendanceDrawn: Bool, deferred: Bool) {
        guard inMeasured(day) else { return }
        if attendanceDrawn { result.heldContacts += 1 }
        if attended && contact.isContact {
            if contact.isF2F { result.f2fContacts += 1 } else { result.otherContacts += 1 }
            if contact == .homeVisit { result.homeVisits += 1 }
        }
    }

    mutating func standardScored(_ i: Int, code: Int, name: String?, outcome: StandardOutcome, due: Day, task: DoneTask?, demand: StandardDemand?) {
        guard inMeasured(due) else { return }
        if code >= 0 {
            tally(code, outcome, week: week(of: due))
            let m = month(of: due)
            if monthTallies[code].isEmpty { monthTallies[code] = Array(repeating: 0, count: result.months.count * 5) }
            monthTallies[code][m * 5 + outcome.index] += 1
        } else if let name {
            result.tally(name, outcome, week: week(of: due))
            result.tally(name, outcome, month: month(of: due))
        }
    }

    mutating func weekStarted(_ day: Day, caseload c: CaseloadSnapshot) {
        finishWeek()
        guard day.adding(days: 7) <= end else { return }
        weekIndex += 1
        result.weeks.append(WeekRow(weekStart: day, minutesByActivity: [], cases: c.cases, casesInCustody: c.inCustody, casesPOMHeld: c.pomHeld, casesByPhase: c.byPhase, casesByTier: c.byTier,
                                    caseloadDistribution: c.distribution,
                                    caseloadMean: c.meanPerPractitioner, caseloadP90: c.p90PerPractitioner, wmtPercent: c.wmtPercent,
                                    backlogHours: backlogMinutes / 60, wmtPercentPO: c.wmtPercentPO, wmtPercentPSO: c.wmtPercentPSO,
                                    caseHoldingFTE: c.caseHoldingFTE, fteInPost: c.fteInPost.isFinite ? c.fteInPost : nil))
        if weekIndex == 0 { result.cases = c.cases }
        let m = month(of: day)
        result.months[m].weeks += 1
        result.months[m].cases += c.cases
        result.months[m].casesInCustody += c.inCustody
        for k in c.byPhase.indices where k < result.months[m].casesByPhase.count { result.months[m].casesByPhase[k] += c.byPhase[k] }
        if c.wmtPercent.isFinite { result.months[m].wmtPercentSum += c.wmtPercent; result.months[m].wmtWeeks += 1 }
        if c.caseHoldingFTE.isFinite { result.months[m].caseHoldingFTESum += c.caseHoldingFTE; result.months[m].caseHoldingWeeks += 1 }
        if c.fteInPost.isFinite { result.months[m].fteInPostSum += c.fteInPost; result.months[m].fteInPostWeeks += 1 }
    }

    // MARK: totals

    /// Counts one outcome of standard `code` falling due in measured week `week`.
    @inline(__always) mutating func tally(_ code: Int, _ outcome: StandardOutcome, week: Int) {
        if tallies[code].isEmpty { tallies[code] = Array(repeating: 0, count: measuredWeekCount * 5) }
        tallies[code][week * 5 + outcome.index] += 1
    }

    /// Closes the week being measured (its minutes by activity).
    mutating func finishWeek() {
        guard weekIndex >= 0, weekIndex < result.weeks.count, result.weeks[weekIndex].minutesByActivity.isEmpty else { return }
        result.weeks[weekIndex].minutesByActivity = (0..<activityCount).map { currentWeek[$0] }
        currentWeek = InlineArray<64, Double>(repeating: 0)
    }

    /// The finished result: the last week closed, tallies moved into the result's dictionaries
    /// (standards seen at least once), totals by activity and grade.
    mutating func finish(events: UInt64, casesSimulated: Int) -> ReplicationResult {
        finishWeek()
        #if PROBSIM_INVARIANTS
        // Invariant: the weeks' hours add up to no more than the measured period's (a last part-week is not a week).
        for k in 0..<activityCount {
            let weekly = result.weeks.reduce(0.0) { $0 + ($1.minutesByActivity.count > k ? $1.minutesByActivity[k] : 0) }
            precondition(weekly <= minutesDone[k] * (1 + 1e-9) + 1e-6, "invariant: weekly minutes of activity \(k) exceed the total")
        }
        #endif
        for (code, counts) in tallies.enumerated() where !counts.isEmpty {
            for w in 0..<measuredWeekCount {
                for o in 0..<5 where counts[w * 5 + o] > 0 {
                    result.tally(standardNames[code], StandardOutcome.allCases[o], week: w, count: Int(counts[w * 5 + o]))
                }
            }
        }
        for (code, counts) in monthTallies.enumerated() where !counts.isEmpty {
            for m in result.months.indices {
                for o in 0..<5 where counts[m * 5 + o] > 0 {
                    result.tally(standardNames[code], StandardOutcome.allCases[o], month: m, count: Int(counts[m * 5 + o]))
                }
            }
        }
        for m in result.months.indices { result.months[m].minutesByActivity = Array(monthMinutes[(m * activityCount)..<((m + 1) * activityCount)]) }
        result.minutesByActivity = (0..<activityCount).map { minutesDone[$0] }
        result.unmetMinutesByActivity = (0..<activityCount).map { unmetMinutes[$0] }
        result.unmetItemsByActivity = (0..<activityCount).map { Int(unmetItems[$0]) }
        result.unmetMinutesByClass = ActivityKind.GivesWay.allCases.map { unmetByClass[$0.index] }
        result.minutesByGrade = [gradeMinutes[0], gradeMinutes[1]]
        result.demandMinutesByGrade = [gradeDemand[0], gradeDemand[1]]
        result.minutesByTier = (0..<4).map { tierMinutes[$0] }
        result.minutesByPhase = (0..<5).map { phaseMinutes[$0] }
        result.events = events
        result.casesSimulated = casesSimulated
        return result
    }
}
