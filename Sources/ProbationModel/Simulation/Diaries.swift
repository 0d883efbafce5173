import SimulationCore
import ProbationRules

/// The practitioners of one simulated run: who holds which case, WMT points, and each working
/// day's remaining minutes.
///
/// Capacity per working day (minutes) = hours per week × 60 / 5 × case-work share × availability,
/// where availability = (1 − sickness) × (1 − leave days / 253): leave and sickness are spread
/// evenly over the year rather than drawn as absences. A practitioner in a cohort with a WMT
/// workload reduction (PQiP, NQO) has both their minutes and their available points cut by it,
/// month by month from their own start (``applyReductions(monthsFromStart:)``). With no
/// practitioners in the scenario, one virtual practitioner with unlimited capacity holds every case.
///
/// Workforce flows: an intake appends practitioners (``join(_:startOffset:)``; the arrays grow
/// only on an intake's day); a leaver is marked inactive (``leave(_:)``): no cases, no minutes,
/// no points, and no place in allocation, FTE or caseload statistics.
///
/// Not to be copied: the tables written at every piece of work (the day's minutes left, the load)
/// are ``RefArray``s, shared by a copy, while the rest are arrays, copied. Its model owns it.
struct Diaries {
    var grade: [PractitionerGroup.Grade] = []
    /// Minutes of case work per working day.
    var dailyMinutes: [Double] = []
    /// WMT points available at 100% capacity.
    var availablePoints: [Double] = []
    /// Minutes left in each practitioner's day, and which day that is.
    let remaining: RefArray<Double>
    let remainingDay: RefArray<Int32>
    /// WMT points and cases held now.
    let points: RefArray<Double>
    let caseCount: RefArray<Int32>
    /// Minutes and points before any reduction, each practitioner's group, and the groups.
    var fullDailyMinutes: [Double] = []
    var fullPoints: [Double] = []
    var groupOf: [Int] = []
    var groups: [PractitionerGroup]
    /// Whether each practitioner is in post (a leaver is not), and how many are.
    var active: [Bool] = []
    var activeCount = 0
    /// Each practitioner's own start, in months after the scenario's start (0 for those in post
    /// at the start): their cohort's months are counted from it.
    var startOffset: [Double] = []
    /// A PQiP intake's practitioner, PSO-grade until their cohort's reduction ends, then a PO.
    var promotes: [Bool] = []
    /// The months after the scenario's start the reductions were last applied for.
    var lastMonths = 0.0
    let nominalTargetPoints: [PractitionerGroup.Grade: Double]
    let availability: Double
    /// Contracted FTE (hours / 37) less reductions, over all practitioners in post, as it stands.
    var caseHoldingFTE = 0.0
    /// Contracted FTE (hours / 37) of the practitioners in post, before reductions.
    var contractedFTE = 0.0
    let unlimited: Bool
    let psoMaxRoSH: RoSH
    /// Minutes a practitioner may work beyond a day's case-work minutes, as a share of them.
    let overtimeShare: Double

    init(_ w: WorkforceSettings) {
        unlimited = w.isUnlimited
        psoMaxRoSH = w.psoMaxRoSH
        overtimeShare = w.rationing.overtimeShare
        nominalTargetPoints = w.nominalTargetPoints
        availability = w.availability
        groups = unlimited ? [PractitionerGroup(grade: .PO, count: 1)] : w.practitioners
        for (k, g) in groups.enumerated() {
            for _ in 0..<g.count {
                grade.append(g.grade)
                groupOf.append(k)
                fullDailyMinutes.append(unlimited ? .infinity : g.hoursPerWeek * 60 / 5 * g.caseWorkShare * w.availability)
                fullPoints.append((w.nominalTargetPoints[g.grade] ?? 2176) * g.hoursPerWeek / 37)
            }
        }
        active = Array(repeating: true, count: grade.count)
        activeCount = grade.count
        startOffset = Array(repeating: 0, count: grade.count)
        promotes = Array(repeating: false, count: grade.count)
        dailyMinutes = fullDailyMinutes
        availablePoints = fullPoints
        remaining = RefArray(repeating: 0, count: grade.count)
        remainingDay = RefArray(repeating: Int32.min, count: grade.count)
        points = RefArray(repeating: 0, count: grade.count)
        caseCount = RefArray(repeating: 0, count: grade.count)
        applyReductions(monthsFromStart: 0)
        for p in 0..<grade.count { remaining[p] = dailyMinutes[p] }
    }

    var count: Int { grade.count }

    /// An intake joins: `g.count` practitioners appended, their own start `startOffset` months
    /// after the scenario's start (a PQiP intake's as PSOs until their training ends), with the
    /// reductions and case-holding FTE set again for `lastMonths`.
    mutating func join(_ g: PractitionerGroup, startOffset offset: Double) {
        guard !unlimited, g.count > 0 else { return }
        groups.append(g)
        let k = groups.count - 1
        let trainee = g.cohort == .pqip
        for _ in 0..<g.count {
            let gr: PractitionerGroup.Grade = trainee ? .PSO : g.grade
            grade.append(gr)
            groupOf.append(k)
            fullDailyMinutes.append(g.hoursPerWeek * 60 / 5 * g.caseWorkShare * availability)
            fullPoints.append((nominalTargetPoints[gr] ?? 2176) * g.hoursPerWeek / 37)
            dailyMinutes.append(0)
            availablePoints.append(0)
            active.append(true)
            startOffset.append(offset)
            promotes.append(trainee)
            remaining.append(0)
            remainingDay.append(Int32.min)
            points.append(0)
            caseCount.append(0)
        }
        activeCount += g.count
        applyReductions(monthsFromStart: lastMonths)
    }

    /// Group `k`'s case-work share from today (a step of its `case_work_share` schedule): its
    /// practitioners' minutes a day, before reductions, set again.
    mutating func setCaseWorkShare(group k: Int, _ share: Double) {
        guard !unlimited else { return }
        for p in 0..<grade.count where groupOf[p] == k {
            fullDailyMinutes[p] = groups[k].hoursPerWeek * 60 / 5 * share * availability
        }
        applyReductions(monthsFromStart: lastMonths)
    }

    /// Practitioner p leaves: out of post, with no minutes or points (their cases must be
    /// reallocated first or after, by the caller), and the case-holding FTE set again.
    mutating func leave(_ p: Int) {
        guard active[p] else { return }
        active[p] = false
        activeCount -= 1
        applyReductions(monthsFromStart: lastMonths)
    }

    /// Practitioners of `g` in post.
    func inPost(_ g: PractitionerGroup.Grade) -> Int {
        var n = 0
        for p in 0..<count where active[p] && grade[p] == g { n += 1 }
        return n
    }

    /// Cuts each practitioner's minutes a day and available points by their cohort's reduction
    /// `monthsFromStart` months after the scenario's start, counted from the practitioner's own
    /// start (none without a cohort), and sets the case-holding FTE over those in post (a leaver
    /// has no minutes or points). A PQiP intake's practitioner whose cohort's reduction has ended
    /// becomes a PO. In place: no allocation.
    mutating func applyReductions(monthsFromStart: Double) {
        lastMonths = monthsFromStart
        var fte = 0.0
        var contracted = 0.0
        for p in 0..<grade.count {
            guard active[p] else {
                dailyMinutes[p] = 0
                availablePoints[p] = 0
                continue
            }
            let g = groups[groupOf[p]]
            contracted += g.hoursPerWeek / 37
            let served = startOffset[p] == 0 ? monthsFromStart : max(0, monthsFromStart - startOffset[p])
            if promotes[p] && (g.cohort?.reduction(afterMonths: g.monthsInTraining + served) ?? 0) == 0 {
                promotes[p] = false
                grade[p] = .PO
                fullPoints[p] = (nominalTargetPoints[.PO] ?? 2176) * g.hoursPerWeek / 37
            }
            let keep = 1 - WorkforceSettings.reduction(g, monthsFromStart: served)
            dailyMinutes[p] = fullDailyMinutes[p] * keep
            availablePoints[p] = fullPoints[p] * keep
            fte += g.hoursPerWeek / 37 * keep
        }
        caseHoldingFTE = fte
        contractedFTE = contracted
    }

    /// WMT capacity % of one grade: its points over its available points (NaN if it has none).
    func capacityPercent(_ g: PractitionerGroup.Grade) -> Double {
        var held = 0.0
        var available = 0.0
        for p in 0..<grade.count where grade[p] == g {
            held += points[p]
            available += availablePoints[p]
        }
        return unlimited || available == 0 ? .nan : 100 * held / available
    }

    /// Whether practitioner p may hold a case of this RoSH (a PSO only up to `pso_max_rosh`).
    func mayHold(_ p: Int, rosh: RoSH) -> Bool { grade[p] == .PO || rosh <= psoMaxRoSH }

    /// The practitioner to allocate a case to: the eligible one with the lowest WMT load
    /// (points / available points), lowest index first among equals.
    ///
    /// - Complexity: O(practitioners) up to 256; beyond that, the best of 16 candidates chosen
    ///   from `pick` (the "power of d choices" heuristic), so allocation stays O(1).
    func allocate(rosh: RoSH, pick: (Int) -> Int) -> Int {
        if count == 1 { return 0 }
        var best = -1
        var bestLoad = Double.infinity
        func consider(_ p: Int) {
            guard active[p], mayHold(p, rosh: rosh) else { return }
            let load = points[p] / availablePoints[p]
            if load < bestLoad || (load == bestLoad && p < best) { best = p; bestLoad = load }
        }
        if count <= 256 {
            for p in 0..<count { consider(p) }
        } else {
            // Leavers are skipped; if all 16 were leavers or unable to hold the case, the first who can.
            for _ in 0..<16 { consider(pick(count)) }
            if best < 0 { for p in 0..<count where active[p] && mayHold(p, rosh: rosh) { return p } }
        }
        return max(best, 0)
    }

    /// Takes `minutes` from p's diary on `day` if they fit in the day's case-work minutes and
    /// the overtime allowed beyond them (an item longer than that is done on an otherwise empty
    /// day). Returns the minutes of it worked beyond the case-work minutes (overtime), or nil
    /// when the day is full.
    mutating func book(_ p: Int, day: Int32, minutes: Double) -> Double? {
        if unlimited { return 0 }
        if remainingDay[p] != day {
            remainingDay[p] = day
            remaining[p] = dailyMinutes[p]
        }
        let left = remaining[p]
        guard minutes <= left + dailyMinutes[p] * overtimeShare || left == dailyMinutes[p] else { return nil }
        remaining[p] = left - minutes
        return max(0, minutes - max(0, left))
    }

    /// Asks for what ``book(_:day:minutes:)`` and ``room(_:day:)`` read of p (a cache hint only).
    @inline(__always)
    func prefetchDay(_ p: Int) {
        CacheHint.word(remaining, p)
        CacheHint.word(remainingDay, p)
        CacheHint.word(dailyMinutes, p)
    }

    /// The most minutes one piece of work may take to fit in p's diary on `day` (what ``book(_:day:minutes:)``
    /// would take): what is left plus the overtime allowed, or unlimited while the day is untouched.
    mutating func room(_ p: Int, day: Int32) -> Double {
        if unlimited { return .infinity }
        if remainingDay[p] != day {
            remainingDay[p] = day
            remaining[p] = dailyMinutes[p]
        }
        let left = remaining[p]
        return left == dailyMinutes[p] ? .infinity : left + dailyMinutes[p] * overtimeShare
    }

    /// The 90th percentile and mean of cases held per practitioner.
    func caseloadStatistics() -> (mean: Double, p90: Double) {
        guard !unlimited, count > 0 else { return (Double(caseCount.first ?? 0), Double(caseCount.first ?? 0)) }
        let sorted = activeCount == count ? caseCount.sorted() : (0..<count).filter { active[$0] }.map { caseCount[$0] }.sorted()
        let n = sorted.count
        let mean = Double(sorted.reduce(0) { $0 + Int($1) }) / Double(n)
        let rank = Int((0.9 * Double(n)).rounded(.up)) - 1
        return (mean, Double(sorted[max(0, min(n - 1, rank))]))
    }

    /// The caseload bands of ten cases each (0-9, 10-19, …, 90-99), and the last, 100 and over.
    static let bandCount = 11

    /// Cases per practitioner for all practitioners, the POs and the PSOs (in that order), each
    /// as mean, p10, p50, p90, max (nearest rank; NaN with no practitioner of the group or
    /// unlimited capacity) and the number of practitioners in each band of ten cases
    /// (``bandCount`` bands, the last 100 and over); empty with unlimited capacity. Once a week: it allocates.
    func caseloadDistribution() -> [Double] {
        guard !unlimited else { return [] }
        var out: [Double] = []
        out.reserveCapacity(3 * (5 + Diaries.bandCount))
        for g in 0..<3 {
            let counts = (0..<count).filter { active[$0] && (g == 0 || (grade[$0] == .PO) == (g == 1)) }.map { Int(caseCount[$0]) }.sorted()
            func rank(_ q: Double) -> Double {
                counts.isEmpty ? .nan : Double(counts[max(0, min(counts.count - 1, Int((q * Double(counts.count)).rounded(.up)) - 1))])
            }
            out += [counts.isEmpty ? .nan : Double(counts.reduce(0, +)) / Double(counts.count), rank(0.1), rank(0.5), rank(0.9), counts.last.map(Double.init) ?? .nan]
            var bands = [Double](repeating: 0, count: Diaries.bandCount)
            for c in counts { bands[min(c / 10, Diaries.bandCount - 1)] += 1 }
            out += bands
        }
        return out
    }

    /// Overall WMT capacity %: all points over all available points.
    var capacityPercent: Double {
        let available = availablePoints.reduce(0, +)
        return unlimited || available == 0 ? .nan : 100 * points.reduce(0, +) / available
    }
}
