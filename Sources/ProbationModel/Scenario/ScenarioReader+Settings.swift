import SimulationCore
import ProbationRules

/// Reading `behaviour`, `workforce` and `activities`.
///
/// A map-valued key given in a file replaces its default as a whole: entries left out are zero
/// (or absent), never the default's. The one exception, `workforce.nominal_target_points`,
/// merges: a grade left out keeps its default.
extension ScenarioReader {
    static func readBehaviour(_ v: YAMLValue, into b: inout BehaviourSettings, start: Day, end: Day) {
        guard let m = v.mapping(allowed: ["attendance", "acceptable_absence", "rosh_monthly", "monthly_hazards", "recall",
                                          "rebook_after_working_days", "max_rebookings", "breach_outcomes"]) else { return }
        if let a = m["attendance"] {
            if case .scalar = a.node, let p = a.number(in: 0...1) { for l in "ABCD" { b.attendance[l] = p } }
            else if a.value(at: "schedule") != nil {
                // A schedule: one probability for every letter from each date.
                if let steps = a.numberOrSchedule(in: 0...1, start: start, end: end), let first = steps.first {
                    for l in "ABCD" { b.attendance[l] = first.value }
                    b.attendanceSchedule = steps
                }
            } else if let am = a.mapping(allowed: ["A", "B", "C", "D", "schedule"]) {
                b.attendance = [:]
                for (k, x) in am { if let p = x.number(in: 0...1) { b.attendance[k.first!] = p } }
            }
        }
        if let p = m["acceptable_absence"]?.number(in: 0...1) { b.acceptableAbsence = p }
        if let rv = m["rosh_monthly"], let rm = rv.mapping(allowed: RoSH.allCases.map(\.rawValue)) {
            b.roshMonthly = [:]
            for from in RoSH.allCases {
                guard let fv = rm[from.rawValue], let fm = fv.mapping(allowed: RoSH.allCases.map(\.rawValue)) else { continue }
                var row: [(RoSH, Double)] = []
                for to in RoSH.allCases where to != from { if let p = fm[to.rawValue]?.number(in: 0...1) { row.append((to, p)) } }
                if fm[from.rawValue] != nil { fm[from.rawValue]?.report("a transition to the same level is implied (1 minus the others); leave it out") }
                if row.reduce(0, { $0 + $1.1 }) > 1 { fv.report("the monthly transition probabilities from \(from.rawValue) add up to more than 1") }
                b.roshMonthly[from] = row
            }
        }
        if let hv = m["monthly_hazards"], let hm = hv.mapping(allowed: [CohortFlag.mappa, .nsd, .childProtection].map(\.rawValue)) {
            b.monthlyHazards = [:]
            for (k, x) in hm { if let p = x.number(in: 0...1) { b.monthlyHazards[CohortFlag(rawValue: k)!] = p } }
        }
        if let rv = m["recall"], let rm = rv.mapping(allowed: ["per_unacceptable_absence", "fixed_term_share", "fixed_term_days", "standard_days",
                                                                  "emergency_share", "hazard_per_month", "hazard_scale"]) {
            if let p = rm["emergency_share"]?.number(in: 0...1) { b.emergencyRecallShare = p }
            if let p = rm["per_unacceptable_absence"]?.number(in: 0...1) { b.recallPerUnacceptableAbsence = p }
            if let p = rm["fixed_term_share"]?.number(in: 0...1) { b.fixedTermShare = p }
            if let fv = rm["fixed_term_days"] { readFixedTermDays(fv, into: &b) }
            if let d = rm["standard_days"]?.distribution(in: 0...3650) { b.standardDays = d }
            if let hv = rm["hazard_per_month"], let hm = hv.mapping(allowed: RoSH.allCases.map(\.rawValue)) {
                b.recallHazardPerMonth = [:]
                for level in RoSH.allCases {
                    guard let x = hm[level.rawValue] else {
                        hv.report("the monthly recall hazard has no '\(level.rawValue)'; give all four RoSH levels (low, medium, high, very_high), each a probability from 0 to 1")
                        continue
                    }
                    if let p = x.number(in: 0...1) { b.recallHazardPerMonth[level] = p }
                }
            }
            if let x = rm["hazard_scale"]?.number(in: 0...1000) { b.recallHazardScale = x }
        }
        if let ov = m["breach_outcomes"], let om = ov.mapping(allowed: ["continue", "amend", "revoke"]) {
            var shares: [String: Double] = [:]
            for key in ["continue", "amend", "revoke"] {
                guard let x = om[key] else {
                    ov.report("the breach outcomes have no '\(key)'; give continue, amend and revoke, shares adding up to 1")
                    continue
                }
                if let p = x.number(in: 0...1) { shares[key] = p }
            }
            if shares.count == 3 {
                let total = ["continue", "amend", "revoke"].reduce(0.0) { $0 + shares[$1]! }   // a fixed order: the same sum every time
                if abs(total - 1) > 1e-6 { ov.report("the breach outcomes (continue, amend, revoke) add up to \(String(format: "%g", total)); they must add up to 1") }
                b.breachOutcomes = BreachOutcomeShares(continue: shares["continue"]!, amend: shares["amend"]!, revoke: shares["revoke"]!)
            }
        }
        if let x = m["rebook_after_working_days"]?.int(in: 1...20) { b.rebookAfterWorkingDays = x }
        if let x = m["max_rebookings"]?.int(in: 0...10) { b.maxRebookings = x }
    }

    /// `behaviour.recall.fixed_term_days`: a number of days for every sentence, or a list of bands
    /// `{sentence_months_under: M, days: D}` in rising order of bound, the last with no bound.
    static func readFixedTermDays(_ v: YAMLValue, into b: inout BehaviourSettings) {
        if case .scalar = v.node {
            if let d = v.int(in: 1...3650) { b.fixedTermDays = d }
            return
        }
        guard case .sequence = v.node else {
            v.report("expected a number of days, or a list of bands like [{sentence_months_under: 12, days: 14}, {days: 28}], found \(v.found)")
            return
        }
        guard let list = v.list() else { return }
        if list.isEmpty { v.report("an empty list of bands gives no length; give at least one band, the last without 'sentence_months_under' (e.g. [{days: 14}])") }
        var bands: [FixedTermBand] = []
        var previous = -Double.infinity
        for (k, item) in list.enumerated() {
            guard let bm = item.mapping(allowed: ["sentence_months_under", "days"]) else { continue }
            guard let days = bm["days"] else { item.report("a band needs 'days' (days in custody on a fixed-term recall)"); continue }
            guard let d = days.int(in: 1...3650) else { continue }
            let last = k == list.count - 1
            var bound: Double? = nil
            if let uv = bm["sentence_months_under"] {
                guard let u = uv.number(in: 0...1200) else { continue }
                if last {
                    uv.report("the last band must have no 'sentence_months_under' (it takes every longer sentence); found \(u)")
                    continue
                }
                if u <= previous {
                    uv.report("bands must be in rising order of 'sentence_months_under'; found \(u) after \(previous)")
                    continue
                }
                previous = u
                bound = u
            } else if !last {
                item.report("only the last band may leave out 'sentence_months_under'; this is band \(k + 1) of \(list.count)")
                continue
            }
            bands.append(FixedTermBand(sentenceMonthsUnder: bound, days: d))
        }
        if !bands.isEmpty && bands.count == list.count { b.fixedTermBands = bands }
    }

    static func readWorkforce(_ v: YAMLValue, into w: inout WorkforceSettings, start: Day, end: Day) {
        guard let m = v.mapping(allowed: ["practitioners", "unlimited", "pso_max_rosh", "leave_days_per_year", "sickness_share", "nominal_target_points",
                                          "max_deferral_working_days", "non_case_share", "court_team", "rationing", "intakes", "attrition_per_year"]) else { return }
        if let r = m["rationing"] { readRationing(r, into: &w.rationing) }
        if let nv = m["non_case_share"], let nm = nv.mapping(allowed: ["PO", "PSO"]) {
            for (k, x) in nm { if let p = x.number(in: 0...0.95) { w.nonCaseShare[PractitionerGroup.Grade(rawValue: k)!] = p } }
        }
        if let c = m["court_team"] { readCourtTeam(c, into: &w.courtTeam) }
        if let x = m["max_deferral_working_days"]?.int(in: 0...260) { w.maxDeferralWorkingDays = x }
        if let u = m["unlimited"], let unlimited = u.bool() {
            if !unlimited { u.report("'unlimited: false' says nothing; give 'practitioners' for finite capacity, or leave 'unlimited' out") }
            if m["practitioners"] != nil { u.report("'unlimited: true' and 'practitioners' contradict each other; give one of them") }
        }
        if let pv = m["practitioners"], let list = pv.list() {
            if list.isEmpty {
                pv.report("an empty list of practitioners would mean no staff at all; give at least one group (e.g. {grade: PO, count: 5}), or write 'unlimited: true' for unlimited capacity")
            }
            w.practitioners = []
            for item in list {
                guard let pm = item.mapping(allowed: ["grade", "count", "hours_per_week", "case_work_share", "cohort", "months_in_training", "reduction"]) else { continue }
                guard let grade = pm["grade"]?.choice(PractitionerGroup.Grade.self) else {
                    if pm["grade"] == nil { item.report("a practitioner group needs 'grade' (PO or PSO)") }
                    continue
                }
                var g = PractitionerGroup(grade: grade, count: 1)
                if let cv = pm["count"] {
                    if case .mapping = cv.node {
                        if let steps = cv.numberOrSchedule(in: 0...100_000, start: start, end: end), let first = steps.first {
                            if let odd = steps.first(where: { $0.value != $0.value.rounded() }) {
                                cv.report("a head count is whole people, found \(JSONValue.format(odd.value)) from \(odd.from.iso)")
                            }
                            g.count = Int(first.value)
                            g.countSchedule = steps
                        }
                    } else if let c = cv.int(in: 0...100_000) {
                        g.count = c
                    }
                }
                if let h = pm["hours_per_week"]?.number(in: 1...60) { g.hoursPerWeek = h }
                g.caseWorkShare = 1 - (w.nonCaseShare[grade] ?? 0.25)
                if let sv = pm["case_work_share"], let steps = sv.numberOrSchedule(in: 0...1, start: start, end: end), let first = steps.first {
                    g.caseWorkShare = first.value
                    if case .mapping = sv.node { g.caseWorkShareSchedule = steps }
                }
                g.cohort = pm["cohort"]?.choice(WorkloadCohort.self)
                if let r = pm["reduction"]?.number(in: 0...0.9) { g.reduction = r }
                if let mt = pm["months_in_training"] {
                    if let x = mt.number(in: 0...600) { g.monthsInTraining = x }
                    if pm["cohort"] == nil { mt.report("'months_in_training' needs a 'cohort' (pqip or nqo) to count for") }
                }
                w.practitioners.append(g)
            }
            if !w.practitioners.contains(where: { $0.grade == .PO && $0.count > 0 }) && !w.practitioners.isEmpty {
                pv.report("the workforce needs at least one PO (higher-RoSH cases may only be held by a PO)")
            }
        }
        if let iv = m["intakes"] { readIntakes(iv, into: &w, start: start, end: end) }
        if let av = m["attrition_per_year"], let am = av.mapping(allowed: ["PO", "PSO"]) {
            for (k, x) in am { if let r = x.number(in: 0...1) { w.attritionPerYear[PractitionerGroup.Grade(rawValue: k)!] = r } }
        }
        if w.isUnlimited {
            if let iv = m["intakes"] { iv.report("intakes join a workforce of practitioners; give 'practitioners' (with unlimited capacity nobody joins)") }
            if let av = m["attrition_per_year"] { av.report("attrition needs a workforce of practitioners to leave; give 'practitioners' (with unlimited capacity nobody leaves)") }
        }
        if let r = m["pso_max_rosh"]?.choice(RoSH.self) { w.psoMaxRoSH = r }
        if let x = m["leave_days_per_year"]?.number(in: 0...200) { w.leaveDaysPerYear = x }
        if let x = m["sickness_share"]?.number(in: 0...0.9) { w.sicknessShare = x }
        if let tv = m["nominal_target_points"], let tm = tv.mapping(allowed: ["PO", "PSO"]) {
            for (k, x) in tm { if let p = x.number(in: 1...1e6) { w.nominalTargetPoints[PractitionerGroup.Grade(rawValue: k)!] = p } }
        }
    }

    /// `workforce.intakes: [{on: DATE, grade: PO|PSO, count: N, cohort: pqip|nqo, hours_per_week: H}]`:
    /// practitioners joining on a day inside the horizon, in date order. A PQiP intake trains to
    /// be a PO (grade PO; PSO-grade while training).
    static func readIntakes(_ v: YAMLValue, into w: inout WorkforceSettings, start: Day, end: Day) {
        guard let list = v.list() else { return }
        var out: [WorkforceIntake] = []
        var previous: Day?
        var ok = true
        for item in list {
            guard let m = item.mapping(allowed: ["on", "grade", "count", "cohort", "hours_per_week"]) else { ok = false; continue }
            guard let ov = m["on"] else { item.report("an intake needs 'on': the day its practitioners join, YYYY-MM-DD"); ok = false; continue }
            guard let gv = m["grade"] else { item.report("an intake needs 'grade' (PO or PSO)"); ok = false; continue }
            guard let cv = m["count"] else { item.report("an intake needs 'count': how many practitioners join (1 to 100,000)"); ok = false; continue }
            guard let day = ov.date(), let grade = gv.choice(PractitionerGroup.Grade.self), let count = cv.int(in: 1...100_000) else { ok = false; continue }
            if day < start || day >= end {
                ov.report("an intake day inside the horizon, from the start \(start.iso) to before the end \(end.iso), found \(day.iso)")
                ok = false
                continue
            }
            if let p = previous, day < p {
                ov.report("intakes in date order, each on or after the one before (\(p.iso)), found \(day.iso)")
                ok = false
            }
            previous = day
            var g = PractitionerGroup(grade: grade, count: count)
            if let h = m["hours_per_week"]?.number(in: 1...60) { g.hoursPerWeek = h }
            g.caseWorkShare = 1 - (w.nonCaseShare[grade] ?? 0.25)
            if let c = m["cohort"] {
                guard let cohort = c.choice(WorkloadCohort.self) else { ok = false; continue }
                if cohort == .pqip && grade != .PO {
                    gv.report("a pqip intake trains to be a PO: write 'grade: PO' (its practitioners are PSO-grade while training and POs when it ends), found \(grade.rawValue)")
                    ok = false
                }
                g.cohort = cohort
            }
            out.append(WorkforceIntake(on: day, group: g))
        }
        if ok { w.intakes = out }
    }

    /// `workforce.rationing`: `order` (every class once, first to give way first),
    /// `overtime_share`, `max_late_working_days`.
    static func readRationing(_ v: YAMLValue, into r: inout RationingSettings) {
        guard let m = v.mapping(allowed: ["order", "overtime_share", "max_late_working_days"]) else { return }
        if let ov = m["order"], let list = ov.list() {
            let all = ActivityKind.GivesWay.allCases.map(\.rawValue)
            let order = list.compactMap { $0.choice(ActivityKind.GivesWay.self) }
            if order.count == list.count {
                let missing = ActivityKind.GivesWay.allCases.filter { !order.contains($0) }.map(\.rawValue)
                if order.count != Set(order).count || !missing.isEmpty {
                    ov.report("the order must name each class of work once, found [\(order.map(\.rawValue).joined(separator: ", "))]"
                              + (missing.isEmpty ? "" : " (missing \(missing.joined(separator: ", ")))") + "; expected an order of: \(all.joined(separator: ", "))")
                } else {
                    r.order = order
                }
            }
        }
        if let x = m["overtime_share"]?.number(in: 0...1) { r.overtimeShare = x }
        if let x = m["max_late_working_days"]?.int(in: 0...260) { r.maxLateWorkingDays = x }
    }

    /// `workforce.court_team`: `fte`, `reports_per_sentence`, `mix` (replaced whole; must add up
    /// to 1) and `hours` (merges: a kind left out keeps its default).
    static func readCourtTeam(_ v: YAMLValue, into c: inout CourtTeamSettings) {
        guard let m = v.mapping(allowed: ["fte", "reports_per_sentence", "mix", "hours"]) else { return }
        let kinds = CourtReportKind.allCases.map(\.rawValue)
        if let x = m["fte"]?.number(in: 0...100_000) { c.fte = x }
        if let x = m["reports_per_sentence"]?.number(in: 0...1) { c.reportsPerSentence = x }
        if let mv = m["mix"], let mm = mv.mapping(allowed: kinds) {
            c.mix = [:]
            for (k, x) in mm { if let p = x.number(in: 0...1) { c.mix[CourtReportKind(rawValue: k)!] = p } }
            let total = CourtReportKind.allCases.reduce(0.0) { $0 + (c.mix[$1] ?? 0) }   // a fixed order: the same sum every time
            if abs(total - 1) > 1e-6 { mv.report("the mix of court reports adds up to \(String(format: "%g", total)); it must add up to 1") }
        }
        if let hv = m["hours"], let hm = hv.mapping(allowed: kinds) {
            for (k, x) in hm { if let h = x.number(in: 0...200) { c.hours[CourtReportKind(rawValue: k)!] = h } }
        }
    }

    static func readActivities(_ v: YAMLValue, into table: inout ActivityTable, horizon: (start: Day, end: Day)) {
        if let t = ActivityTable.read(v, base: table, horizon: horizon) { table = t }
    }
}
