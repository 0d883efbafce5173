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
            var tables = try CaseDrawTables(load)
            // Initial cases: a case on the books at a random moment is more likely a long one
            // (length-biased sampling), so a drawn case is kept with probability L / Lcap, where
            // Lcap is the 99th percentile of supervision lengths L from 2,000 pilot draws; its
            // start is then uniform over the L days before the simulation start.
            if load.initial > 0 {
                var spans = InitialSpans(start: scenario.start, options: scenario.reading)
                var pilot = (0..<2000).map { _ in spans.whole(tables.draw(sentenceTable(scenario.start), rng), tables).length }
                pilot.sort()
                let cap = Double(max(1, pilot[pilot.count * 99 / 100]))
                var made = 0
                var tries = 0
                while made < load.initial && tries < load.initial * 1000 {
                    tries += 1
                    // Most tries are turned away: only a kept one becomes a spec.
                    let drawn = tables.draw(sentenceTable(scenario.start), rng)
                    let whole = spans.whole(drawn, tables)
                    let length = whole.length
                    guard rng.uniform() * cap < Double(length) else { continue }
                    var spec = tables.bareSpec(drawn, start: scenario.start)
                    tables.complete(&spec, drawn, id: "c\(made + 1)")
                    let elapsed = rng.integer(below: max(1, length))
                    // The whole span (custody phase included) starts `elapsed` days before the simulation start.
                    spec.start = spec.start.adding(days: whole.start.days(to: scenario.start) - elapsed)
                    // `consume`: the spec is moved into the array, not copied and then destroyed (11 M instructions at a twentieth of national).
                    out.append(GeneratedCase(spec: consume spec, entry: scenario.start))
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
                    let drawn = tables.draw(sentenceTable(day), rng)
                    var spec = tables.bareSpec(drawn, start: day)
                    tables.complete(&spec, drawn, id: "a\(k)")
                    // With the custody phase, a custodial case arrives at sentence: its release is later.
                    if spec.type == .licence && scenario.reading.custodyPhase, let custody = spec.custodyMonths {
                        spec.start = CaseTimeline.releaseDate(sentence: day, custodyMonths: custody, options: scenario.reading)
                    }
                    out.append(GeneratedCase(spec: consume spec, entry: day))
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
                        tables.setRisk(&spec, tables.drawRisk(surge))
                        out.append(GeneratedCase(spec: spec, entry: release.on))
                    }
                }
            }
        }
        for spec in load.cases {
            out.append(GeneratedCase(spec: spec, entry: max(CaseTimeline(spec, options: scenario.reading).whole.start, scenario.start)))
        }
        // Stable order by entry day (named cases keep their file order among equals). Without
        // release surges or named cases, the cases are made in that order: nothing to sort.
        if out.indices.dropFirst().allSatisfy({ out[$0 - 1].entry <= out[$0].entry }) { return out }
        return out.enumerated().sorted { ($0.element.entry, $0.offset) < ($1.element.entry, $1.offset) }.map(\.element)
    }

    /// The working-day calendar covering a scenario, with room for cases that started long before it.
    public static func calendar(for scenario: Scenario) -> WorkingDayCalendar {
        let first = min(scenario.start.civil.year - 25, scenario.caseload.cases.map { $0.start.civil.year }.min() ?? 9999)
        let last = max(scenario.end.civil.year + 25, scenario.caseload.cases.map { $0.start.civil.year + 60 }.max() ?? 0)
        return WorkingDayCalendar(fromYear: first, toYear: last, extraHolidays: scenario.extraHolidays)
    }
}

/// One generated case's draws before it becomes a ``CaseSpec``: which sentence mix, its length,
/// which of the mix's requirements (bit i: `requirements[i]`) and its risk.
struct CaseDraw {
    var mix: Int
    /// Order length (CO/SSO) or custodial sentence length (licence), in whole months.
    var months: Int
    var requirements: UInt64
    var risk: RiskDraw
}

/// A generated case's tier (index into `caseload.tiers`), RoSH and flags (bit i: `CohortFlag.allCases[i]`).
struct RiskDraw {
    var tier: Int
    var rosh: RoSH
    var flags: UInt64
}

/// The caseload's distributions as tables indexed by position, built once per caseload, and
/// the requirement and flag sets of generated cases, each built once and shared.
///
/// What it buys: drawing a case used to look the tier letter, RoSH and every flag up in
/// dictionaries keyed by `Character` and by enums that hash their raw-value strings, and to
/// build two sets insert by insert, for every case tried, though four in five tries of the
/// initial caseload are turned away. Here a case is drawn into a ``CaseDraw`` of indices and
/// bits, and only a case that is kept becomes a ``CaseSpec``: with ``SubsetCache``, caseload
/// generation fell from 1,074 M to 459 M instructions on `bench model` of a twentieth of
/// national (callgrind; 4,682 M in all before).
///
/// The draws are those of the dictionaries' code, in the same order with the same
/// parameters: a sentence mix, its length, one uniform per requirement of the mix, the tier,
/// the RoSH (when the tier's letter has a table), one uniform for MAPPA and one for each of
/// NSD, child protection, ISC and IOM.
struct CaseDrawTables {
    private let types: [SentenceType]
    private let lengths: [Distribution]
    /// Each mix's requirement probabilities, in the mix's order.
    private let requirementChances: [[Double]]
    private let tierTable: DiscreteTable
    private let tierNames: [String]
    /// By tier index: the RoSH table of the tier's letter (nil: the letter has none, and RoSH stays ``defaultRoSH``) and its levels.
    private let roshTableByTier: [DiscreteTable?]
    private let roshLevelsByTier: [[RoSH]]
    /// MAPPA probability by ``RoSH/rank``.
    private let mappaByRank: [Double]
    /// The probabilities of ``flagsAfterMAPPA``, in that order.
    private let flagChances: [Double]
    /// The flags drawn after MAPPA, in the order drawn.
    private static let flagsAfterMAPPA: [CohortFlag] = [.nsd, .childProtection, .isc, .iom]
    /// The bits of MAPPA and of ``flagsAfterMAPPA`` in ``RiskDraw/flags``.
    private let mappaBit = Self.bit(.mappa), bitsAfterMAPPA = Self.flagsAfterMAPPA.map(Self.bit)
    /// A new spec's RoSH: the generated case's when its tier's letter has no RoSH table.
    private let defaultRoSH: RoSH
    private var requirementSets: [SubsetCache<Requirement>]
    private var flagSets = SubsetCache(CohortFlag.allCases)

    /// - Throws: ``RandomError`` if GSL refuses the tier weights or a letter's RoSH weights.
    init(_ load: CaseloadSettings) throws {
        types = load.sentences.map(\.type)
        lengths = load.sentences.map(\.months)
        requirementChances = load.sentences.map { $0.requirements.map(\.1) }
        requirementSets = load.sentences.map { SubsetCache($0.requirements.map(\.0)) }
        tierTable = try DiscreteTable(weights: load.tiers.map(\.1))
        tierNames = load.tiers.map(\.0)
        var roshTables: [Character: DiscreteTable] = [:]
        for (letter, dist) in load.roshByTierLetter where dist.contains(where: { $0.1 > 0 }) {
            roshTables[letter] = try DiscreteTable(weights: dist.map(\.1))
        }
        defaultRoSH = CaseSpec(id: "", type: .licence, start: Day(number: 0)).rosh
        let letters = load.tiers.map { tier in
            var spec = CaseSpec(id: "", type: .licence, start: Day(number: 0))
            spec.tier = tier.0
            return spec.tierLetter
        }
        roshTableByTier = letters.map { letter in load.roshByTierLetter[letter] == nil ? nil : roshTables[letter] }
        roshLevelsByTier = letters.map { letter in load.roshByTierLetter[letter]?.map(\.0) ?? [] }
        mappaByRank = RoSH.allCases.sorted { $0.rank < $1.rank }.map { load.mappaByRoSH[$0] ?? 0 }
        flagChances = Self.flagsAfterMAPPA.map { load.flagProbability[$0] ?? 0 }
    }

    /// A case's draws, its sentence mix from `sentences` (the weights in force on its start).
    func draw(_ sentences: DiscreteTable, _ rng: RandomStream) -> CaseDraw {
        let mix = rng.discrete(sentences)
        let months = max(1, Int(lengths[mix].sample(rng).rounded()))
        var requirements: UInt64 = 0
        for (i, p) in requirementChances[mix].enumerated() where rng.uniform() < p { requirements |= 1 << UInt64(i) }
        return CaseDraw(mix: mix, months: months, requirements: requirements, risk: drawRisk(rng))
    }

    /// A case's tier, RoSH and flags.
    func drawRisk(_ rng: RandomStream) -> RiskDraw {
        let tier = rng.discrete(tierTable)
        var rosh = defaultRoSH
        if let table = roshTableByTier[tier] { rosh = roshLevelsByTier[tier][rng.discrete(table)] }
        var flags: UInt64 = 0
        if rng.uniform() < mappaByRank[rosh.rank] { flags |= mappaBit }
        for (i, p) in flagChances.enumerated() where rng.uniform() < p { flags |= bitsAfterMAPPA[i] }
        return RiskDraw(tier: tier, rosh: rosh, flags: flags)
    }

    private static func bit(_ flag: CohortFlag) -> UInt64 { 1 << UInt64(CohortFlag.allCases.firstIndex(of: flag)!) }

    /// The spec with the drawn type and length only (all that ``CaseTimeline`` reads), no id, requirements or risk.
    func bareSpec(_ d: CaseDraw, start: Day) -> CaseSpec {
        var spec = CaseSpec(id: "", type: types[d.mix], start: start)
        if spec.type == .licence { spec.custodyMonths = d.months } else { spec.months = d.months }
        return spec
    }

    /// Gives a ``bareSpec(_:start:)`` its id, requirements and risk.
    mutating func complete(_ spec: inout CaseSpec, _ d: CaseDraw, id: String) {
        spec.id = id
        spec.requirements = requirementSets[d.mix].set(d.requirements)
        setRisk(&spec, d.risk)
    }

    /// Sets a spec's tier, RoSH and flags.
    mutating func setRisk(_ spec: inout CaseSpec, _ r: RiskDraw) {
        spec.tier = tierNames[r.tier]
        spec.rosh = r.rosh
        spec.flags = flagSets.set(r.flags)
    }
}

/// The supervision span (``CaseTimeline/whole``) of an initial case, by sentence mix and
/// length: every initial case is drawn starting on the scenario's start, so its span depends
/// on these alone, and the pilot and the tries (about 64,000 a replication of a twentieth of
/// national, 12,000 kept) need nothing else.
///
/// What it buys: a ``CaseTimeline`` for each try, its segments array allocated and freed,
/// cost about 700 instructions; with the caseload no longer re-sorted when it is made in order,
/// generation fell from 459 M to 312 M instructions (a twentieth of national, callgrind).
struct InitialSpans {
    let start: Day
    let options: ReadingOptions
    /// By mix, by months (nil: not yet worked out).
    private var spans: [[Period?]] = []
    /// Longer sentences are worked out each time (a distribution without a `max` may draw any length).
    static var maxCachedMonths: Int { 1200 }

    init(start: Day, options: ReadingOptions) {
        self.start = start
        self.options = options
    }

    /// The whole supervision of the drawn case, starting on ``start``.
    mutating func whole(_ d: CaseDraw, _ tables: CaseDrawTables) -> Period {
        guard d.months <= Self.maxCachedMonths else { return CaseTimeline(tables.bareSpec(d, start: start), options: options).whole }
        if spans.count <= d.mix { spans += Array(repeating: [], count: d.mix + 1 - spans.count) }
        if spans[d.mix].count <= d.months { spans[d.mix] += Array(repeating: nil, count: d.months + 1 - spans[d.mix].count) }
        if let span = spans[d.mix][d.months] { return span }
        let span = CaseTimeline(tables.bareSpec(d, start: start), options: options).whole
        spans[d.mix][d.months] = span
        return span
    }
}

/// The sets of chosen members of a short list (bit i of a mask: `members[i]`), each built the
/// first time it is asked for and then handed out again: copies share one storage.
///
/// What it buys: a set of enums that hash their raw-value strings costs about 1,200
/// instructions an insert (resizes included); a generated case's requirements and flags are
/// one of a few dozen sets.
struct SubsetCache<Element: Hashable> {
    let members: [Element]
    /// By mask, for up to ``maxCachedMembers`` members; more are built each time.
    private var built: [Set<Element>?]
    static var maxCachedMembers: Int { 12 }

    init(_ members: [Element]) {
        precondition(members.count <= 64, "at most 64 members")
        self.members = members
        built = members.count <= Self.maxCachedMembers ? Array(repeating: nil, count: 1 << members.count) : []
    }

    /// The set of the members whose bits are set in `mask`, inserted in list order.
    mutating func set(_ mask: UInt64) -> Set<Element> {
        if built.isEmpty { return make(mask) }
        let i = Int(mask)
        if let s = built[i] { return s }
        let s = make(mask)
        built[i] = s
        return s
    }

    private func make(_ mask: UInt64) -> Set<Element> {
        var s: Set<Element> = []
        for (i, m) in members.enumerated() where mask & (1 << UInt64(i)) != 0 { s.insert(m) }
        return s
    }
}
