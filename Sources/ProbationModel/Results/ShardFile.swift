import Foundation

/// The partial result a shard writes (`shard.json`): its replications' raw results and what
/// identifies the run, so that `probsim merge` can refuse shards of different runs and rebuild
/// exactly the output one machine would have written.
package struct ShardFile: Codable {
    package var probsimVersion: String
    var scenarioName: String
    package var scenarioFile: String
    package var scenarioFileHash: String
    package var scenarioText: String
    /// The scenario file's real folder when the shard ran (regime files are read relative to it).
    package var scenarioFolder: String?
    package var seed: UInt64
    package var replications: Int
    package var regimes: [String]
    package var shardIndex: Int
    package var shardCount: Int
    /// The `--set` values the shard's scenario was read with (absent in shards written before them).
    package var overrides: [String]?
    package var results: [ReplicationResult]

    package static func encode(scenario: Scenario, fileHash: String, shard: Shard, variants: [Variant], results: [ReplicationResult],
                       overrides: [String] = []) throws -> Data {
        let file = ShardFile(probsimVersion: ProbationModel.probsimVersion, scenarioName: scenario.name, scenarioFile: scenario.file,
                             scenarioFileHash: fileHash,
                             scenarioText: (FileManager.default.contents(atPath: scenario.file).flatMap { String(data: $0, encoding: .utf8) }) ?? "",
                             scenarioFolder: ScenarioReader.folder(of: scenario.file),
                             seed: scenario.seed, replications: scenario.replications, regimes: variants.map(\.name),
                             shardIndex: shard.index, shardCount: shard.count, overrides: overrides, results: results)
        return try encoder.encode(file)
    }

    static var encoder: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        e.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return e
    }

    package static var decoder: JSONDecoder {
        let d = JSONDecoder()
        d.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return d
    }
}
