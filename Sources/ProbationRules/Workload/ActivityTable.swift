import Foundation
import SimulationCore

/// One kind of practitioner work: what it is called, how long it takes, what it counts as, and
/// (for work no rule books) how often it arises. A row of the activity table.
public struct ActivityKind: Sendable {
    /// What a contact counts towards.
    public enum CountsAs: String, Sendable, CaseIterable { case f2f, contact, none }
    /// What a row is: work with the person, work about the case, or minutes added to other work.
    public enum Unit: String, Sendable, CaseIterable { case contact, task, recording, travel }
    /// How the Workload Measurement Tool counts it.
    public enum WMTTreatment: String, Sendable, CaseIterable { case `case`, report, none }
    /// An event in a case's life that books a row's work (`on:`): a change of RoSH or flags, a
    /// recall to custody, a re-release after a recall.
    public enum Trigger: String, Sendable, CaseIterable { case riskChange = "risk_change", recall, release }
    /// Where work stands when a day is full (conventions §10): the classes of work in the
    /// default order they give way, first to last. Professional-judgement contacts above the
    /// regime's minimum (a planned contact no standard depends on) are `above_minimum` whatever
    /// their row; `risk_work` ranks as such for high and very high RoSH cases, and with
    /// `minimum_contacts` for others. The order is `workforce.rationing.order`.
    public enum GivesWay: String, Sendable, CaseIterable {
        case aboveMinimum = "above_minimum"
        case reviewsAndAdmin = "reviews_and_admin"
        case minimumContacts = "minimum_contacts"
        case riskWork = "risk_work"
        case statutory

        /// Its position in `allCases`.
        public var index: Int {
            switch self {
            case .aboveMinimum: return 0
            case .reviewsAndAdmin: return 1
            case .minimumContacts: return 2
            case .riskWork: return 3
            case .statutory: return 4
            }
        }
    }

    /// The name in every output (`hours.by_activity.<id>`).
    public var id: String
    public var label: String
    /// The kind of work the report groups it under (contact, assessment, enforcement, ...).
    public var group: String
    public var unit: Unit
    /// Practitioner minutes per piece of work.
    public var minutes: Distribution
    public var countsAs: CountsAs = .none
    /// Whether the person must turn up (attendance is drawn).
    public var attendance = false
    /// Whether record-keeping minutes are added.
    public var recording = false
    /// Whether travel minutes are added.
    public var travel = false
    /// Deadline work: when a day is full it goes late rather than being dropped (statutory work
    /// until done; other work up to `workforce.rationing.max_late_working_days` past its deadline).
    public var waitsUntilDone = false
    /// Its class when a day is full (`gives_way`; default `minimum_contacts`).
    public var givesWay: GivesWay = .minimumContacts
    /// The model's mechanisms that book it (a rule's contact kind, or a task); empty for volume work.
    public var bookedBy: [String] = []
    /// Volume: a Poisson rate of this work per case-month on the books outside custody (0: none).
    public var perCaseMonth = 0.0
    /// The volume's step changes on dates (`per_case_month: {schedule: [...]}`); empty: the
    /// rate above throughout (it is then the first step's value).
    public var perCaseMonthSchedule: [ScheduledValue] = []
    /// Which cases the row's volume, schedule and triggers apply to: rule scopes, any of which
    /// may hold (empty: every case). Work a rule books (`booked_by`) is scoped by the rule.
    public var applies: [RuleScope] = []
    /// A schedule: one piece every this many months from the start of the case's supervision (0: none).
    public var everyMonths = 0
    /// Events that book one piece, each with its offset in working days from the event.
    public var on: [Trigger: Int] = [:]
    /// The share of the cases in scope that have the row's own bookings at all (e.g. MAPPA cases
    /// managed at level 2 or 3), fixed per case.
    public var share = 1.0
    public var wmt: WMTTreatment = .case
    public var grades: [PractitionerGrade] = [.PO, .PSO]
    /// Where the default comes from.
    public var source = ""

    /// Whether the row books work itself: by volume, by schedule or on an event.
    public var isScheduled: Bool { perCaseMonth > 0 || perCaseMonthSchedule.contains { $0.value > 0 } || everyMonths > 0 || !on.isEmpty }

    /// The volume per case-month in force on `day`.
    public func perCaseMonth(on day: Day) -> Double {
        perCaseMonthSchedule.value(on: day) ?? perCaseMonth
    }
}

/// The activity table: every kind of work probsim books and reports, in output order.
///
/// Shipped as `activities.yaml` beside this file and read once; a scenario's `activities:`
/// overrides a row's minutes or volume, or adds rows (work booked by volume). The model, the
/// outputs, the report and the schema read it, so adding a kind of work is one entry.
public struct ActivityTable: Sendable {
    public var kinds: [ActivityKind]

    /// Position of an activity by id.
    public func index(of id: String) -> Int? { kinds.firstIndex { $0.id == id } }

    /// The activity a mechanism books (`f2f`, `warning_letter`, ...), if the table names one.
    public func index(bookedBy name: String) -> Int? { kinds.firstIndex { $0.bookedBy.contains(name) } }

    /// The row whose minutes are added for record keeping, and for travel.
    public var recordingIndex: Int? { kinds.firstIndex { $0.unit == .recording } }
    public var travelIndex: Int? { kinds.firstIndex { $0.unit == .travel } }

    /// Rows booked by volume, schedule or event, in table order.
    public var volumeIndices: [Int] { kinds.indices.filter { kinds[$0].isScheduled } }

    /// The report's kinds of work, in first-seen table order.
    public var groups: [String] { kinds.reduce(into: [String]()) { if !$0.contains($1.group) { $0.append($1.group) } } }

    /// The shipped table (`activities.yaml`).
    public static let builtIn: ActivityTable = {
        guard let url = Bundle.module.url(forResource: "activities", withExtension: "yaml"),
              let text = try? String(contentsOf: url, encoding: .utf8) else {
            fatalError("internal error: the shipped activity table activities.yaml is missing (a packaging bug)")
        }
        let sink = YAMLValue.ProblemSink()
        guard let root = YAMLValue.parse(text, file: "activities.yaml", sink: sink), let table = read(root, base: nil),
              sink.problems.isEmpty else {
            fatalError("internal error: the shipped activity table is invalid (a packaging bug):\n\(InputProblems(problems: sink.problems))")
        }
        return table
    }()

    /// The most rows a table may have (the model keeps minutes by row in fixed inline storage).
    public static let maximumRows = 64

    static let rowKeys = ["id", "label", "group", "unit", "minutes", "counts_as", "attendance", "recording", "travel", "waits_until_done", "gives_way", "booked_by",
                          "per_case_month", "applies", "share", "every_months", "on", "wmt", "grades", "source"]
}
