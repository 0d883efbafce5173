import SimulationCore

/// What a piece of diary work is; its activity decides its minutes and its hours column.
enum WorkKind: UInt8, CaseIterable {
    case initialAppointment, f2f, homeVisit, other, sentencePlan, upwStart, upwAssessment, otherProfessional
    case warningLetter, decision, breachReport, recallReport, reactive, planReview, riskManagementPlan, summons

    init(_ contact: ContactKind) {
        switch contact {
        case .initialAppointment: self = .initialAppointment
        case .f2f: self = .f2f
        case .homeVisit: self = .homeVisit
        case .other: self = .other
        case .sentencePlan: self = .sentencePlan
        case .upwStart: self = .upwStart
        case .upwAssessment: self = .upwAssessment
        case .otherProfessional: self = .otherProfessional
        }
    }

    /// The contact it is, for contact kinds (nil for tasks).
    var contact: ContactKind? {
        switch self {
        case .initialAppointment: return .initialAppointment
        case .f2f: return .f2f
        case .homeVisit: return .homeVisit
        case .other: return .other
        case .sentencePlan: return .sentencePlan
        case .upwStart: return .upwStart
        case .upwAssessment: return .upwAssessment
        case .otherProfessional: return .otherProfessional
        default: return nil
        }
    }

    /// Whether the person must turn up (attendance is drawn).
    var needsAttendance: Bool { contact.map { $0.isContact || $0 == .upwStart || $0 == .upwAssessment } ?? false }

    /// Whether it comes from the contact plan (dropped when the case is replanned or recalled).
    var isPlanned: Bool { contact != nil }

    /// The number of kinds (keyed-draw counters are kept per case and kind).
    static let count = WorkKind.allCases.count
}

/// The activities hours are reported by (`hours.by_activity`), in output order (17 of them:
/// the model keeps their minutes in `InlineArray<17, Double>`, ``Activity/count``).
enum Activity: Int, CaseIterable {
    case initialAppointment, f2fAppointment, homeVisit, homeVisitTravel, otherContact, recordKeeping, sentencePlan
    case upwStart, warningLetter, enforcementDecision, breachReport, recallReport, reactiveEvent
    case oasysReview, riskManagementPlan, upwAssessment, summons

    static let count = 17

    var name: String {
        ["initial_appointment", "f2f_appointment", "home_visit", "home_visit_travel", "other_contact", "record_keeping",
         "sentence_plan", "upw_start", "warning_letter", "enforcement_decision", "breach_report", "recall_report",
         "reactive_event", "oasys_review", "risk_management_plan", "upw_assessment", "summons"][rawValue]
    }

    /// The main activity of a kind of work.
    init(_ kind: WorkKind) {
        switch kind {
        case .initialAppointment: self = .initialAppointment
        case .f2f: self = .f2fAppointment
        case .homeVisit: self = .homeVisit
        case .other: self = .otherContact
        case .sentencePlan: self = .sentencePlan
        case .upwStart: self = .upwStart
        case .warningLetter: self = .warningLetter
        case .decision: self = .enforcementDecision
        case .breachReport: self = .breachReport
        case .recallReport: self = .recallReport
        case .reactive: self = .reactiveEvent
        case .upwAssessment: self = .upwAssessment
        case .otherProfessional: self = .otherContact
        case .planReview: self = .oasysReview
        case .riskManagementPlan: self = .riskManagementPlan
        case .summons: self = .summons
        }
    }
}

/// One piece of work waiting in a diary: a planned contact, or a task (enforcement, recall, reactive).
///
/// Kept in a pool array and referred to by index from the event queue; a plain value of 44 bytes.
struct WorkItem {
    var caseIndex: Int32
    var kind: WorkKind
    /// Times it has been rebooked after non-attendance.
    var rebooks: UInt8
    /// Whether it has been deferred for capacity at least once.
    var deferred: Bool
    /// Index of the standard a task is scored under, or -1.
    var standard: Int16
    /// The case's plan generation it belongs to (planned contacts only).
    var generation: UInt32
    /// The day it is booked for now.
    var day: Int32
    /// The last day it counts for its standard (Int32.max: none).
    var due: Int32
    /// The day it was first booked for.
    var firstDay: Int32
    /// Keyed-draw ordinal for its minutes and attendance: its kind's count for the case (common random numbers).
    var ordinal: UInt32
    /// Minutes of its main activity, record keeping and travel; main < 0 until drawn.
    var mainMinutes: Float
    var recordMinutes: Float
    var travelMinutes: Float

    var totalMinutes: Double { Double(mainMinutes) + Double(recordMinutes) + Double(travelMinutes) }
}

/// A planned booking as the diary needs it: its day, the last day it counts (Int32.max: none),
/// and what it is. 12 bytes, no strings.
struct Booking {
    var day: Int32
    var due: Int32
    var kind: WorkKind
}
