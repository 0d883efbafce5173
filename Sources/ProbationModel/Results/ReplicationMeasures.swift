import ProbationRules
/// The figures of one replication of one variant: the values every mean and interval of the
/// summary is taken over, and what the sweep, solve and sensitivity tables list by replication.
public typealias ReplicationMeasures = VariantFigures<Double>

extension VariantFigures where Value == Double {
    /// Measures one replication's result.
    ///
    /// A figure with no value in this replication is NaN (a caseload with no week measured, a
    /// met rate with nothing due, the FTE in post with unlimited capacity); only the standards
    /// the result scored are listed.
    ///
    /// - Parameters:
    ///   - r: the result.
    ///   - regime: the variant's regime (it orders the standards and gives their texts).
    ///   - workforce: the variant's workforce (FTE needed is in its FTE weeks; FTE in post is its own).
    ///   - weeks: the measured weeks (after warm-up).
    /// - Complexity: O(*w* + *s* log *s*) for *w* weeks and *s* standards.
    init(_ r: ReplicationResult, regime: Regime?, workforce: WorkforceSettings, activities: ActivityTable, measuredWeeks weeks: Double) {
        let wmt = r.weeks.map(\.wmtPercent).filter(\.isFinite)
        /// The mean over measured weeks of the cases in phase `k` (``SupervisionPhase/allCases`` order).
        func byPhase(_ k: Int) -> Double {
            r.weeks.isEmpty ? .nan : Double(r.weeks.reduce(0) { $0 + ($1.casesByPhase.count > k ? $1.casesByPhase[k] : 0) }) / Double(r.weeks.count)
        }
        /// The mean of a weekly figure over the weeks it has a value (NaN if none).
        func weekly(_ f: (WeekRow) -> Double) -> Double {
            let xs = r.weeks.map(f).filter(\.isFinite)
            return xs.isEmpty ? .nan : xs.reduce(0, +) / Double(xs.count)
        }
        /// Unmet hours of one class of work.
        func byClass(_ c: ActivityKind.GivesWay) -> Double {
            c.index < r.unmetMinutesByClass.count ? r.unmetMinutesByClass[c.index] / 60 : 0
        }
        /// The mean over measured weeks of a count (NaN with no week).
        func weeklyCount(_ f: (WeekRow) -> Int) -> Double {
            r.weeks.isEmpty ? .nan : Double(r.weeks.reduce(0) { $0 + f($1) }) / Double(r.weeks.count)
        }
        /// The mean over measured weeks of the cases of tier letter `k`.
        func byTier(_ k: Int) -> Double {
            r.weeks.isEmpty ? .nan : Double(r.weeks.reduce(0) { $0 + ($1.casesByTier.count > k ? $1.casesByTier[k] : 0) }) / Double(r.weeks.count)
        }
        /// Hours from minutes by index (0 when not recorded).
        func minutes(_ xs: [Double], _ k: Int) -> Double { k < xs.count ? xs[k] / 60 : 0 }
        /// Field `k` of group `g` of the weekly caseload distribution, averaged over the weeks it has a value.
        func distribution(_ g: Int, _ k: Int) -> Double {
            weekly { $0.caseloadDistribution.count > g * 16 + k ? $0.caseloadDistribution[g * 16 + k] : .nan }
        }
        let value = { (m: Metric) -> Double in
            switch m {
            case .caseloadMean: return r.weeks.isEmpty ? .nan : Double(r.weeks.reduce(0) { $0 + $1.cases }) / Double(r.weeks.count)
            case .caseloadInCustodyMean: return r.weeks.isEmpty ? .nan : Double(r.weeks.reduce(0) { $0 + $1.casesInCustody }) / Double(r.weeks.count)
            case .caseloadTrendPerYear:
                let ys = r.weeks.map { Double($0.cases + $0.casesPOMHeld) }
                guard ys.count > 1 else { return .nan }
                let n = Double(ys.count), xMean = (n - 1) / 2, yMean = ys.reduce(0, +) / n
                var sxy = 0.0, sxx = 0.0
                for (x, y) in ys.enumerated() { sxy += (Double(x) - xMean) * (y - yMean); sxx += (Double(x) - xMean) * (Double(x) - xMean) }
                return yMean > 0 ? sxy / sxx * (365.25 / 7) / yMean : .nan
            case .caseloadPOMHeldMean: return weeklyCount(\.casesPOMHeld)
            case .caseloadUnderSupervisionMean: return weeklyCount { $0.cases + $0.casesPOMHeld }
            case .caseloadCustodyShare:
                let all = weeklyCount { $0.cases + $0.casesPOMHeld }
                return all > 0 ? weeklyCount { $0.casesInCustody + $0.casesPOMHeld } / all : .nan
            case .caseloadCustody: return byPhase(0)
            case .caseloadCommunityOrder: return byPhase(1)
            case .caseloadSuspendedSentenceOrder: return byPhase(2)
            case .caseloadLicence: return byPhase(3)
            case .caseloadPSS: return byPhase(4)
            case .caseloadTierA: return byTier(0)
            case .caseloadTierB: return byTier(1)
            case .caseloadTierC: return byTier(2)
            case .caseloadTierD: return byTier(3)
            case .casesSeen: return Double(r.cases)
            case .f2fContacts: return Double(r.f2fContacts)
            case .homeVisits: return Double(r.homeVisits)
            case .otherContacts: return Double(r.otherContacts)
            case .hoursTotal: return r.totalMinutes / 60
            case .hoursPerWeek: return r.totalMinutes / 60 / weeks
            case .poHours: return r.minutesByGrade[0] / 60
            case .psoHours: return r.minutesByGrade[1] / 60
            case .hoursTierA: return minutes(r.minutesByTier, 0)
            case .hoursTierB: return minutes(r.minutesByTier, 1)
            case .hoursTierC: return minutes(r.minutesByTier, 2)
            case .hoursTierD: return minutes(r.minutesByTier, 3)
            case .hoursCustody: return minutes(r.minutesByPhase, 0)
            case .hoursCommunityOrder: return minutes(r.minutesByPhase, 1)
            case .hoursSuspendedSentenceOrder: return minutes(r.minutesByPhase, 2)
            case .hoursLicence: return minutes(r.minutesByPhase, 3)
            case .hoursPSS: return minutes(r.minutesByPhase, 4)
            case .fteNeeded: return r.demandMinutes / 60 / weeks / workforce.availableHoursPerFTEWeek
            case .fteNeededPO: return r.demandMinutesByGrade[0] / 60 / weeks / workforce.availableHoursPerFTEWeek(.PO)
            case .fteNeededPSO: return r.demandMinutesByGrade[1] / 60 / weeks / workforce.availableHoursPerFTEWeek(.PSO)
            case .courtFTENeeded: return r.courtMinutes / 60 / weeks / workforce.courtHoursPerFTEWeek
            // With workforce flows, the mean over measured weeks of those in post; else the workforce as written.
            case .fteInPost: return workforce.isUnlimited ? .nan : workforce.hasFlows ? weekly { $0.fteInPost ?? .nan } : workforce.fteInPost
            case .caseHoldingFTE: return workforce.isUnlimited ? .nan : weekly(\.caseHoldingFTE)
            case .wmtCapacityPercent: return wmt.isEmpty ? .nan : wmt.reduce(0, +) / Double(wmt.count)
            case .wmtCapacityPercentPO: return weekly(\.wmtPercentPO)
            case .wmtCapacityPercentPSO: return weekly(\.wmtPercentPSO)
            case .caseloadPerPractitionerMean: return r.weeks.isEmpty ? .nan : r.weeks.map(\.caseloadMean).reduce(0, +) / Double(r.weeks.count)
            case .caseloadPerPractitionerP90: return r.weeks.isEmpty ? .nan : r.weeks.map(\.caseloadP90).reduce(0, +) / Double(r.weeks.count)
            case .caseloadPerPractitionerP10: return distribution(0, 1)
            case .caseloadPerPractitionerP50: return distribution(0, 2)
            case .caseloadPerPractitionerMax: return distribution(0, 4)
            case .caseloadPerPOMean: return distribution(1, 0)
            case .caseloadPerPOP10: return distribution(1, 1)
            case .caseloadPerPOP50: return distribution(1, 2)
            case .caseloadPerPOP90: return distribution(1, 3)
            case .caseloadPerPOMax: return distribution(1, 4)
            case .caseloadPerPSOMean: return distribution(2, 0)
            case .caseloadPerPSOP10: return distribution(2, 1)
            case .caseloadPerPSOP50: return distribution(2, 2)
            case .caseloadPerPSOP90: return distribution(2, 3)
            case .caseloadPerPSOMax: return distribution(2, 4)
            case .backlogHours: return r.weeks.isEmpty ? .nan : r.weeks.map(\.backlogHours).reduce(0, +) / Double(r.weeks.count)
            case .recalls: return Double(r.recalls)
            case .recallsNonCompliance: return Double(r.recallsByCause[0])
            case .recallsRiskOrOffending: return Double(r.recallsByCause[1])
            case .breachContinue: return Double(r.breachOutcomes[0])
            case .breachAmend: return Double(r.breachOutcomes[1])
            case .breachRevoke: return Double(r.breachOutcomes[2])
            case .unacceptableAbsences: return Double(r.unacceptableAbsences)
            case .deferrals: return Double(r.deferrals)
            case .unmetHours: return r.droppedMinutes / 60
            case .unmetItems: return Double(r.unmetItemsByActivity.reduce(0, +))
            case .unmetHoursAboveMinimum: return byClass(.aboveMinimum)
            case .unmetHoursReviewsAndAdmin: return byClass(.reviewsAndAdmin)
            case .unmetHoursMinimumContacts: return byClass(.minimumContacts)
            case .unmetHoursRiskWork: return byClass(.riskWork)
            case .unmetHoursStatutory: return byClass(.statutory)
            case .overtimeHours: return r.overtimeMinutes / 60
            }
        }
        let own = regime?.standards ?? []
        var ids: [String] = []
        for id in own.map(\.id) where r.standards[id] != nil && !ids.contains(id) { ids.append(id) }
        ids += Set(r.standards.keys).subtracting(ids).sorted()
        let standards = ids.map { id -> StandardFigures<Double> in
            let counts = r.standards[id]!
            let due = counts[0] + counts[1] + counts[2] + counts[3]
            return StandardFigures(id: id, text: own.first { $0.id == id }?.text ?? "", due: Double(due),
                                   outcomes: StandardOutcome.allCases.indices.map { Double(counts[$0]) },
                                   metRate: due > 0 ? Double(counts[0]) / Double(due) : .nan)
        }
        func row(_ f: ActivityFigure, _ k: Int) -> Double {
            switch f {
            case .hours: return k < r.minutesByActivity.count ? r.minutesByActivity[k] / 60 : 0
            case .unmetHours: return k < r.unmetMinutesByActivity.count ? r.unmetMinutesByActivity[k] / 60 : 0
            case .unmetItems: return k < r.unmetItemsByActivity.count ? Double(r.unmetItemsByActivity[k]) : 0
            }
        }
        // A band's practitioners are averaged over every measured week (none has no band counts only with unlimited capacity).
        self.init(value, activities: activities.kinds.map(\.id), byActivity: row, standards: standards) { g, b in
            let n = r.weeks.filter { $0.caseloadDistribution.count == 48 }
            return n.isEmpty ? .nan : n.reduce(0) { $0 + $1.caseloadDistribution[g * 16 + 5 + b] } / Double(n.count)
        }
    }
}
