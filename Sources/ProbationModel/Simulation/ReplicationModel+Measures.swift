import SimulationCore

/// Scoring standards, tallying outcomes, and the weekly measures.
extension ReplicationModel {
    mutating func scoreStandards(_ i: Int) {
        held.contacts(from: state[i].heldHead, into: &scoringContacts)
        let contacts = scoringContacts
        for s in plans[i].standards {
            let dueDay: Day
            switch s.demand {
            case .deadline(_, _, let due): dueDay = due
            case .count(let w, _, _), .homeVisit(let w): dueDay = w.end.adding(days: -1)
            }
            guard inMeasured(dueDay) else { continue }
            let outcome = StandardScorer.outcome(s, contacts: contacts)
            if s.code >= 0 { tally(Int(s.code), outcome, week: week(of: dueDay)) } else { result.tally(s.standard, outcome, week: week(of: dueDay)) }
            if traced(i) { note(dueDay, "standard \(s.standard) (\(describe(s.demand))): \(outcome.rawValue)") }
        }
        plans[i].standards = []
    }

    /// Counts one outcome of standard `code` falling due in measured week `week`.
    @inline(__always) mutating func tally(_ code: Int, _ outcome: StandardOutcome, week: Int) {
        if tallies[code].isEmpty { tallies[code] = Array(repeating: 0, count: measuredWeekCount * 5) }
        tallies[code][week * 5 + outcome.index] += 1
    }

    /// Moves the flat tallies into the result's dictionaries (standards seen at least once).
    mutating func publishTallies() {
        for (code, counts) in tallies.enumerated() where !counts.isEmpty {
            for w in 0..<measuredWeekCount {
                for o in 0..<5 where counts[w * 5 + o] > 0 {
                    result.tally(standardNames[code], StandardOutcome.allCases[o], week: w, count: Int(counts[w * 5 + o]))
                }
            }
        }
    }

    func describe(_ d: StandardDemand) -> String {
        switch d {
        case .deadline(let k, _, let due): return "\(k.rawValue) by \(due.iso)"
        case .count(let w, let f, let c): return "\(f) F2F / \(c) contacts in \(w.start.iso)..\(w.end.adding(days: -1).iso)"
        case .homeVisit(let w): return "home visit in \(w.start.iso)..\(w.end.adding(days: -1).iso)"
        }
    }

    mutating func weekStart(_ day: Day) {
        finishWeek()
        guard day.adding(days: 7) <= scenario.end else { return }
        weekIndex += 1
        let stats = diaries.caseloadStatistics()
        var custody = 0
        for i in active where state[Int(i)].inCustody { custody += 1 }
        result.weeks.append(WeekRow(weekStart: day, minutesByActivity: [], cases: active.count, casesInCustody: custody,
                                    caseloadMean: stats.mean, caseloadP90: stats.p90, wmtPercent: diaries.capacityPercent,
                                    backlogHours: backlogMinutes / 60))
        if weekIndex == 0 { result.cases = active.count }
    }

    mutating func finishWeek() {
        guard weekIndex >= 0, weekIndex < result.weeks.count, result.weeks[weekIndex].minutesByActivity.isEmpty else { return }
        result.weeks[weekIndex].minutesByActivity = (0..<Activity.count).map { currentWeek[$0] }
        currentWeek = InlineArray<17, Double>(repeating: 0)
    }
}
