import ProbationRules
/// `summary.json`, written from the study summary, key by key in a fixed order.
extension StudySummary {
    /// The whole `summary.json` object. Timing fields (`wall_seconds`) are the only ones that vary between identical runs.
    public func json(wallSeconds: Double?) -> JSONValue {
        .object([
            ("scenario", .string(scenario)), ("seed", .int(Int(seed))), ("replications", .int(replications)),
            ("start", .string(start.iso)), ("end", .string(end.iso)), ("warmup_end", .string(warmupEnd.iso)),
            ("events", .int(Int(events))),
            ("wall_seconds", wallSeconds.map { .num($0) } ?? .null),
            ("probsim_version", .string(probsimVersion)),
            ("regimes", .object(variants.map { ($0.name, $0.json) })),
            ("differences", .object(differences.map { d in (d.name, .object(d.estimates.map { ($0.path, $0.estimate.json) })) })),
        ])
    }
}

extension VariantSummary {
    /// The variant's object under `regimes`.
    var json: JSONValue {
        let f = figures
        return .object([
            ("caseload", .object([("mean", f.caseload.mean.json), ("in_custody_mean", f.caseload.inCustodyMean.json),
                                  ("pom_held_mean", f.caseload.pomHeldMean.json), ("under_supervision_mean", f.caseload.underSupervisionMean.json),
                                  ("custody_share", f.caseload.custodyShare.json), ("trend_per_year", f.caseload.trendPerYear.json),
                                  ("by_phase", .object([("custody", f.caseload.byPhase.custody.json),
                                                        ("community_order", f.caseload.byPhase.communityOrder.json),
                                                        ("suspended_sentence_order", f.caseload.byPhase.suspendedSentenceOrder.json),
                                                        ("licence", f.caseload.byPhase.licence.json), ("pss", f.caseload.byPhase.pss.json)])),
                                  ("by_tier", f.caseload.byTier.json)])),
            ("cases_seen", f.casesSeen.json),
            ("contacts", .object([("f2f", f.contacts.f2f.json), ("home_visit", f.contacts.homeVisit.json), ("other", f.contacts.other.json)])),
            ("hours", .object([
                ("total", f.hours.total.json), ("total_per_week", f.hours.totalPerWeek.json),
                ("by_activity", .object(zip(f.hours.activities, f.hours.byActivity).map { ($0, $1.json) })),
                ("by_grade", .object([("PO", f.hours.byGrade.po.json), ("PSO", f.hours.byGrade.pso.json)])),
                ("by_tier", f.hours.byTier.json),
                ("by_phase", f.hours.byPhase.json),
            ])),
            ("fte_needed", f.fteNeeded.json),
            ("fte_needed_by_grade", .object([("PO", f.fteNeededByGrade.po.json), ("PSO", f.fteNeededByGrade.pso.json)])),
            ("court_fte_needed", f.courtFTENeeded.json),
            ("fte_in_post", f.fteInPost.json),
            ("case_holding_fte", f.caseHoldingFTE.json),
            ("wmt_capacity_percent", f.wmtCapacityPercent.json),
            ("wmt_capacity_percent_by_grade", .object([("PO", f.wmtCapacityPercentByGrade.po.json), ("PSO", f.wmtCapacityPercentByGrade.pso.json)])),
            ("caseload_per_practitioner", .object(f.caseloadPerPractitioner.all.fields
                + [("by_grade", .object([("PO", .object(f.caseloadPerPractitioner.po.fields)), ("PSO", .object(f.caseloadPerPractitioner.pso.fields))]))])),
            ("backlog_hours", f.backlogHours.json),
            ("recalls", f.recalls.json),
            ("recalls_by_cause", .object([("non_compliance", f.recallsByCause.nonCompliance.json),
                                          ("risk_or_offending", f.recallsByCause.riskOrOffending.json)])),
            ("breach_outcomes", .object([("continue", f.breachOutcomes.continue.json), ("amend", f.breachOutcomes.amend.json),
                                         ("revoke", f.breachOutcomes.revoke.json)])),
            ("unacceptable_absences", f.unacceptableAbsences.json), ("deferrals", f.deferrals.json),
            ("unmet_hours", .object([("total", f.unmet.hours.json),
                                     ("by_class", .object(zip(ActivityKind.GivesWay.allCases, f.unmet.hoursByClass).map { ($0.rawValue, $1.json) })),
                                     ("by_activity", .object(zip(f.hours.activities, f.unmet.hoursByActivity).map { ($0, $1.json) }))])),
            ("unmet_items", .object([("total", f.unmet.items.json),
                                     ("by_activity", .object(zip(f.hours.activities, f.unmet.itemsByActivity).map { ($0, $1.json) }))])),
            ("overtime_hours", f.overtimeHours.json),
            ("standards", .object(f.standards.map { s in
                (s.id, .object([("text", .string(s.text))] + StandardField.all.map { ($0.name, s[$0].json) }))
            })),
        ])
    }
}

extension VariantFigures.ByTier where Value == Estimate {
    var json: JSONValue { .object([("A", a.json), ("B", b.json), ("C", c.json), ("D", d.json)]) }
}

extension VariantFigures.ByPhase where Value == Estimate {
    var json: JSONValue {
        .object([("custody", custody.json), ("community_order", communityOrder.json), ("suspended_sentence_order", suspendedSentenceOrder.json),
                 ("licence", licence.json), ("pss", pss.json)])
    }
}

extension VariantFigures.CaseloadDistribution where Value == Estimate {
    /// `mean`, `p10`, `p50`, `p90`, `max` and `bands` (by band label).
    var fields: [(String, JSONValue)] {
        [("mean", mean.json), ("p10", p10.json), ("p50", p50.json), ("p90", p90.json), ("max", max.json),
         ("bands", .object(zip(CaseloadBands.labels, bands).map { ($0, $1.json) }))]
    }
}
