import SimulationCore
import ProbationRules

/// What the model announces as it runs: the named points of a case's life and of the diary's
/// work. Measurement (``Measures``) and tracing (``CaseTrace``) are monitors; the model's
/// handlers hold only its mechanics and call these points.
///
/// Every point has a do-nothing default, so a monitor implements only what it watches. Case
/// indices are the model's; days are the simulated days the thing happened on.
protocol ModelMonitor {
    /// Case `i` joins the caseload (at its start, or part-way at the simulation start), held by `practitioner`.
    mutating func caseJoined(_ i: Int, on day: Day, spec: CaseSpec, plan: ContactPlan, practitioner: Int, grade: PractitionerGroup.Grade)
    /// Case `i`'s supervision ends.
    mutating func caseLeft(_ i: Int, on day: Day)
    /// Case `i`'s RoSH or flags change.
    mutating func riskChanged(_ i: Int, on day: Day, from old: CaseSpec, to new: CaseSpec)
    /// Case `i` moves to another practitioner (from `leaver`, who left; nil: from a PSO who may not hold it).
    mutating func reallocated(_ i: Int, on day: Day, to practitioner: Int, grade: PractitionerGroup.Grade, leaver: Int?)
    /// Case `i` becomes exempt during a suspension, so its contact is reinstated.
    mutating func reinstated(_ i: Int, on day: Day)
    /// A regime timeline puts `regime` in force; case `i`, on the books, is replanned under it.
    mutating func replannedUnder(_ i: Int, regime: String, on day: Day)
    /// Case `i` is recalled to custody until `release`.
    mutating func recalled(_ i: Int, on day: Day, cause: RecallCause, fixedTerm: Bool, emergency: Bool, days: Int, release: Day)
    /// The court's outcome of case `i`'s breach report (a community or suspended sentence order), done on `day`.
    mutating func breachOutcome(_ i: Int, on day: Day, outcome: BreachOutcome)
    /// Case `i` is re-released after a recall.
    mutating func reReleased(_ i: Int, on day: Day)
    /// Case `i` is released at the end of its custody phase.
    mutating func released(_ i: Int, on day: Day)
    /// Case `i`, held by a POM, is allocated to a COM.
    mutating func comAllocated(_ i: Int, on day: Day)
    /// Case `i` missed a contact without an acceptable reason.
    mutating func unacceptableAbsence(_ i: Int, on day: Day)
    /// Case `i`'s absences start breach action.
    mutating func breached(_ i: Int, on day: Day, absences: Int, withinMonths: Int, phase: SupervisionPhase)
    /// A piece of work is done on `day` by a practitioner of `grade`, for a case of tier letter
    /// `tier` (0-3: A-D) in phase `phase` (``SupervisionPhase`` index; -1 when none, or before the
    /// warm-up's end), `overtimeMinutes` of it beyond the day's case-work minutes.
    mutating func workDone(_ item: WorkItem, on day: Day, grade: PractitionerGroup.Grade, tier: Int, phase: Int, overtimeMinutes: Double)
    /// A piece of work found its day full and moves to `item.day` (`item.deferred` says whether it had moved before).
    mutating func workDeferred(_ item: WorkItem, on day: Day)
    /// `count` pieces of waiting work (deferred before) found their day full again and wait another working day.
    mutating func workWaited(on day: Day, count: Int)
    /// A piece of work is dropped: no room in the diary before it stopped counting (its case
    /// held by a practitioner of `grade`; `givesWay` its class when the day was full).
    mutating func workDropped(_ item: WorkItem, on day: Day, grade: PractitionerGroup.Grade, givesWay: ActivityKind.GivesWay)
    /// A piece of work is withdrawn: its case ended, was replanned or is in custody.
    mutating func workWithdrawn(_ item: WorkItem)
    /// A piece of work is still waiting when the simulation ends (its case held by `grade`).
    mutating func workOutstanding(_ item: WorkItem, grade: PractitionerGroup.Grade)
    /// The court team writes a pre-sentence report of `minutes` for case `i`, sentenced on `day`.
    mutating func courtReport(_ i: Int, on day: Day, kind: CourtReportKind, minutes: Double)
    /// A contact is held (a task of the contact plan done): attended or not, if attendance is drawn.
    mutating func contactHeld(_ i: Int, on day: Day, contact: ContactKind, attended: Bool, acceptable: Bool, attendanceDrawn: Bool, deferred: Bool)
    /// A standard of case `i` that fell due on `due` is scored: by its code in the regime's
    /// standards (`name` only when it has none); `task` is the task done for it, if one was,
    /// `demand` what a plan's standard asked for.
    mutating func standardScored(_ i: Int, code: Int, name: String?, outcome: StandardOutcome, due: Day, task: DoneTask?, demand: StandardDemand?)
    /// A week of measurement starts, with the caseload as it stands.
    mutating func weekStarted(_ day: Day, caseload: CaseloadSnapshot)
}

/// A task done for a standard: its activity row and the day it was done.
struct DoneTask {
    var activity: UInt8
    var day: Day
}

/// The caseload at a week's start.
struct CaseloadSnapshot {
    var cases: Int
    var inCustody: Int
    /// People in custody held by a POM: under probation supervision, on no practitioner's caseload.
    var pomHeld: Int
    /// By phase, in ``SupervisionPhase/allCases`` order.
    var byPhase: [Int]
    /// By tier letter (A-D).
    var byTier: [Int]
    /// Cases per practitioner: see ``WeekRow/caseloadDistribution``.
    var distribution: [Double]
    var meanPerPractitioner: Double
    var p90PerPractitioner: Double
    var wmtPercent: Double
    /// WMT capacity % of POs and of PSOs.
    var wmtPercentPO: Double
    var wmtPercentPSO: Double
    /// Contracted FTE less workload reductions, as it stands.
    var caseHoldingFTE: Double
    /// Contracted FTE of the case holders in post and the court team's FTE, as it stands.
    var fteInPost: Double = .nan
}

extension ModelMonitor {
    mutating func caseJoined(_ i: Int, on day: Day, spec: CaseSpec, plan: ContactPlan, practitioner: Int, grade: PractitionerGroup.Grade) {}
    mutating func caseLeft(_ i: Int, on day: Day) {}
    mutating func riskChanged(_ i: Int, on day: Day, from old: CaseSpec, to new: CaseSpec) {}
    mutating func reallocated(_ i: Int, on day: Day, to practitioner: Int, grade: PractitionerGroup.Grade, leaver: Int?) {}
    mutating func reinstated(_ i: Int, on day: Day) {}
    mutating func replannedUnder(_ i: Int, regime: String, on day: Day) {}
    mutating func recalled(_ i: Int, on day: Day, cause: RecallCause, fixedTerm: Bool, emergency: Bool, days: Int, release: Day) {}
    mutating func breachOutcome(_ i: Int, on day: Day, outcome: BreachOutcome) {}
    mutating func reReleased(_ i: Int, on day: Day) {}
    mutating func released(_ i: Int, on day: Day) {}
    mutating func comAllocated(_ i: Int, on day: Day) {}
    mutating func unacceptableAbsence(_ i: Int, on day: Day) {}
    mutating func breached(_ i: Int, on day: Day, absences: Int, withinMonths: Int, phase: SupervisionPhase) {}
    mutating func workDone(_ item: WorkItem, on day: Day, grade: PractitionerGroup.Grade, tier: Int, phase: Int, overtimeMinutes: Double) {}
    mutating func workDeferred(_ item: WorkItem, on day: Day) {}
    mutating func workWaited(on day: Day, count: Int) {}
    mutating func workDropped(_ item: WorkItem, on day: Day, grade: PractitionerGroup.Grade, givesWay: ActivityKind.GivesWay) {}
    mutating func workWithdrawn(_ item: WorkItem) {}
    mutating func workOutstanding(_ item: WorkItem, grade: PractitionerGroup.Grade) {}
    mutating func courtReport(_ i: Int, on day: Day, kind: CourtReportKind, minutes: Double) {}
    mutating func contactHeld(_ i: Int, on day: Day, contact: ContactKind, attended: Bool, acceptable: Bool, attendanceDrawn: Bool, deferred: Bool) {}
    mutating func standardScored(_ i: Int, code: Int, name: String?, outcome: StandardOutcome, due: Day, task: DoneTask?, demand: StandardDemand?) {}
    mutating func weekStarted(_ day: Day, caseload: CaseloadSnapshot) {}
}

/// The monitors of one run: the measures always, and a case's trace when `probsim trace` asks.
/// Each point is passed to both; with no trace, the only cost is the check for it.
struct Monitors: ModelMonitor {
    var measures: Measures
    var trace: CaseTrace?

    mutating func caseJoined(_ i: Int, on day: Day, spec: CaseSpec, plan: ContactPlan, practitioner: Int, grade: PractitionerGroup.Grade) {
        measures.caseJoined(i, on: day, spec: spec, plan: plan, practitioner: practitioner, grade: grade)
        trace?.caseJoined(i, on: day, spec: spec, plan: plan, practitioner: practitioner, grade: grade)
    }
    mutating func caseLeft(_ i: Int, on day: Day) { trace?.caseLeft(i, on: day) }
    mutating func riskChanged(_ i: Int, on day: Day, from old: CaseSpec, to new: CaseSpec) { trace?.riskChanged(i, on: day, from: old, to: new) }
    mutating func reallocated(_ i: Int, on day: Day, to practitioner: Int, grade: PractitionerGroup.Grade, leaver: Int?) {
        trace?.reallocated(i, on: day, to: practitioner, grade: grade, leaver: leaver)
    }
    mutating func reinstated(_ i: Int, on day: Day) { trace?.reinstated(i, on: day) }
    mutating func replannedUnder(_ i: Int, regime: String, on day: Day) { trace?.replannedUnder(i, regime: regime, on: day) }
    mutating func recalled(_ i: Int, on day: Day, cause: RecallCause, fixedTerm: Bool, emergency: Bool, days: Int, release: Day) {
        measures.recalled(i, on: day, cause: cause, fixedTerm: fixedTerm, emergency: emergency, days: days, release: release)
        trace?.recalled(i, on: day, cause: cause, fixedTerm: fixedTerm, emergency: emergency, days: days, release: release)
    }
    mutating func breachOutcome(_ i: Int, on day: Day, outcome: BreachOutcome) {
        measures.breachOutcome(i, on: day, outcome: outcome)
        trace?.breachOutcome(i, on: day, outcome: outcome)
    }
    mutating func reReleased(_ i: Int, on day: Day) { trace?.reReleased(i, on: day) }
    mutating func released(_ i: Int, on day: Day) { trace?.released(i, on: day) }
    mutating func comAllocated(_ i: Int, on day: Day) { trace?.comAllocated(i, on: day) }
    mutating func unacceptableAbsence(_ i: Int, on day: Day) { measures.unacceptableAbsence(i, on: day) }
    mutating func breached(_ i: Int, on day: Day, absences: Int, withinMonths: Int, phase: SupervisionPhase) {
        trace?.breached(i, on: day, absences: absences, withinMonths: withinMonths, phase: phase)
    }
    mutating func workDone(_ item: WorkItem, on day: Day, grade: PractitionerGroup.Grade, tier: Int, phase: Int, overtimeMinutes: Double) {
        measures.workDone(item, on: day, grade: grade, tier: tier, phase: phase, overtimeMinutes: overtimeMinutes)
        trace?.workDone(item, on: day, grade: grade, tier: tier, phase: phase, overtimeMinutes: overtimeMinutes)
    }
    mutating func workDeferred(_ item: WorkItem, on day: Day) { measures.workDeferred(item, on: day) }
    mutating func workWaited(on day: Day, count: Int) { measures.workWaited(on: day, count: count) }
    mutating func workDropped(_ item: WorkItem, on day: Day, grade: PractitionerGroup.Grade, givesWay: ActivityKind.GivesWay) {
        measures.workDropped(item, on: day, grade: grade, givesWay: givesWay)
        trace?.workDropped(item, on: day, grade: grade, givesWay: givesWay)
    }
    mutating func workWithdrawn(_ item: WorkItem) { measures.workWithdrawn(item) }
    mutating func workOutstanding(_ item: WorkItem, grade: PractitionerGroup.Grade) { measures.workOutstanding(item, grade: grade) }
    mutating func courtReport(_ i: Int, on day: Day, kind: CourtReportKind, minutes: Double) {
        measures.courtReport(i, on: day, kind: kind, minutes: minutes)
        trace?.courtReport(i, on: day, kind: kind, minutes: minutes)
    }
    mutating func contactHeld(_ i: Int, on day: Day, contact: ContactKind, attended: Bool, acceptable: Bool, attendanceDrawn: Bool, deferred: Bool) {
        measures.contactHeld(i, on: day, contact: contact, attended: attended, acceptable: acceptable, attendanceDrawn: attendanceDrawn, deferred: deferred)
        trace?.contactHeld(i, on: day, contact: contact, attended: attended, acceptable: acceptable, attendanceDrawn: attendanceDrawn, deferred: deferred)
    }
    mutating func standardScored(_ i: Int, code: Int, name: String?, outcome: StandardOutcome, due: Day, task: DoneTask?, demand: StandardDemand?) {
        measures.standardScored(i, code: code, name: name, outcome: outcome, due: due, task: task, demand: demand)
        trace?.standardScored(i, code: code, name: name, outcome: outcome, due: due, task: task, demand: demand)
    }
    mutating func weekStarted(_ day: Day, caseload: CaseloadSnapshot) { measures.weekStarted(day, caseload: caseload) }
}
