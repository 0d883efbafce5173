import SimulationCore
import ProbationRules

/// A case entering the simulation: its spec and the day it enters.
public struct GeneratedCase: Sendable {
    public var spec: CaseSpec
    /// The day it joins the caseload (the simulation start for cases already on the books).
    public var entry: Day
}

/// Makes one replication's caseload: the initial cases part-way through their sentences,
/// Poisson arrivals over the horizon, and the named cases, exactly as given.
///
/// The caseload depends only on (seed, replication), never on the regime, so every regime in a
/// replication supervises the same people (common random numbers).
public struct CaseGenerator {
    public let scenario: Scenario

    public init(scenario: Scenario) { self.scenario = scenario }

    /// The caseload for one replication, in order of entry (ties in generation order).
    ///
    /// - Throws: ``RandomError`` if GSL cannot allocate a generator or refuses a weight table.
    public func cases(replication: Int) throws -> [GeneratedCase] {
        let rng = try RandomStream(key: StreamKey(seed: scenario.seed, replication: replication, purpose: StreamPurpose("caseload")))
        let load = scenario.caseload
        var out: [GeneratedCase] = []
        let generatable = !load.sentences.isEmpty && load.sentences.contains { $0.weight > 0 || $0.weightSchedule.contains { $0.value > 0 } }
        if generatable && (load.initial > 0 || load.arrivalsPerWeek > 0 || !load.releases.isEmpty) {
            // One table of sentence weights for each period between schedule dates (one, without schedules).
            let changes = Set(load.sentences.flatMap { $0.weightSchedule.dropFirst().map(\.from) }).sorted()
            let periodStarts = [scenario.start] + changes
            let sentenceTables = try periodStarts.map { day in try DiscreteTable(weights: load.sentences.map { $0.weight(on: day) }) }
            func sentenceTable(_ day: Day) -> DiscreteTable {
                sentenceTables[(periodStarts.lastIndex { $0 <= day } ?? 0)]
            }
            let tierTable = try DiscreteTable(weights: load.tiers.map(\.1))
            var roshTables: [Character: DiscreteTable] = [:]
            for (letter, dist) in load.roshByTierLetter where dist.contains(where: { $0.1 > 0 }) {
                roshTables[letter] = try DiscreteTable(weights: dist.map(\.1))
            }
            func draw(id: String, start: Day) -> CaseSpec {
                let mix = load.sentences[rng.discrete(sentenceTable(start))]
                let months = max(1, Int(mix.months.sample(rng).rounded()))
                var spec = CaseSpec(id: id, type: mix.type, start: start)
                if mix.type == .licence { spec.custodyMonths = months } else { spec.months = months }
                for (r, p) in mix.requirements where rng.uniform() < p { spec.requirements.insert(r) }
                drawRisk(&spec, rng)
                return spec
            }
            /// Tier, RoSH and flags of a generated case.
            func drawRisk(_ spec: inout CaseSpec, _ rng: RandomStream) {
                spec.tier = load.tiers[rng.discrete(tierTable)].0
                let letter = spec.tierLetter
                if let table = roshTables[letter], let dist = load.roshByTierLetter[letter] { spec.rosh = dist[rng.discrete(table)].0 }
                if rng.uniform() < (load.mappaByRoSH[spec.rosh] ?? 0) { spec.flags.insert(.mappa) }
                for flag in [CohortFlag.nsd, .childProtection, .isc, .iom] where rng.uniform() < (load.flagProbability[flag] ?? 0) {
                    spec.flags.insert(flag)
                }
            }
            // Initial cases: a case on the books at a random moment is more likely a long one
            // (length-biased sampling), so a drawn case is kept with probability L / Lcap, where
            // Lcap is the 99th percentile of supervision lengths L from 2,000 pilot draws; its
            // start is then uniform over the L days before the simulation start.
            if load.initial > 0 {
                var pilot = (0..<2000).map { _ in CaseTimeline(draw(id: "pilot", start: scenario.start), options: scenario.reading).whole.length }
                pilot.sort()
                let cap = Double(max(1, pilot[pilot.count * 99 / 100]))
                var made = 0
                var tries = 0
                while made < load.initial && tries < load.initial * 1000 {
                    tries += 1
                    var spec = draw(id: "c\(made + 1)", start: scenario.start)
                    let whole = CaseTimeline(spec, options: scenario.reading).whole
                    let length = whole.length
                    guard rng.uniform() * cap < Double(length) else { continue }
                    let elapsed = rng.integer(below: max(1, length))
                    // The whole span (custody phase included) starts `elapsed` days before the simulation start.
                    spec.start = spec.start.adding(days: whole.start.days(to: scenario.start) - elapsed)
                    out.append(GeneratedCase(spec: spec, entry: scenario.start))
                    made += 1
                }
            }
            // Arrivals: a Poisson process with the given weekly rate; a sentence or release falls on a working day.
            if load.arrivalsPerWeek > 0 {
                let calendar = Self.calendar(for: scenario)
                var t = Double(scenario.start.number)
                var k = 0
                // With a schedule, the rate is a step function: each gap is a unit exponential
                // stretched by the rates in force (a change of time). Without one, the draws are
                // those of the constant rate as before.
                let steps = load.arrivalsSchedule
                var step = 0
                while true {
                    if steps.isEmpty {
                        t += rng.exponential(mean: 7 / load.arrivalsPerWeek)
                    } else {
                        var e = rng.exponential(mean: 1)
                        while true {
                            let rate = steps[step].value / 7
                            let next = step + 1 < steps.count ? Double(steps[step + 1].from.number) : Double.infinity
                            if rate > 0 && t + e / rate <= next { t += e / rate; break }
                            if next == .infinity { t = .infinity; break }
                            if rate > 0 { e -= (next - t) * rate }
                            t = next
                            step += 1
                        }
                        guard t < Double(scenario.end.number) else { break }
                    }
                    let day = calendar.workingDayOnOrAfter(Day(number: Int(t)))
                    guard day < scenario.end else { break }
                    k += 1
                    var spec = draw(id: "a\(k)", start: day)
                    // With the custody phase, a custodial case arrives at sentence: its release is later.
                    if spec.type == .licence && scenario.reading.custodyPhase, let custody = spec.custodyMonths {
                        spec.start = CaseTimeline.releaseDate(sentence: day, custodyMonths: custody, options: scenario.reading)
                    }
                    out.append(GeneratedCase(spec: spec, entry: day))
                }
            }
            // Release surges: licences released on the day, drawn from a stream of their own (so
            // they move no draw of the initial cases or arrivals); they join at release, their
            // custody phase (if any) already served.
            if !load.releases.isEmpty {
                let surge = try RandomStream(key: StreamKey(seed: scenario.seed, replication: replication, purpose: StreamPurpose("releases")))
                var k = 0
                for release in load.releases {
                    for _ in 0..<release.count {
                        k += 1
                        var spec = CaseSpec(id: "r\(k)", type: .licence, start: release.on)
                        spec.custodyMonths = max(1, Int(release.custodyMonths.sample(surge).rounded()))
                        drawRisk(&spec, surge)
                        out.append(GeneratedCase(spec: spec, entry: release.on))
                    }
                }
            }
        }
        for spec in load.cases {
            out.append(GeneratedCase(spec: spec, entry: max(CaseTimeline(spec, options: scenario.reading).whole.start, scenario.start)))
        }
        // Stable order by entry day (named cases keep their file order among equals).
        return out.enumerated().sorted { ($0.element.entry, $0.offset) < ($1.element.entry, $1.offset) }.map(\.element)
    }

    /// The working-day calendar covering a scenario, with room for cases that started long before it.
    public static func calendar(for scenario: Scenario) -> WorkingDayCalendar {
        let first = min(scenario.start.civil.year - 25, scenario.caseload.cases.map { $0.start.civil.year }.min() ?? 9999)
        let last = max(scenario.end.civil.year + 25, scenario.caseload.cases.map { $0.start.civil.year + 60 }.max() ?? 0)
        return WorkingDayCalendar(fromYear: first, toYear: last, extraHolidays: scenario.extraHolidays)
    }
}
