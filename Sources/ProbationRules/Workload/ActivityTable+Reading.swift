import SimulationCore

/// Reading the activity table: the shipped list of rows, and a scenario's `activities:` overrides.
extension ActivityTable {
    /// Keys a scenario may give for a row it overrides; a new row may give every row key but `booked_by`.
    static let overrideKeys = ["minutes", "per_case_month", "applies", "share", "every_months", "on", "label", "group", "gives_way", "source"]
    /// The older name of `reactive_event`'s volume, still read.
    static let legacyVolumeKey = "reactive_events_per_month"

    /// Reads the shipped list of rows (`base` nil), or a scenario's mapping of overrides and new
    /// rows on top of `base`. Problems go to the value's sink; nil when nothing could be read.
    /// `horizon` is the scenario's start and end, for a volume given as a schedule.
    package static func read(_ v: YAMLValue, base: ActivityTable?, horizon: (start: Day, end: Day)? = nil) -> ActivityTable? {
        guard let base else {
            guard let list = v.list() else { return nil }
            var table = ActivityTable(kinds: [])
            for item in list {
                guard let row = readRow(item, id: nil, allowBookedBy: true) else { continue }
                if table.index(of: row.id) != nil { item.report("a second activity with id '\(row.id)'") }
                table.kinds.append(row)
            }
            table.check(v)
            return table
        }
        var table = base
        guard case .mapping(let pairs) = v.node else {
            v.report("expected a mapping of activity ids to minutes or to {minutes, per_case_month, ...}, found \(v.found)")
            return nil
        }
        var seen = Set<String>()
        for (k, node) in pairs {
            guard case .scalar(let ks) = k else { continue }
            let id = ks.string
            let value = v.child(id, node)
            if !seen.insert(id).inserted { value.report("duplicate key '\(id)'; each key may appear once"); continue }
            if id == legacyVolumeKey {
                if let rate = value.number(in: 0...100), let i = table.index(of: "reactive_event") { table.kinds[i].perCaseMonth = rate }
                continue
            }
            if let i = table.index(of: id) {
                table.override(i, with: value, horizon: horizon)
            } else if case .mapping = node, let row = readRow(value, id: id, allowBookedBy: false, horizon: horizon) {
                if !row.isScheduled && row.unit != .recording && row.unit != .travel {
                    value.report("a new activity '\(id)' books itself: give 'per_case_month' above 0, 'every_months' or 'on'")
                }
                table.kinds.append(row)
            } else {
                var msg = "unknown activity '\(id)'"
                if let g = didYouMean(id, among: base.kinds.map(\.id) + [legacyVolumeKey]) { msg += " (did you mean '\(g)'?)" }
                value.report(msg + "; the activities are: \(base.kinds.map(\.id).joined(separator: ", ")); a new one is a mapping with label, group, minutes and per_case_month")
            }
        }
        table.check(v)
        return table
    }

    /// Applies a scenario's value for an existing row: minutes alone (a number or a
    /// distribution), or a mapping of `overrideKeys`.
    mutating func override(_ i: Int, with value: YAMLValue, horizon: (start: Day, end: Day)? = nil) {
        if case .mapping(let m) = value.node, m.contains(where: { if case .scalar(let s) = $0.key { return ActivityTable.rowKeys.contains(s.string) } else { return false } }) {
            guard let o = value.mapping(allowed: ActivityTable.overrideKeys) else { return }
            if let d = o["minutes"]?.distribution(in: 0...10_000) { kinds[i].minutes = d }
            if let pv = o["per_case_month"] { ActivityTable.readVolume(pv, into: &kinds[i], horizon: horizon) }
            ActivityTable.readSchedule(o, into: &kinds[i])
            if let l = o["label"]?.string() { kinds[i].label = l }
            if let g = o["group"]?.string() { kinds[i].group = g }
            if let w = o["gives_way"]?.choice(ActivityKind.GivesWay.self) { kinds[i].givesWay = w }
            if let s = o["source"]?.string() { kinds[i].source = s }
        } else if let d = value.distribution(in: 0...10_000) {
            kinds[i].minutes = d
        }
    }

    /// One row; `id` is given for a scenario's new row (its key).
    static func readRow(_ v: YAMLValue, id given: String?, allowBookedBy: Bool, horizon: (start: Day, end: Day)? = nil) -> ActivityKind? {
        let allowed = rowKeys.filter { (allowBookedBy || $0 != "booked_by") && (given == nil || $0 != "id") }
        guard let m = v.mapping(allowed: allowed) else { return nil }
        guard let id = given ?? m["id"]?.string() else { v.report("an activity needs an 'id'"); return nil }
        if id.isEmpty || id.contains(where: { !($0.isLowercase || $0.isNumber || $0 == "_") }) {
            (m["id"] ?? v).report("an activity id is lower-case letters, digits and '_' (it names a column), found '\(id)'")
        }
        guard let label = m["label"]?.string() else { v.report("activity '\(id)' needs a 'label'"); return nil }
        guard let group = m["group"]?.string() else { v.report("activity '\(id)' needs a 'group' (the kind of work the report shows it under)"); return nil }
        guard let minutes = m["minutes"].flatMap({ $0.distribution(in: 0...10_000) }) else {
            if m["minutes"] == nil { v.report("activity '\(id)' needs 'minutes'") }
            return nil
        }
        var row = ActivityKind(id: id, label: label, group: group, unit: m["unit"]?.choice(ActivityKind.Unit.self) ?? .task, minutes: minutes)
        if let c = m["counts_as"]?.choice(ActivityKind.CountsAs.self) { row.countsAs = c }
        if let b = m["attendance"]?.bool() { row.attendance = b }
        if let b = m["recording"]?.bool() { row.recording = b }
        if let b = m["travel"]?.bool() { row.travel = b }
        if let b = m["waits_until_done"]?.bool() { row.waitsUntilDone = b }
        if let w = m["gives_way"]?.choice(ActivityKind.GivesWay.self) { row.givesWay = w }
        if let pv = m["per_case_month"] { readVolume(pv, into: &row, horizon: horizon) }
        readSchedule(m, into: &row)
        if let w = m["wmt"]?.choice(ActivityKind.WMTTreatment.self) { row.wmt = w }
        if let g = m["grades"]?.choices(PractitionerGrade.self) { row.grades = PractitionerGrade.allCases.filter(g.contains) }
        if let s = m["source"]?.string() { row.source = s }
        if let b = m["booked_by"] {
            if case .scalar = b.node { row.bookedBy = b.string().map { [$0] } ?? [] } else { row.bookedBy = b.list()?.compactMap { $0.string() } ?? [] }
        }
        return row
    }

    /// A row's `per_case_month`: a rate, or (in a scenario, which knows its horizon) a schedule of rates.
    static func readVolume(_ pv: YAMLValue, into row: inout ActivityKind, horizon: (start: Day, end: Day)?) {
        if case .mapping = pv.node, let h = horizon {
            if let steps = pv.numberOrSchedule(in: 0...100, start: h.start, end: h.end), let first = steps.first {
                row.perCaseMonth = first.value
                row.perCaseMonthSchedule = steps
            }
        } else if let r = pv.number(in: 0...100) {
            row.perCaseMonth = r
        }
    }

    /// A row's `applies` (a rule's scope), `share` (of the cases in scope), `every_months` and `on` (event: working days after it).
    static func readSchedule(_ m: [String: YAMLValue], into row: inout ActivityKind) {
        if let a = m["applies"] {
            if case .sequence = a.node {
                row.applies = a.list()?.compactMap { RuleReader.readScope($0) } ?? []
            } else if let scope = RuleReader.readScope(a) {
                row.applies = [scope]
            }
        }
        if let e = m["every_months"]?.int(in: 0...120) { row.everyMonths = e }
        if let s = m["share"]?.number(in: 0...1) { row.share = s }
        if !row.isScheduled, let scoped = m["applies"] ?? m["share"] {
            scoped.report("'applies' and 'share' scope only the work a row books itself: give 'per_case_month', 'every_months' or 'on' with them")
        }
        if let o = m["on"], let triggers = o.mapping(allowed: ActivityKind.Trigger.allCases.map(\.rawValue)) {
            row.on = [:]
            for t in ActivityKind.Trigger.allCases {
                if let wd = triggers[t.rawValue]?.int(in: 0...366) { row.on[t] = wd }
            }
        }
    }

    /// Cross-row checks: one recording row and one travel row; each mechanism booked by one row.
    func check(_ v: YAMLValue) {
        if kinds.count > ActivityTable.maximumRows { v.report("the activity table has \(kinds.count) rows; at most \(ActivityTable.maximumRows) are allowed") }
        if kinds.filter({ $0.unit == .recording }).count != 1 { v.report("the activity table needs exactly one row with unit: recording") }
        if kinds.filter({ $0.unit == .travel }).count != 1 { v.report("the activity table needs exactly one row with unit: travel") }
        var booked = Set<String>()
        for k in kinds {
            for b in k.bookedBy where !booked.insert(b).inserted { v.report("two activities are booked by '\(b)'; each mechanism books one") }
        }
    }
}
