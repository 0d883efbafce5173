import SimulationCore
import ProbationRules

/// What a piece of diary work is, as the model's mechanics see it: a planned contact of a rule's
/// kind, a task the diary raises itself (enforcement, recall), or work booked by volume. Its
/// minutes, what it counts as and its output column come from the activity table (``ActivityTable``),
/// through the row that names the kind in `booked_by` (a volume item carries its row).
enum WorkKind: UInt8, CaseIterable {
    case initialAppointment, f2f, homeVisit, other, sentencePlan, upwStart, upwAssessment, otherProfessional
    case warningLetter, decision, breachReport, recallReport, volume, planReview, riskManagementPlan, summons
    /// Custody-phase kinds, last so that the earlier kinds keep their codes (and their draws).
    case preReleasePlan, custodyContact
    /// A parole report before release (a task the model books for a share of custody cases).
    case paroleReport
    case terminationAssessment

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
        case .preReleasePlan: self = .preReleasePlan
        case .custodyContact: self = .custodyContact
        case .terminationAssessment: self = .terminationAssessment
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
        case .preReleasePlan: return .preReleasePlan
        case .custodyContact: return .custodyContact
        case .terminationAssessment: return .terminationAssessment
        default: return nil
        }
    }

    /// The name an activity row gives in `booked_by` for the work this kind books (nil for
    /// volume work, which carries its row).
    var bookedByName: String? {
        if let c = contact { return c.rawValue }
        switch self {
        case .warningLetter: return "warning_letter"
        case .decision: return "decision"
        case .breachReport: return "breach_report"
        case .recallReport: return "recall_report"
        case .planReview: return "plan_review"
        case .riskManagementPlan: return "risk_management_plan"
        case .summons: return "summons"
        case .paroleReport: return "parole_report"
        default: return nil
        }
    }

    /// Whether it comes from the contact plan (dropped when the case is replanned or recalled).
    var isPlanned: Bool { contact != nil }

    /// The number of kinds (keyed-draw counters are kept per case and kind).
    static let count = WorkKind.allCases.count
}

/// One piece of work waiting in a diary: a planned contact, a task (enforcement, recall), or volume work.
///
/// Kept in a pool array and referred to by index from the event queue; a plain value of 44 bytes.
struct WorkItem {
    var caseIndex: Int32
    var kind: WorkKind
    /// Times it has been rebooked after non-attendance.
    var rebooks: UInt8
    /// Whether it has been deferred for capacity at least once.
    var deferred: Bool
    /// Its row in the activity table (what its minutes are, what it counts as, where they are
    /// reported); declared here, it takes what was padding.
    var activity: UInt8
    /// Index of the standard a task is scored under, or -1.
    var standard: Int16
    /// The case's practitioner when the work was put in the diary (UInt16.max: none, or one past
    /// 65,534), only to ask for that practitioner's list place and diary day before the work
    /// falls due (``ReplicationModel/prefetchNext(_:)``): a hint, never read for a result, so a
    /// case moved since leaves it stale and harmless. Declared here, it takes what was padding.
    var practitionerHint: UInt16
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

    /// The practitioner hint for practitioner p (UInt16.max for none, or one out of its range).
    @inline(__always) static func hint(practitioner p: Int32) -> UInt16 {
        p >= 0 && p < Int32(UInt16.max) ? UInt16(p) : .max
    }

    var totalMinutes: Double { Double(mainMinutes) + Double(recordMinutes) + Double(travelMinutes) }
}

/// What decides whether a piece of work still counts when its turn comes (see
/// ``ReplicationModel/isStillWanted(_:)``).
enum WantedRule: UInt8 {
    /// Its case is on the books.
    case caseActive
    /// A planned contact: its case is on the books, under the same plan, and not in custody.
    case planned
    /// Volume work not done in custody: its case is on the books and neither in custody nor before release.
    case volumeOutsideCustody

    /// Whether work under this rule (of plan `generation`) still counts for a case in state `s`.
    @inline(__always)
    func holds(generation: UInt32, _ s: CaseState) -> Bool {
        switch self {
        case .caseActive: return s.active
        case .planned: return s.active && generation == s.generation && !s.inCustody
        case .volumeOutsideCustody: return s.active && !s.inCustody && !s.preRelease
        }
    }
}

/// A planned booking as the diary needs it: its day, the last day it counts (Int32.max: none),
/// and what it is. 12 bytes, no strings.
struct Booking {
    var day: Int32
    var due: Int32
    var kind: WorkKind
}
