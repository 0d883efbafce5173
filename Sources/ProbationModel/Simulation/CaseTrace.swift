import SimulationCore
import ProbationRules

/// The tracing monitor (`probsim trace`): one case's timeline as dated lines of plain English.
struct CaseTrace: ModelMonitor {
    /// The case traced.
    let caseIndex: Int
    /// Standard ids by code, and activity ids by row, for naming things.
    let standardNames: [String]
    let activityNames: [String]
    private(set) var lines: [String] = []

    init(caseIndex: Int, standardNames: [String], activityNames: [String]) {
        self.caseIndex = caseIndex
        self.standardNames = standardNames
        self.activityNames = activityNames
    }

    mutating func note(_ day: Day, _ text: String) { lines.append("\(day.iso)  \(text)") }

    /// The lines in date order (stable: same-day lines keep the order they happened in).
    var timeline: [String] {
        lines.enumerated().sorted { ($0.element.prefix(10), $0.offset) < ($1.element.prefix(10), $1.offset) }.map(\.element)
    }

    mutating func caseJoined(_ i: Int, on day: Day, spec: CaseSpec, plan: ContactPlan, practitioner: Int, grade: PractitionerGroup.Grade) {
        guard i == caseIndex else { return }
        note(day, "joins the caseload: \(spec.type.rawValue), tier \(spec.tier), \(spec.rosh.rawValue) RoSH, flags [\(spec.flags.map(\.rawValue).sorted().joined(separator: ", "))]; phases " +
             plan.timeline.segments.map { "\($0.phase.rawValue) \($0.period.start.iso)..\($0.period.end.iso)" }.joined(separator: ", ") +
             "; practitioner \(practitioner) (\(grade.rawValue))")
        for s in plan.suspended { note(day, "planned contact suspended \(s.start.iso)..\(s.end.iso)") }
        if let h = plan.handover {
            note(day, "custody: " + (h.pomHeld ? "held by a prison offender manager until COM allocation \(h.comAllocated.iso)" : "held by probation from sentence") +
                 "; COM responsible from \(h.comResponsible.iso)" + (h.planDue.map { "; pre-release plan due \($0.iso)" } ?? ""))
        }
    }

    mutating func caseLeft(_ i: Int, on day: Day) {
        if i == caseIndex { note(day, "supervision ends") }
    }

    mutating func riskChanged(_ i: Int, on day: Day, from old: CaseSpec, to new: CaseSpec) {
        guard i == caseIndex else { return }
        note(day, "risk changes: RoSH \(old.rosh.rawValue) → \(new.rosh.rawValue), flags [\(new.flags.map(\.rawValue).sorted().joined(separator: ", "))]")
    }

    mutating func reallocated(_ i: Int, on day: Day, to practitioner: Int, grade: PractitionerGroup.Grade, leaver: Int?) {
        guard i == caseIndex else { return }
        if let p = leaver { note(day, "reallocated from practitioner \(p), who left, to practitioner \(practitioner) (\(grade.rawValue))") }
        else { note(day, "reallocated from a PSO to practitioner \(practitioner) (\(grade.rawValue))") }
    }

    mutating func reinstated(_ i: Int, on day: Day) {
        if i == caseIndex { note(day, "becomes exempt during suspension: contact reinstated") }
    }

    mutating func recalled(_ i: Int, on day: Day, cause: RecallCause, fixedTerm: Bool, emergency: Bool, days: Int, release: Day) {
        guard i == caseIndex else { return }
        let why = cause == .nonCompliance ? "non-compliance" : "risk or offending"
        note(day, "recalled for \(why) (\(fixedTerm ? "fixed-term" : "standard")\(emergency ? ", emergency" : ""), \(days) days); re-release \(release.iso)")
    }

    mutating func breachOutcome(_ i: Int, on day: Day, outcome: BreachOutcome) {
        guard i == caseIndex else { return }
        switch outcome {
        case .continue: note(day, "breach outcome: the order continues unchanged")
        case .amend: note(day, "breach outcome: the order is amended and continues (sentence plan review)")
        case .revoke: note(day, "breach outcome: the order is revoked; supervision ends")
        }
    }

    mutating func replannedUnder(_ i: Int, regime: String, on day: Day) {
        if i == caseIndex { note(day, "regime changes to \(regime): replanned from today") }
    }

    mutating func reReleased(_ i: Int, on day: Day) {
        if i == caseIndex { note(day, "re-released") }
    }

    mutating func comAllocated(_ i: Int, on day: Day) {
        if i == caseIndex { note(day, "COM allocated: the case joins a probation practitioner's caseload") }
    }

    mutating func released(_ i: Int, on day: Day) {
        if i == caseIndex { note(day, "released from custody: custody phase ends, licence begins") }
    }

    mutating func breached(_ i: Int, on day: Day, absences: Int, withinMonths: Int, phase: SupervisionPhase) {
        if i == caseIndex { note(day, "breach: \(absences) unacceptable absences within \(withinMonths) months of the \(phase.rawValue) phase") }
    }

    mutating func workDone(_ item: WorkItem, on day: Day, grade: PractitionerGroup.Grade, tier: Int, phase: Int, overtimeMinutes: Double) {
        // A task scored under a standard is described when it is scored; a contact when it is held.
        guard Int(item.caseIndex) == caseIndex, item.standard < 0, item.kind.contact == nil else { return }
        note(day, "\(activityNames[Int(item.activity)]) done")
    }

    mutating func workDropped(_ item: WorkItem, on day: Day, grade: PractitionerGroup.Grade, givesWay: ActivityKind.GivesWay) {
        if Int(item.caseIndex) == caseIndex { note(day, "\(activityNames[Int(item.activity)]) dropped: no room in the diary before it stopped counting (unmet)") }
    }

    mutating func courtReport(_ i: Int, on day: Day, kind: CourtReportKind, minutes: Double) {
        if i == caseIndex { note(day, "court report (\(kind.rawValue)) by the court team, \(Int(minutes.rounded())) minutes") }
    }

    mutating func contactHeld(_ i: Int, on day: Day, contact: ContactKind, attended: Bool, acceptable: Bool, attendanceDrawn: Bool, deferred: Bool) {
        guard i == caseIndex else { return }
        let what = !attendanceDrawn ? "done" : attended ? "attended" : "not attended (\(acceptable ? "acceptable" : "unacceptable"))"
        note(day, "\(contact.rawValue) \(what)\(deferred ? " (deferred for capacity)" : "")")
    }

    mutating func standardScored(_ i: Int, code: Int, name: String?, outcome: StandardOutcome, due: Day, task: DoneTask?, demand: StandardDemand?) {
        guard i == caseIndex else { return }
        let standard = code >= 0 ? standardNames[code] : (name ?? "")
        if let d = demand {
            note(due, "standard \(standard) (\(CaseTrace.describe(d))): \(outcome.rawValue)")
        } else if let task {
            note(task.day, "\(activityNames[Int(task.activity)]) done (\(standard) due \(due.iso): \(outcome.rawValue))")
        }
    }

    static func describe(_ d: StandardDemand) -> String {
        switch d {
        case .deadline(let k, _, let due): return "\(k.rawValue) by \(due.iso)"
        case .count(let w, let f, let c): return "\(f) F2F / \(c) contacts in \(w.start.iso)..\(w.end.adding(days: -1).iso)"
        case .homeVisit(let w): return "home visit in \(w.start.iso)..\(w.end.adding(days: -1).iso)"
        }
    }
}
