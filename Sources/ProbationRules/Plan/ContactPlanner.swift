import SimulationCore

/// The one interpreter of regime rules: turns a case and a regime into a ``ContactPlan``.
///
/// Order of work for each phase of the case: suspension windows, then deadline rules
/// (the initial appointment first), weekly rules (NSD), phase points, windows (1992), and
/// last the monthly plan: in every calendar month the unsuspended period covers for at
/// least ``ReadingOptions/minimumDaysToBookMonth`` days, max(regime minimum, professional
/// judgement) F2F, less those already booked that month (conventions §3).
public struct ContactPlanner: Sendable {
    public var regime: Regime
    public var options: ReadingOptions
    /// Planned F2F per calendar month by tier letter, on top of minimums (professional judgement).
    public var professionalJudgement: [Character: Int]
    public var calendar: WorkingDayCalendar

    /// Indices of the deadline rules, those counting from the first appointment last (so the
    /// sentence plan can follow the first appointment); worked out once.
    let deadlineOrder: [Int]
    /// Every standard id the regime can score, in rule order (``Regime/standards``; task standards included).
    public let standardIDs: [String]
    /// Each rule's standard as a position in ``standardIDs``.
    let ruleStandardCode: [Int16]
    /// Each rule's weekly parts (contacts, f2f, visit) as positions in ``standardIDs``.
    let weeklyCodes: [[Int16]]
    /// Each rule's scope as bit masks.
    let scopes: [CompiledScope]

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
        func isDeadline(_ k: Int) -> Bool { if case .deadline = regime.rules[k].requirement { return true } else { return false } }
        func fromFirst(_ k: Int) -> Bool { if case .deadline(.firstAppointment, _, _, _) = regime.rules[k].requirement { return true } else { return false } }
        let deadlines = regime.rules.indices.filter(isDeadline)
        deadlineOrder = deadlines.filter { !fromFirst($0) } + deadlines.filter(fromFirst)
        let ids = standardIDs ?? regime.standards.map(\.id)
        self.standardIDs = ids
        ruleStandardCode = regime.rules.map { Int16(ids.firstIndex(of: $0.standard) ?? -1) }
        weeklyCodes = regime.rules.map { rule in ["contacts", "f2f", "visit"].map { Int16(ids.firstIndex(of: rule.standardID(part: $0)) ?? -1) } }
        scopes = regime.rules.map { CompiledScope($0.scope) }
    }

    /// The plan for a case, optionally only from a day on (a replan).
    ///
    /// - Parameters:
    ///   - from: keep only bookings on or after this day, and standard instances whose window
    ///     (or trigger) starts on or after it. Used for cases already part-way at the simulation
    ///     start, and to replan after a change of risk, flags or a recall.
    ///   - releasedOn: the day of a re-release after recall: `release` and `recall_release`
    ///     deadlines count from it, in the phase that contains it.
    ///   - suspensionLifted: the case was reinstated (it became exempt during a suspension), so
    ///     suspension rules with `reinstate: true` no longer apply (conventions §4).
    public func plan(_ spec: CaseSpec, from cut: Day? = nil, releasedOn: Day? = nil, suspensionLifted: Bool = false) -> ContactPlan {
        let timeline = CaseTimeline(spec, options: options)
        let cutDay = cut ?? Day(number: Int.min / 4)
        var bookings: [PlannedContact] = []
        var standards: [StandardInstance] = []
        var suspended: [Period] = []
        var handover: CustodyHandover?
        let masks = CaseMasks(spec)
        for (segmentIndex, segment) in timeline.segments.enumerated() {
            // Which rules apply, as indices (no rule is copied: the hot path of every replan).
            let applying = scopes.indices.filter { scopes[$0].holds(for: masks, phase: segment.phase, custodyMonths: timeline.custodyMonths) }
            let period = segment.period
            // 1. Suspension: from the earliest applicable suspension point, unless exempt.
            var activeEnd = period.end
            for k in applying {
                guard case .suspension(let f, let exemptions, let reinstate, _) = regime.rules[k].requirement else { continue }
                if exemptions.contains(where: { masks.exempt($0) }) { continue }
                if reinstate && suspensionLifted { continue }
                activeEnd = min(activeEnd, period.phasePoint(f))
            }
            if activeEnd < period.end { suspended.append(Period(start: activeEnd, end: period.end)) }
            let active = Period(start: period.start, end: activeEnd)
            var segmentBookings: [PlannedContact] = []
            var weeklyMonths = Set<Day>()
            var monthlyMinimum: [(rule: Int, from: Day, count: Int)] = []

            // 2. Deadlines, in an order that lets the sentence plan follow the first appointment.
            for k in deadlineOrder where applying.contains(k) {
                let rule = regime.rules[k]
                guard case .deadline(let trigger, let wd, let kind, let calendarDays) = rule.requirement else { continue }
                let reReleaseHere = releasedOn.map { period.contains($0) } ?? false
                let from: Day
                var dueByEnd: Day?
                switch trigger {
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
                    guard !reReleaseHere, let first = segmentBookings.first(where: { $0.kind == .initialAppointment })?.day else { continue }
                    from = first
                case .end:
                    // Counted back from the end of supervision, in its last phase.
                    guard segmentIndex == timeline.segments.count - 1 else { continue }
                    let end = timeline.whole.end
                    from = calendarDays ? end.adding(days: -max(1, wd)) : calendar.subtractingWorkingDays(max(1, wd), from: end)
                    dueByEnd = calendar.subtractingWorkingDays(1, from: end)
                }
                guard from >= cutDay else { continue }
                let due = dueByEnd ?? (calendarDays ? from.adding(days: wd) : calendar.addingWorkingDays(wd, to: from))
                let day = min(calendar.addingWorkingDays(1, to: from), calendar.workingDayOnOrAfter(due))
                // Two deadlines asking for the same kind of contact from the same trigger share one booking.
                if !segmentBookings.contains(where: { $0.kind == kind && $0.day >= from && $0.day <= due }) {
                    segmentBookings.append(PlannedContact(day: day, kind: kind, rule: rule.id, due: due))
                }
                if rule.role.scores {
                    standards.append(StandardInstance(standard: rule.standard, demand: .deadline(kind: kind, from: from, due: due), applicable: true, code: ruleStandardCode[k]))
                }
            }

            // 2b. Custody: the handover, the pre-release plan and contact before release.
            if segment.phase == .custody {
                for k in applying {
                    guard case .custody(let rule) = regime.rules[k].requirement else { continue }
                    let h = rule.handover(sentence: period.start, release: period.end)
                    handover = h
                    custodyBookings(rule, h, rule: k, in: period, cut: cutDay, into: &segmentBookings, standards: &standards)
                }
            }

            // 3. Weekly contact (NSD): 7-day blocks from the phase start.
            for ruleIndex in applying {
                let rule = regime.rules[ruleIndex]
                guard case .weekly(let contacts, let f2f, let weeks, let visitEvery, let visitWeeks) = rule.requirement else { continue }
                // Weeks count from the release (the supervision's start) and run on across PSS (002:428).
                let origin = timeline.release ?? timeline.whole.start
                for k in 0..<weeks {
                    let blockStart = origin.adding(days: 7 * k)
                    guard blockStart < active.end else { break }
                    guard blockStart >= period.start else { continue }
                    let block = Period(start: blockStart, end: min(blockStart.adding(days: 7), timeline.whole.end))
                    let isVisitWeek = visitEvery > 0 && k < visitWeeks && (7 * k) % visitEvery == 0
                    let firstWD = calendar.workingDayOnOrAfter(block.start)
                    var f2fHere = segmentBookings.filter { block.contains($0.day) && $0.kind.isF2F }.count
                    if isVisitWeek, let i = segmentBookings.firstIndex(where: { block.contains($0.day) && $0.kind == .initialAppointment }) {
                        // The initial appointment is this week's resettlement visit.
                        segmentBookings[i].kind = .homeVisit
                    } else if isVisitWeek {
                        segmentBookings.append(PlannedContact(day: firstWD, kind: .homeVisit, rule: rule.id, due: block.end.adding(days: -1)))
                        f2fHere += 1
                    }
                    while f2fHere < f2f {
                        segmentBookings.append(PlannedContact(day: firstWD, kind: .f2f, rule: rule.id, due: block.end.adding(days: -1)))
                        f2fHere += 1
                    }
                    let others = max(0, contacts - f2f)
                    for j in 0..<others {
                        // The n-th such contact is the practitioner's when floor((n+1)s) passes floor(ns): a
                        // share s of them, spread evenly; the rest are by another professional.
                        let n = Double(k * others + j), s = options.nsdPractitionerShare
                        let kind: ContactKind = (((n + 1) * s).rounded(.down) > (n * s).rounded(.down)) ? .other : .otherProfessional
                        segmentBookings.append(PlannedContact(day: calendar.addingWorkingDays(1, to: firstWD), kind: kind, rule: rule.id, due: block.end.adding(days: -1)))
                    }
                    weeklyMonths.insert(firstWD.firstOfMonth)
                    if rule.role.scores && block.length == 7 {
                        let codes = weeklyCodes[ruleIndex]
                        standards.append(StandardInstance(standard: rule.standardID(part: "contacts"), demand: .count(window: block, f2f: 0, contacts: contacts), applicable: true, code: codes[0]))
                        standards.append(StandardInstance(standard: rule.standardID(part: "f2f"), demand: .count(window: block, f2f: f2f, contacts: f2f), applicable: true, code: codes[1]))
                        if isVisitWeek {
                            let visitWindow = Period(start: block.start, end: min(block.start.adding(days: visitEvery), timeline.whole.end))
                            standards.append(StandardInstance(standard: rule.standardID(part: "visit"), demand: .homeVisit(window: visitWindow), applicable: true, code: codes[2]))
                        }
                    }
                }
            }

            // 4. Phase points (booked even in a suspended part: they are its exception).
            for k in applying {
                let rule = regime.rules[k]
                guard case .phasePoint(let f, let tol) = rule.requirement else { continue }
                let point = period.phasePoint(f)
                let day = calendar.workingDayOnOrAfter(point)
                segmentBookings.append(PlannedContact(day: day, kind: .f2f, rule: rule.id, due: calendar.addingWorkingDays(tol, to: point)))
                if rule.role.scores {
                    let lo = tol == 0 ? point : workingDaysBefore(tol, point)
                    let hi = calendar.addingWorkingDays(tol, to: point)
                    standards.append(StandardInstance(standard: rule.standard, demand: .count(window: Period(start: lo, end: hi.adding(days: 1)), f2f: 1, contacts: 1), applicable: true, code: ruleStandardCode[k]))
                }
            }

            // 5. Windows (1992): count F2F booked every N days from the window's start.
            for k in applying {
                let rule = regime.rules[k]
                guard case .window(let count, let m0, let m1, let every) = rule.requirement else { continue }
                let window = Period(start: period.start.adding(months: m0 - 1), end: min(period.start.adding(months: m1), period.end))
                guard window.start < window.end else { continue }
                let inActive = window.start < active.end
                // A window cut short by the end of supervision asks only for the booking slots inside it (conventions §7).
                var slots = 0
                for j in 0..<count {
                    let d = calendar.workingDayOnOrAfter(window.start.adding(days: j * every))
                    guard d < window.end else { break }
                    slots += 1
                    if d < active.end { segmentBookings.append(PlannedContact(day: d, kind: .f2f, rule: rule.id, due: window.end.adding(days: -1))) }
                }
                if rule.role.scores {
                    standards.append(StandardInstance(standard: rule.standard, demand: .count(window: window, f2f: slots, contacts: slots),
                                                      applicable: inActive && slots > 0, code: ruleStandardCode[k]))
                }
            }

            // 6. Monthly: collect minimums, then book every covered calendar month.
            for k in applying {
                switch regime.rules[k].requirement {
                case .perCalendarMonth(let c): monthlyMinimum.append((k, period.start, c))
                case .monthlyFrom(let c, let m): monthlyMinimum.append((k, period.start.adding(months: m - 1), c))
                default: continue
                }
            }
            // Professional judgement plans contact under supervision in the community, not in custody.
            let judgement = segment.phase == .custody ? 0 : professionalJudgement[spec.tierLetter] ?? 0
            // F2F already booked in each calendar month of the segment (by month number), counted once.
            let firstMonth = period.start.firstOfMonth
            let monthBase = firstMonth.year * 12 + firstMonth.month
            var f2fInMonth = [Int](repeating: 0, count: max(1, (active.end.year * 12 + active.end.month) - monthBase + 1))
            for b in segmentBookings where b.kind.isF2F {
                let m = b.day.year * 12 + b.day.month - monthBase
                if m >= 0 && m < f2fInMonth.count { f2fInMonth[m] += 1 }
            }
            let monthlyRuleID = monthlyMinimum.first.map { regime.rules[$0.rule].id } ?? "monthly"
            var month = firstMonth
            var m = 0
            while month < active.end {
                let next = month.firstOfNextMonth
                let calendarMonth = Period(start: month, end: next)
                var minimum = 0
                for entry in monthlyMinimum where entry.from < next {
                    if Period(start: max(entry.from, period.start), end: active.end).overlap(calendarMonth) >= options.minimumDaysToBookMonth {
                        minimum = max(minimum, entry.count)
                    }
                }
                let covered = Period(start: max(month, period.start), end: min(next, active.end))
                let target = covered.length >= options.minimumDaysToBookMonth ? max(minimum, judgement) : 0
                if target > 0 && (weeklyMonths.isEmpty || !weeklyMonths.contains(month)) {
                    let already = f2fInMonth[m]
                    for j in already..<max(already, target) {
                        segmentBookings.append(PlannedContact(day: spreadDay(j, of: target, in: covered, phase: spec.start.dayOfMonth - 1), kind: .f2f,
                                                              rule: minimum >= judgement ? monthlyRuleID : "professional-judgement",
                                                              due: j < minimum ? next.adding(days: -1) : nil))
                    }
                }
                month = next
                m += 1
            }
            // Monthly standard instances: calendar months wholly inside the rule's period; suspended ones not applicable.
            for (k, from, count) in monthlyMinimum where regime.rules[k].role.scores {
                let standard = regime.rules[k].standard
                for m in Period(start: max(from, period.start), end: period.end).wholeCalendarMonths() {
                    standards.append(StandardInstance(standard: standard, demand: .count(window: m, f2f: count, contacts: count),
                                                      applicable: m.end <= active.end, code: ruleStandardCode[k]))
                }
            }
            bookings += segmentBookings.filter { $0.day >= cutDay }
        }
        if cut != nil {
            standards.removeAll { instance in
                switch instance.demand {
                case .deadline: return false   // already cut at its trigger above
                case .count(let window, _, _), .homeVisit(let window): return window.start < cutDay
                }
            }
        }
        bookings.sort { ($0.day, $0.kind.rawValue) < ($1.day, $1.kind.rawValue) }
        return ContactPlan(caseID: spec.id, timeline: timeline, bookings: bookings, standards: standards, suspended: suspended, handover: handover)
    }

    /// A custody rule's bookings in the custody phase `period`: the pre-release plan (a deadline
    /// from its window's start) and `contacts_per_month` contacts in every month from COM
    /// responsibility to release, the first on the day of responsibility.
    func custodyBookings(_ custody: CustodyRule, _ h: CustodyHandover, rule k: Int, in period: Period, cut: Day,
                         into bookings: inout [PlannedContact], standards: inout [StandardInstance]) {
        let rule = regime.rules[k]
        if let from = h.planFrom, let due = h.planDue, from >= cut {
            let day = min(calendar.addingWorkingDays(1, to: from), calendar.workingDayOnOrAfter(due))
            bookings.append(PlannedContact(day: day, kind: .preReleasePlan, rule: rule.id, due: due))
            if rule.role.scores {
                standards.append(StandardInstance(standard: rule.standard, demand: .deadline(kind: .preReleasePlan, from: from, due: due),
                                                  applicable: true, code: ruleStandardCode[k]))
            }
        }
        let perMonth = options.custodyContactsPerMonth ?? custody.contactsPerMonth
        guard perMonth > 0 else { return }
        var j = 0
        while true {
            let start = h.comResponsible.adding(months: j)
            guard start < period.end else { break }
            let end = min(h.comResponsible.adding(months: j + 1), period.end)
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
        var d = day
        var left = n
        while left > 0 {
            d = d.adding(days: -1)
            if calendar.isWorkingDay(d) { left -= 1 }
        }
        return d
    }
}
