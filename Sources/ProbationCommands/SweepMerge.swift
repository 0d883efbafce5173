import ArgumentParser
import Foundation
import ProbationModel
import ProbationRules

/// `probsim merge` for sweep shards (folders holding `sweep_shard.json`): refuses shards of
/// different sweeps, missing or repeated shards, and writes the folder `probsim sweep` would have.
struct SweepMerge {
    var folders: [String]
    var out: String

    /// Whether the folders are sweep shards (the first one decides; the rest are checked on reading).
    static func applies(to folders: [String]) -> Bool {
        folders.first.map { FileManager.default.fileExists(atPath: ($0 as NSString).appendingPathComponent(SweepShardFile.name)) } ?? false
    }

    func run() throws {
        var shards: [SweepShardFile] = []
        for f in folders {
            let path = (f as NSString).appendingPathComponent(SweepShardFile.name)
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ValidationError("\(f): no \(SweepShardFile.name) (is it the output folder of `probsim sweep --shard K/N`?)")
            }
            do { shards.append(try SweepShardFile.decode(data)) } catch {
                FileHandle.standardError.write(Data("probsim: \(path): not a readable sweep shard: \(error)\n".utf8))
                throw ExitCode(65)
            }
        }
        let first = shards[0]
        for (f, s) in zip(folders, shards) where s.identity != first.identity {
            FileHandle.standardError.write(Data(("probsim: \(f) is a shard of a different sweep than \(folders[0]) (scenario file, seed, " +
                "replications, regimes, --set, design or shard count differ). Nothing was merged.\n").utf8))
            throw ExitCode(65)
        }
        try MergeCommand.checkComplete(shards.map(\.shardIndex), of: first.shardCount, what: " the sweep")
        let set = try first.overrides.map { text -> Override in
            do { return try Override(parsing: text) } catch let e as OverrideSyntaxError { throw ValidationError("the shards' --set \(text): \(e.message)") }
        }
        let input = try ExperimentInput(text: first.scenarioText, path: first.scenarioFile, folder: first.scenarioFolder, set: set,
                                        replications: first.replications, seed: first.seed, regimes: first.regimes)
        let design = SweepDesign(kind: SweepDesign.Kind(rawValue: first.design) ?? .grid, keys: first.keys, values: first.values)
        let points = try design.values.indices.map { p in try input.point(try design.overrides(p)) }
        let results = points.indices.map { p -> [ReplicationResult] in
            let order: [String: Int] = Dictionary(uniqueKeysWithValues: points[p].variants.enumerated().map { ($1.name, $0) })
            return shards.flatMap { $0.results[p] }.sorted { ($0.replication, order[$0.regime] ?? 0) < ($1.replication, order[$1.regime] ?? 0) }
        }
        let sweep = SweepResults(design: design, points: points, results: results)
        let record: JSONValue = .object([
            ("scenario", .string(input.scenario.name)), ("scenario_file", .string(first.scenarioFile)),
            ("scenario_file_fnv1a64", .string(first.scenarioFileHash)), ("seed", .int(Int(first.seed))),
            ("replications", .int(input.scenario.replications)), ("regimes", .array(first.regimes.map { .string($0) })),
            ("overrides", .array(first.overrides.map { .string($0) })), ("merged_shards", .int(first.shardCount)),
            ("probsim_version", .string(probsimVersion)), ("command_line", .array(CommandLine.arguments.map { .string($0) })),
        ])
        do { try OutputFolder(path: out).write(sweep.files(scenario: input.scenario, overrides: first.overrides, wallSeconds: Double?.none, record: record)) } catch {
            FileHandle.standardError.write(Data("probsim: \(error)\n".utf8))
            throw ExitCode(74)
        }
        print("Merged \(shards.count) sweep shard\(shards.count == 1 ? "" : "s") (\(points.count) points) into \(out)/")
    }
}
