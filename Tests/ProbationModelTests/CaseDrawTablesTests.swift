import Testing
import SimulationCore
import ProbationRules
@testable import ProbationModel

/// The caseload generator's tables (``CaseDrawTables``, ``SubsetCache``, ``InitialSpans``) make
/// the same cases, from the same draws, as the dictionary-keyed code they replaced.
@Suite struct CaseDrawTablesTests {
    static let start = Day(year: 2025, month: 1, day: 6)!

    /// The drawing code before the tables, kept as the reference: a case's spec, drawn with
    /// dictionaries keyed by tier letter, RoSH and flag, its sets built insert by insert.
    static func referenceDraw(_ load: CaseloadSettings, _ sentences: DiscreteTable, id: String, start: Day, _ rng: RandomStream) throws -> CaseSpec {
        let mix = load.sentences[rng.discrete(sentences)]
        let months = max(1, Int(mix.months.sample(rng).rounded()))
        var spec = CaseSpec(id: id, type: mix.type, start: start)
        if mix.type == .licence { spec.custodyMonths = months } else { spec.months = months }
        for (r, p) in mix.requirements where rng.uniform() < p { spec.requirements.insert(r) }
        try referenceRisk(load, &spec, rng)
        return spec
    }

    static func referenceRisk(_ load: CaseloadSettings, _ spec: inout CaseSpec, _ rng: RandomStream) throws {
        let tierTable = try DiscreteTable(weights: load.tiers.map(\.1))
        var roshTables: [Character: DiscreteTable] = [:]
        for (letter, dist) in load.roshByTierLetter where dist.contains(where: { $0.1 > 0 }) {
            roshTables[letter] = try DiscreteTable(weights: dist.map(\.1))
        }
        spec.tier = load.tiers[rng.discrete(tierTable)].0
        let letter = spec.tierLetter
        if let table = roshTables[letter], let dist = load.roshByTierLetter[letter] { spec.rosh = dist[rng.discrete(table)].0 }
        if rng.uniform() < (load.mappaByRoSH[spec.rosh] ?? 0) { spec.flags.insert(.mappa) }
        for flag in [CohortFlag.nsd, .childProtection, .isc, .iom] where rng.uniform() < (load.flagProbability[flag] ?? 0) {
            spec.flags.insert(flag)
        }
    }

    /// Draws `count` cases both ways from two streams with one key; every spec and the streams' next draws agree.
    static func checkSameAsReference(_ load: CaseloadSettings, count: Int) throws {
        let key = StreamKey(seed: 7, replication: 3, purpose: StreamPurpose("caseload"))
        let (a, b) = (try RandomStream(key: key), try RandomStream(key: key))
        let sentences = try DiscreteTable(weights: load.sentences.map(\.weight))
        var tables = try CaseDrawTables(load)
        for k in 0..<count {
            let expected = try referenceDraw(load, sentences, id: "c\(k)", start: start, a)
            let drawn = tables.draw(sentences, b)
            var spec = tables.bareSpec(drawn, start: start)
            tables.complete(&spec, drawn, id: "c\(k)")
            #expect(spec == expected)
            // A release surge's risk alone.
            var surge = CaseSpec(id: "r\(k)", type: .licence, start: start)
            var expectedSurge = surge
            try referenceRisk(load, &expectedSurge, a)
            tables.setRisk(&surge, tables.drawRisk(b))
            #expect(surge == expectedSurge)
        }
        #expect(a.uniform() == b.uniform())
    }

    @Test func theDefaultCaseloadDrawsAsTheDictionariesDid() throws {
        try Self.checkSameAsReference(CaseloadSettings(), count: 3000)
    }

    @Test func gapsInTheTablesDrawAsTheDictionariesDid() throws {
        var load = CaseloadSettings()
        // Letters without RoSH (D missing, C all zero: RoSH stays the default), MAPPA for some
        // levels only, ISC given, a tier list that is not the sixteen.
        load.roshByTierLetter = ["A": [(.high, 0.5), (.veryHigh, 0.5)], "B": [(.low, 0.2), (.medium, 0.8)], "C": [(.low, 0), (.high, 0)]]
        load.mappaByRoSH = [.high: 0.5, .low: 0.3]
        load.flagProbability = [.isc: 0.3, .nsd: 0.4]
        load.tiers = [("A1", 1), ("B2", 2), ("C3", 1), ("D0", 1), ("", 1)]
        // A mix with more requirements than SubsetCache keeps (repeats), and one with none.
        let many: [(Requirement, Double)] = Requirement.allCases.map { ($0, 0.5) } + [(.rar, 0.5), (.upw, 0.3), (.curfew, 0.9), (.atr, 0.1)]
        load.sentences = [
            SentenceMix(type: .communityOrder, weight: 1, months: Distribution(.lognormal(median: 12, sigma: 0.4), min: 6, max: 36), requirements: many),
            SentenceMix(type: .suspendedSentenceOrder, weight: 1, months: Distribution(.uniform(min: 6, max: 24))),
            SentenceMix(type: .licence, weight: 2, months: Distribution(.lognormal(median: 20, sigma: 0.9))),
        ]
        try Self.checkSameAsReference(load, count: 3000)
    }

    @Test func subsetsAreTheMembersWhoseBitsAreSet() {
        for members in [Array(Requirement.allCases), Array(Requirement.allCases) + Array(Requirement.allCases.prefix(5))] {
            var cache = SubsetCache(members)
            for mask in [0, 1, 2, 3, 5, 0b1_0000_0001, 0b1_1111_1111, 0b1_0000_0000_0001, (1 << members.count) - 1] as [UInt64]
            where mask < 1 << UInt64(members.count) {
                let expected = Set(members.indices.filter { mask & (1 << UInt64($0)) != 0 }.map { members[$0] })
                #expect(cache.set(mask) == expected)
                #expect(cache.set(mask) == expected)  // the second time, from the cache
            }
        }
    }

    @Test func initialSpansAreTheTimelines() throws {
        var load = CaseloadSettings()
        load.sentences.append(SentenceMix(type: .licence, weight: 1, months: Distribution(.fixed(1))))
        let tables = try CaseDrawTables(load)
        for custodyPhase in [true, false] {
            var options = ReadingOptions()
            options.custodyPhase = custodyPhase
            options.releaseFraction = 0.4
            var spans = InitialSpans(start: Self.start, options: options)
            for mix in load.sentences.indices {
                for months in [1, 2, 11, 12, 23, 24, 25, 240, InitialSpans.maxCachedMonths, InitialSpans.maxCachedMonths + 1, 5000] {
                    let d = CaseDraw(mix: mix, months: months, requirements: 0, risk: RiskDraw(tier: 0, rosh: .low, flags: 0))
                    let expected = CaseTimeline(tables.bareSpec(d, start: Self.start), options: options).whole
                    #expect(spans.whole(d, tables) == expected)
                    #expect(spans.whole(d, tables) == expected)
                }
            }
        }
    }
}
