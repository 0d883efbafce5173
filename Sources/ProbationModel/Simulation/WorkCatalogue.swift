import SimulationCore
import ProbationRules

/// The activity table as the diary uses it, worked out once per run: each kind of work's row,
/// what its rows draw and add, and the rows booked by volume.
struct WorkCatalogue {
    let table: ActivityTable
    /// The row each kind of work books, by ``WorkKind`` raw value (volume work carries its own).
    let activityOfKind: [UInt8]
    /// By row: whether the person must attend, whether record keeping and travel are added.
    let attends: [Bool]
    let records: [Bool]
    let travels: [Bool]
    /// By row: deadline work, deferred until done and never dropped.
    let waitsUntilDone: [Bool]
    /// By row: its minutes as plain numbers (nil for an empirical distribution), drawn for each
    /// piece by ``drawMinutes(_:_:)``.
    let plainMinutes: [Distribution.Plain?]
    /// The rows whose minutes are added for record keeping and for travel.
    let recording: Int
    let travel: Int
    /// Rows booked by volume, in table order, with their rates per case-month (rows booked only
    /// by schedule or event are here with rate 0, for their draw counters).
    let volume: [(activity: Int, rate: Double)]
    /// By row: its volume's step changes on dates (empty: the rate in ``volume`` throughout).
    let volumeSchedule: [[ScheduledValue]]
    /// Rows booked by schedule: one piece every `months` months from the case's start.
    let scheduled: [(activity: Int, months: Int)]
    /// Rows booked by an event, with the working days after it.
    let triggered: [(activity: Int, trigger: ActivityKind.Trigger, workingDays: Int)]
    /// By row: the scopes its own bookings apply to, any of which may hold (empty: every case),
    /// and the share of those cases.
    let scope: [[CompiledScope]]
    let share: [Double]
    /// The row the court team's reports are reported under (`booked_by: court_team`), if any.
    let court: Int?
    /// By row: booked on recall, so it is done while the person is in custody.
    let doneInCustody: [Bool]
    /// By row: its rank among the volume rows (−1 if not booked by volume).
    let volumeRank: [Int]
    /// By row: its urgency when a day is full (0: gives way first, 4: last), for a case of high
    /// or very high RoSH and for any other case (risk work ranks with minimum contacts there);
    /// and the urgency of a planned contact above the minimum (``RationingSettings``).
    let urgencyHighRisk: [UInt8]
    let urgencyOtherRisk: [UInt8]
    let urgencyAboveMinimum: UInt8
    /// The class of each urgency (0 to 4), to report what gave way.
    let classOfUrgency: [ActivityKind.GivesWay]
    /// By row: whether work that goes late is dropped after `max_late_working_days` (all but statutory work).
    let lateLimited: [Bool]

    /// A draw of row `a`'s minutes. (Drawing through `table.kinds[a].minutes` copied the
    /// distribution out of the array, with a retain and a release of its shape's storage, on
    /// each of up to three draws a piece: about 1% of a calibrated tenth's instructions.)
    @inline(__always)
    func drawMinutes(_ a: Int, _ rng: RandomStream) -> Double {
        if let plain = plainMinutes[a] { return plain.sample(rng) }
        return table.kinds[a].minutes.sample(rng)
    }

    /// - Throws: ``InputProblems`` when a kind of work the model books has no row.
    init(_ table: ActivityTable, rationing: RationingSettings = RationingSettings()) throws {
        self.table = table
        var byKind: [UInt8] = []
        var missing: [String] = []
        for kind in WorkKind.allCases {
            guard let name = kind.bookedByName else { byKind.append(0); continue }
            if let i = table.index(bookedBy: name) { byKind.append(UInt8(i)) } else { byKind.append(0); missing.append(name) }
        }
        guard missing.isEmpty, let rec = table.recordingIndex, let trav = table.travelIndex, table.kinds.count <= ActivityTable.maximumRows else {
            throw InputProblems(problems: [InputProblem(file: "activity table", path: "activities", message:
                "no activity is booked by \(missing.joined(separator: ", ")) (or no recording or travel row, or more than \(ActivityTable.maximumRows) rows)")])
        }
        activityOfKind = byKind
        attends = table.kinds.map(\.attendance)
        records = table.kinds.map(\.recording)
        travels = table.kinds.map(\.travel)
        waitsUntilDone = table.kinds.map(\.waitsUntilDone)
        plainMinutes = table.kinds.map(\.minutes.plain)
        recording = rec
        travel = trav
        volume = table.volumeIndices.map { ($0, table.kinds[$0].perCaseMonthSchedule.map(\.value).max() ?? table.kinds[$0].perCaseMonth) }
        volumeSchedule = table.kinds.map(\.perCaseMonthSchedule)
        scheduled = table.kinds.indices.filter { table.kinds[$0].everyMonths > 0 }.map { ($0, table.kinds[$0].everyMonths) }
        triggered = table.kinds.indices.flatMap { i in
            ActivityKind.Trigger.allCases.compactMap { t in table.kinds[i].on[t].map { (i, t, $0) } }
        }
        scope = table.kinds.map { $0.applies.map(CompiledScope.init) }
        share = table.kinds.map(\.share)
        doneInCustody = table.kinds.map { $0.on[.recall] != nil }
        court = table.index(bookedBy: "court_team")
        var rank = Array(repeating: -1, count: table.kinds.count)
        for (r, v) in table.volumeIndices.enumerated() { rank[v] = r }
        volumeRank = rank
        let urgency = rationing.urgency
        urgencyHighRisk = table.kinds.map { UInt8(urgency[$0.givesWay] ?? 0) }
        urgencyOtherRisk = table.kinds.map { UInt8(urgency[$0.givesWay == .riskWork ? .minimumContacts : $0.givesWay] ?? 0) }
        urgencyAboveMinimum = UInt8(urgency[.aboveMinimum] ?? 0)
        classOfUrgency = rationing.order
        lateLimited = table.kinds.map { $0.givesWay != .statutory }
    }

    /// The urgency of a piece of work when a day is full: a planned contact no standard depends
    /// on ranks above the minimum; other work by its row and the case's RoSH.
    @inline(__always) func urgency(_ item: WorkItem, rosh: RoSH) -> UInt8 {
        if item.kind.isPlanned && item.due == Int32.max { return urgencyAboveMinimum }
        return rosh >= .high ? urgencyHighRisk[Int(item.activity)] : urgencyOtherRisk[Int(item.activity)]
    }

    var count: Int { table.kinds.count }


    /// Keyed-draw counters kept per case: one per kind of work, and one more per volume row after the first.
    var ordinalSlots: Int { WorkKind.count + max(0, volume.count - 1) }

    /// The counter a piece of work's ordinal comes from: its kind's, or its volume row's.
    @inline(__always) func ordinalSlot(_ kind: WorkKind, activity: UInt8) -> Int {
        let rank = kind == .volume ? volumeRank[Int(activity)] : 0
        return rank <= 0 ? Int(kind.rawValue) : WorkKind.count + rank - 1
    }

    /// What a work draw is keyed by besides its ordinal: its kind, and for volume work its rank
    /// among the volume rows (0 for the first, so one volume row keys as the kind alone).
    @inline(__always) func drawCode(_ kind: WorkKind, activity: UInt8) -> UInt64 {
        let rank = kind == .volume ? UInt64(max(0, volumeRank[Int(activity)])) : 0
        return UInt64(kind.rawValue) | rank << 8
    }
}
