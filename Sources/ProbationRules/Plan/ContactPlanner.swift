import SimulationCore

/// The one interpreter of regime rules: turns a case and a regime into a ``ContactPlan``.
///
/// Order of work for each phase of the case: suspension windows, then deadline rules
/// (the initial appointment first), weekly rules (NSD), phase points, windows (1992), and
/// last the monthly plan: in every calendar month the unsuspended period covers for at
/// least ``ReadingOptions/minimumDaysToBookMonth`` days, max(regime minimum, professional
/// judgement) F2F, less those already booked that month (conventions §3).
public struct ContactPlanner: Sendable {
    public let regime: Regime
    public let options: ReadingOptions
    /// Planned F2F per calendar month by tier letter, on top of minimums (professional judgement).
    public let professionalJudgement: [Character: Int]
    public let calendar: WorkingDayCalendar

    /// The regime's rules by the step that reads them, unpacked (worked out once).
    let rules: PlannerRules
    /// Every standard id the regime can score, in rule order (``Regime/standards``; task standards included).
    public let standardIDs: [String]
    /// Each rule's standard as a position in ``standardIDs``.
    let ruleStandardCode: [Int16]
    /// Each rule's weekly parts (contacts, f2f, visit) as positions in ``standardIDs``.
    let weeklyCodes: [[Int16]]
    /// ``professionalJudgement`` by the byte of an ASCII letter (0 for others): looking a tier
    /// letter up in the dictionary hashed a string for every plan.
    let judgementByLetter: [Int]

    /// A standard id's position in ``standardIDs`` (−1 if the regime has no such standard).
    public func code(of id: String) -> Int16 { Int16(standardIDs.firstIndex(of: id) ?? -1) }

    /// - Parameter standardIDs: the code space of the standards (a regime timeline's union of
    ///   its regimes' standards, so codes mean the same under each); nil: the regime's own.
    public init(regime: Regime, options: ReadingOptions = ReadingOptions(),
                professionalJudgement: [Character: Int] = [:], calendar: WorkingDayCalendar, standardIDs: [String]? = nil) {
        self.regime = regime
        self.options = options
        self.professionalJudgement = professionalJudgement
        self.calendar = calendar
        rules = PlannerRules(regime)
        let ids = standardIDs ?? regime.standards.map(\.id)
        self.standardIDs = ids
        ruleStandardCode = regime.rules.map { Int16(ids.firstIndex(of: $0.standard) ?? -1) }
        weeklyCodes = regime.rules.map { rule in ["contacts", "f2f", "visit"].map { Int16(ids.firstIndex(of: rule.standardID(part: $0)) ?? -1) } }
        judgementByLetter = (0..<128).map { b in
            let letter = (65...90).contains(b) || (97...122).contains(b)
            return letter ? professionalJudgement[Character(Unicode.Scalar(UInt8(b)))] ?? 0 : 0
        }
    }

    /// Professional judgement for a tier: `professionalJudgement[tierLetter] ?? 0`, from the
    /// table when the tier starts with an ASCII letter followed by an ASCII byte or nothing
    /// (then that letter alone is the first character).
    func judgementF2F(tier: String) -> Int {
        var bytes = tier.utf8.makeIterator()
        if let b0 = bytes.next(), (65...90).contains(b0) || (97...122).contains(b0) {
            if let b1 = bytes.next(), b1 >= 128 { return professionalJudgement[tier.first ?? "C"] ?? 0 }
            return judgementByLetter[Int(b0)]
        }
        return professionalJudgement[tier.first ?? "C"] ?? 0
    }

    /// The plan for a case, optionally only from a day on (a replan).
    ///
    /// - Parameters:
    ///   - from: keep only bookings on or after this day, and standard instances whose window
    ///     (or trigger) starts on or after it. Used for cases already part-way at the simulation
    ///     start, and to replan after a change of risk, flags or a recall.
    ///   - until: book nothing on or after this day (a simulation ending before the case does
    ///     never hands those bookings to a diary); the standard instances are all made still, so
    ///     such a plan is incomplete for scoring past `until` (the model scores nothing there).
    ///   - releasedOn: the day of a re-release after recall: `release` and `recall_release`
    ///     deadlines count from it, in the phase that contains it.
    ///   - suspensionLifted: the case was reinstated (it became exempt during a suspension), so
    ///     suspension rules with `reinstate: true` no longer apply (conventions §4).
    public func plan(_ spec: CaseSpec, from cut: Day? = nil, until horizon: Day? = nil, releasedOn: Day? = nil, suspensionLifted: Bool = false) -> ContactPlan {
        let timeline = CaseTimeline(spec, options: options)
        let cutDay = cut ?? Day(number: Int.min / 4)
        // The days whose bookings the plan keeps.
        let kept = Period(start: cutDay, end: horizon ?? Day(number: Int.max / 4))
        // Every segment's bookings go straight into one list (a segment looks only at its own,
        // from `segmentStart`); those outside `kept` are dropped at the end.
        var bookings: [PlannedContact] = []
        var standards: [StandardInstance] = []
        var suspended: [Period] = []
        var handover: CustodyHandover?
        let masks = CaseMasks(spec)
        let spreadOffset = spec.start.dayOfMonth - 1   // the day of the month contacts are spread from
        let custodyMonths = timeline.custodyMonths
        let whole = timeline.whole
        // About two bookings per 28 days kept (a month's contacts and other work), and a few more:
        // one allocation for most plans (none when the case's days and the kept days do not meet).
        bookings.reserveCapacity(max(0, 2 * Period(start: max(whole.start, kept.start), end: min(whole.end, kept.end)).length / 28 + 8))
        // (The standards stay with the case for its life: reserving for them, even from the cut
        // on, raised the calibrated tenth's peak memory from 178 MB to 193-199 MB; they grow as they come.)
        let facts = rules.facts
        for segmentIndex in timeline.segments.indices {
            let segment = timeline.segments[segmentIndex]
            let phase = segment.phase
            let period = segment.period
            func applies(_ k: Int) -> Bool { facts[k].scope.holds(for: masks, phase: phase, custodyMonths: custodyMonths) }
            let segmentStart = bookings.count
            // 1. Suspension: from the earliest applicable suspension point, unless exempt.
            var activeEnd = period.end
            for s in rules.suspensions where applies(s.rule) {
                if s.exempts(masks) { continue }
                if s.reinstate && suspensionLifted { continue }
                activeEnd = min(activeEnd, period.phasePoint(s.fraction))
            }
            if activeEnd < period.end { suspended.append(Period(start: activeEnd, end: period.end)) }
            let active = Period(start: period.start, end: activeEnd)
            var weeklyMonths = Set<Day>()

            // 2. Deadlines, in an order that lets the sentence plan follow the first appointment.
            for d in rules.deadlines where applies(d.rule) {
                let k = d.rule
                let wd = d.workingDays, kind = d.kind, calendarDays = d.calendarDays
                let reReleaseHere = releasedOn.map { period.contains($0) } ?? false
                let from: Day
                var dueByEnd: Day?
                switch d.trigger {
                case .sentence: from = period.start
                case .release:
                    // A release from custody: the first segment's start, or a re-release in this
                    // segment (onto PSS too); a licence running on into PSS is not a release.
                    if reReleaseHere { from = releasedOn! } else if segmentIndex == 0 || timeline.segments[segmentIndex - 1].phase == .custody {
                        from = period.start
                    } else { continue }
                case .recallRelease:
                    guard reReleaseHere else { continue }
                    from = releasedOn!
                case .allocation: from = calendar.addingWorkingDays(options.allocationLagWorkingDays, to: period.start)
                case .firstAppointment:
                    // No new initial plan on re-release after a recall (004:113): a review instead.
                    guard !reReleaseHere, let i = (segmentStart..<bookings.count).first(where: { bookings[$0].kind == .initialAppointment }) else { continue }
                    from = bookings[i].day
                case .end:
                    // Counted back from the end of supervision, in its last phase.
                    guard segmentIndex == timeline.segments.count - 1 else { continue }
                    let end = whole.end
                    from = calendarDays ? end.adding(days: -max(1, wd)) : calendar.subtractingWorkingDays(max(1, wd), from: end)
                    dueByEnd = calendar.subtractingWorkingDays(1, from: end)
                }
                guard from >= cutDay else { continue }
                let due = dueByEnd ?? (calendarDays ? from.adding(days: wd) : calendar.addingWorkingDays(wd, to: from))
                let day = min(calendar.addingWorkingDays(1, to: from), calendar.workingDayOnOrAfter(due))
                // Two deadlines asking for the same kind of contact from the same trigger share one booking.
                if !(segmentStart..<bookings.count).contains(where: { bookings[$0].kind == kind && bookings[$0].day >= from && bookings[$0].day <= due }) {
                    bookings.append(PlannedContact(day: day, kind: kind, rule: facts[k].id, due: due))
                }
                if facts[k].scores {
                    standards.append(StandardInstance(standard: facts[k].standard, demand: .deadline(kind: kind, from: from, due: due), applicable: true, code: ruleStandardCode[k]))
                }
            }

            // 2b. Custody: the handover, the pre-release plan and contact before release.
            if phase == .custody {
                for c in rules.custody where applies(c.rule) {
                    let h = c.custody.handover(sentence: period.start, release: period.end)
                    handover = h
                    custodyBookings(c.custody, h, rule: c.rule, in: period, kept: kept, into: &bookings, standards: &standards)
                }
            }

            // 3. Weekly contact (NSD): 7-day blocks from the phase start.
            for w in rules.weekly where applies(w.rule) {
                let ruleIndex = w.rule
                let id = facts[ruleIndex].id
                let contacts = w.contacts, f2f = w.f2f, visitEvery = w.visitEvery
                // Weeks count from the release (the supervision's start) and run on across PSS (002:428).
                let origin = timeline.release ?? whole.start
                for k in 0..<w.weeks {
                    let blockStart = origin.adding(days: 7 * k)
                    guard blockStart < active.end else { break }
                    guard blockStart >= period.start else { continue }
                    let block = Period(start: blockStart, end: min(blockStart.adding(days: 7), whole.end))
                    let isVisitWeek = visitEvery > 0 && k < w.visitWeeks && (7 * k) % visitEvery == 0
                    let firstWD = calendar.workingDayOnOrAfter(block.start)
                    var f2fHere = 0
                    for b in segmentStart..<bookings.count where block.contains(bookings[b].day) && bookings[b].kind.isF2F { f2fHere += 1 }
                    if isVisitWeek, let i = (segmentStart..<bookings.count).first(where: { block.contains(bookings[$0].day) && bookings[$0].kind == .initialAppointment }) {
                        // The initial appointment is this week's resettlement visit.
                        bookings[i].kind = .homeVisit
                    } else if isVisitWeek {
                        bookings.append(PlannedContact(day: firstWD, kind: .homeVisit, rule: id, due: block.end.adding(days: -1)))
                        f2fHere += 1
                    }
                    while f2fHere < f2f {
                        bookings.append(PlannedContact(day: firstWD, kind: .f2f, rule: id, due: block.end.adding(days: -1)))
                        f2fHere += 1
                    }
                    let others = max(0, contacts - f2f)
                    for j in 0..<others {
                        // The n-th such contact is the practitioner's when floor((n+1)s) passes floor(ns): a
                        // share s of them, spread evenly; the rest are by another professional.
                        let n = Double(k * others + j), s = options.nsdPractitionerShare
                        let kind: ContactKind = (((n + 1) * s).rounded(.down) > (n * s).rounded(.down)) ? .other : .otherProfessional
                        bookings.append(PlannedContact(day: calendar.addingWorkingDays(1, to: firstWD), kind: kind, rule: id, due: block.end.adding(days: -1)))
                    }
                    weeklyMonths.insert(firstWD.firstOfMonth)
                    // (Windows starting before the cut are not kept: the visit window starts with the block.)
                    if facts[ruleIndex].scores && block.length == 7 && block.start >= cutDay {
                        let codes = weeklyCodes[ruleIndex]
                        standards.append(StandardInstance(standard: w.contactsID, demand: .count(window: block, f2f: 0, contacts: contacts), applicable: true, code: codes[0]))
                        standards.append(StandardInstance(standard: w.f2fID, demand: .count(window: block, f2f: f2f, contacts: f2f), applicable: true, code: codes[1]))
                        if isVisitWeek {
                            let visitWindow = Period(start: block.start, end: min(block.start.adding(days: visitEvery), whole.end))
                            standards.append(StandardInstance(standard: w.visitID, demand: .homeVisit(window: visitWindow), applicable: true, code: codes[2]))
                        }
                    }
                }
            }

            // 4. Phase points (booked even in a suspended part: they are its exception).
            for p in rules.phasePoints where applies(p.rule) {
                let k = p.rule, tol = p.tolerance
                let point = period.phasePoint(p.fraction)
                let day = calendar.workingDayOnOrAfter(point)
                bookings.append(PlannedContact(day: day, kind: .f2f, rule: facts[k].id, due: calendar.addingWorkingDays(tol, to: point)))
                if facts[k].scores {
                    let lo = tol == 0 ? point : workingDaysBefore(tol, point)
                    if lo >= cutDay {
                        let hi = calendar.addingWorkingDays(tol, to: point)
                        standards.append(StandardInstance(standard: facts[k].standard, demand: .count(window: Period(start: lo, end: hi.adding(days: 1)), f2f: 1, contacts: 1), applicable: true, code: ruleStandardCode[k]))
                    }
                }
            }

            // 5. Windows (1992): count F2F booked every N days from the window's start.
            for wr in rules.windows where applies(wr.rule) {
                let k = wr.rule
                let window = Period(start: period.start.adding(months: wr.fromMonth - 1), end: min(period.start.adding(months: wr.toMonth), period.end))
                guard window.start < window.end else { continue }
                let inActive = window.start < active.end
                // A window cut short by the end of supervision asks only for the booking slots inside it (conventions §7).
                var slots = 0
                for j in 0..<wr.count {
                    let d = calendar.workingDayOnOrAfter(window.start.adding(days: j * wr.everyDays))
                    guard d < window.end else { break }
                    slots += 1
                    if d < active.end { bookings.append(PlannedContact(day: d, kind: .f2f, rule: facts[k].id, due: window.end.adding(days: -1))) }
                }
                if facts[k].scores && window.start >= cutDay {
                    standards.append(StandardInstance(standard: facts[k].standard, demand: .count(window: window, f2f: slots, contacts: slots),
                                                      applicable: inActive && slots > 0, code: ruleStandardCode[k]))
                }
            }

            // 6. Monthly: collect minimums, then book every covered calendar month.
            var monthlyMinimum: [(rule: Int, from: Day, count: Int)] = []
            for m in rules.monthly where applies(m.rule) {
                monthlyMinimum.append((m.rule, m.fromMonth == 1 ? period.start : period.start.adding(months: m.fromMonth - 1), m.count))
            }
            // Professional judgement plans contact under supervision in the community, not in custody.
            let judgement = phase == .custody ? 0 : judgementF2F(tier: spec.tier)
            // With no minimum and no judgement no month has a target: nothing to book.
            if !monthlyMinimum.isEmpty || judgement > 0 {
                bookMonths(in: period, active: active, from: segmentStart, minimums: monthlyMinimum, judgement: judgement,
                           weeklyMonths: weeklyMonths, kept: kept, spreadOffset: spreadOffset, into: &bookings)
            }
            // Monthly standard instances: calendar months wholly inside the rule's period (from the
            // cut on); suspended ones not applicable.
            for (k, from, count) in monthlyMinimum where facts[k].scores {
                let standard = facts[k].standard
                let first = max(from, period.start, cutDay)
                var walk = MonthWalk(from: first)
                if walk.start != first { walk.advance() }
                while walk.next <= period.end {
                    standards.append(StandardInstance(standard: standard, demand: .count(window: Period(start: walk.start, end: walk.next), f2f: count, contacts: count),
                                                      applicable: walk.next <= active.end, code: ruleStandardCode[k]))
                    walk.advance()
                }
            }
        }
        PlannedContact.sortByDayAndKind(&bookings)
        // Sorted by day, the bookings outside `kept` are at the two ends (the sort is stable, so
        // this is the same list as dropping them first, without testing every booking).
        if horizon != nil, let end = bookings.firstIndex(where: { $0.day >= kept.end }) { bookings.removeSubrange(end...) }
        if cut != nil, let start = bookings.firstIndex(where: { $0.day >= kept.start }) {
            bookings.removeSubrange(..<start)
        } else if cut != nil {
            bookings.removeAll()
        }
        return ContactPlan(caseID: spec.id, timeline: timeline, bookings: bookings, standards: standards, suspended: suspended, handover: handover)
    }

    /// Step 6's bookings: in every calendar month the unsuspended part of `period` covers for at
    /// least ``ReadingOptions/minimumDaysToBookMonth`` days, max(minimum, judgement) F2F less
    /// those the segment (bookings from `segmentStart`) already has that month; none in a month
    /// of weekly contact, nor in a month wholly outside `kept` (they would be dropped).
    func bookMonths(in period: Period, active: Period, from segmentStart: Int, minimums: [(rule: Int, from: Day, count: Int)], judgement: Int,
                    weeklyMonths: Set<Day>, kept: Period, spreadOffset: Int, into bookings: inout [PlannedContact]) {
        // From the segment's first month, or the cut's if later (earlier months' bookings would be dropped).
        let firstMonth = max(period.start, kept.start).firstOfMonth
        let monthBase = firstMonth.monthOrdinal
        let monthCount = max(1, min(active.end, kept.end).monthOrdinal - monthBase + 1)
        // F2F already booked in each of those calendar months (by month number), counted once.
        withUnsafeTemporaryAllocation(of: Int.self, capacity: monthCount) { f2fInMonth in
            f2fInMonth.initialize(repeating: 0)
            for b in segmentStart..<bookings.count where bookings[b].kind.isF2F {
                let m = bookings[b].day.monthOrdinal - monthBase
                if m >= 0 && m < monthCount { f2fInMonth[m] += 1 }
            }
            bookMonthsFrom(firstMonth, f2fInMonth: f2fInMonth, in: period, active: active, minimums: minimums, judgement: judgement,
                           weeklyMonths: weeklyMonths, kept: kept, spreadOffset: spreadOffset, into: &bookings)
        }
    }

    /// ``bookMonths(in:active:from:minimums:judgement:weeklyMonths:kept:spreadOffset:into:)``'s loop over
    /// the months from `firstMonth`, with the F2F each already has.
    private func bookMonthsFrom(_ firstMonth: Day, f2fInMonth: UnsafeMutableBufferPointer<Int>, in period: Period, active: Period,
                                minimums: [(rule: Int, from: Day, count: Int)], judgement: Int,
                                weeklyMonths: Set<Day>, kept: Period, spreadOffset: Int, into bookings: inout [PlannedContact]) {
        let monthlyRuleID = minimums.first.map { rules.facts[$0.rule].id } ?? "monthly"
        var walk = MonthWalk(from: firstMonth)
        var m = 0
        while walk.start < active.end && walk.start < kept.end {
            let month = walk.start, next = walk.next
            defer { walk.advance(); m += 1 }
            let calendarMonth = Period(start: month, end: next)
            var minimum = 0
            for entry in minimums where entry.from < next {
                if Period(start: max(entry.from, period.start), end: active.end).overlap(calendarMonth) >= options.minimumDaysToBookMonth {
                    minimum = max(minimum, entry.count)
                }
            }
            let covered = Period(start: max(month, period.start), end: min(next, active.end))
            let target = covered.length >= options.minimumDaysToBookMonth ? max(minimum, judgement) : 0
            if target > 0 && (weeklyMonths.isEmpty || !weeklyMonths.contains(month)) {
                let already = f2fInMonth[m]
                for j in already..<max(already, target) {
                    bookings.append(PlannedContact(day: spreadDay(j, of: target, in: covered, phase: spreadOffset), kind: .f2f,
                                                   rule: minimum >= judgement ? monthlyRuleID : "professional-judgement",
                                                   due: j < minimum ? next.adding(days: -1) : nil))
                }
            }
        }
    }

    /// A custody rule's bookings in the custody phase `period`: the pre-release plan (a deadline
    /// from its window's start) and `contacts_per_month` contacts in every month from COM
    /// responsibility to release, the first on the day of responsibility.
    /// Contact in months starting on or after `kept.end` is not booked (it would be dropped).
    func custodyBookings(_ custody: CustodyRule, _ h: CustodyHandover, rule k: Int, in period: Period, kept: Period,
                         into bookings: inout [PlannedContact], standards: inout [StandardInstance]) {
        let rule = rules.facts[k]
        if let from = h.planFrom, let due = h.planDue, from >= kept.start {
            let day = min(calendar.addingWorkingDays(1, to: from), calendar.workingDayOnOrAfter(due))
            bookings.append(PlannedContact(day: day, kind: .preReleasePlan, rule: rule.id, due: due))
            if rule.scores {
                standards.append(StandardInstance(standard: rule.standard, demand: .deadline(kind: .preReleasePlan, from: from, due: due),
                                                  applicable: true, code: ruleStandardCode[k]))
            }
        }
        let perMonth = options.custodyContactsPerMonth ?? custody.contactsPerMonth
        guard perMonth > 0 else { return }
        var j = 0
        var start = h.comResponsible
        while true {
            guard start < period.end && start < kept.end else { break }
            // Month j + 1 starts where month j ends (each counted from the day of responsibility).
            let nextStart = h.comResponsible.adding(months: j + 1)
            defer { start = nextStart }
            let end = min(nextStart, period.end)
            for c in 0..<perMonth {
                let d = calendar.workingDayOnOrAfter(start.adding(days: c * start.days(to: end) / perMonth))
                if d < period.end { bookings.append(PlannedContact(day: d, kind: .custodyContact, rule: rule.id, due: end.adding(days: -1))) }
            }
            j += 1
        }
    }

    /// The j-th of n contacts spread evenly over a period, on a working day inside it.
    ///
    /// `phase` (days) shifts the contacts within their spacing, so a case's monthly contact falls
    /// near the day of the month its sentence or release began, and a caseload's appointments
    /// spread over the month rather than all landing on its first working day.
    func spreadDay(_ j: Int, of n: Int, in p: Period, phase: Int = 0) -> Day {
        let spacing = max(1, p.length / max(n, 1))
        let d = calendar.workingDayOnOrAfter(p.start.adding(days: j * p.length / max(n, 1) + phase % spacing))
        if d < p.end { return d }
        var back = p.end.adding(days: -1)
        while back > p.start && !calendar.isWorkingDay(back) { back = back.adding(days: -1) }
        return back
    }

    /// The n-th working day before a day.
    func workingDaysBefore(_ n: Int, _ day: Day) -> Day {
        n <= 0 ? day : calendar.subtractingWorkingDays(n, from: day)
    }
}
