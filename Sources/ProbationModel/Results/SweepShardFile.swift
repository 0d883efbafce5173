import Foundation

/// The partial result a sweep shard writes (`sweep_shard.json`): its replications of every point,
/// and what identifies the sweep, so that `probsim merge` can refuse shards of different sweeps
/// and rebuild exactly the output one machine would have written.
package struct SweepShardFile: Codable {
    package static let name = "sweep_shard.json"

    var probsimVersion: String
    package var scenarioFile: String
    package var scenarioFileHash: String
    package var scenarioText: String
    /// The scenario file's real folder when the shard ran (regime files are read relative to it).
    package var scenarioFolder: String
    package var seed: UInt64
    package var replications: Int?
    package var regimes: [String]
    /// `--set` values, `KEY=VALUE`.
    package var overrides: [String]
    package var design: String
    package var keys: [String]
    package var values: [[String]]
    package var shardIndex: Int
    package var shardCount: Int
    /// Results of each point, in (replication, variant) order.
    package var results: [[ReplicationResult]]

    package init(probsimVersion: String, scenarioFile: String, scenarioFileHash: String, scenarioText: String, scenarioFolder: String, seed: UInt64, replications: Int? = nil, regimes: [String], overrides: [String], design: String, keys: [String], values: [[String]], shardIndex: Int, shardCount: Int, results: [[ReplicationResult]]) {
        self.probsimVersion = probsimVersion; self.scenarioFile = scenarioFile; self.scenarioFileHash = scenarioFileHash; self.scenarioText = scenarioText; self.scenarioFolder = scenarioFolder; self.seed = seed; self.replications = replications; self.regimes = regimes; self.overrides = overrides; self.design = design; self.keys = keys; self.values = values; self.shardIndex = shardIndex; self.shardCount = shardCount; self.results = results
    }

    /// What two shards of one sweep share (all but their index and results).
    package var identity: [String] {
        [probsimVersion, scenarioFileHash, String(seed), replications.map(String.init) ?? "-", regimes.joined(separator: "\u{1}"),
         overrides.joined(separator: "\u{1}"), design, keys.joined(separator: "\u{1}"),
         values.map { $0.joined(separator: "\u{1}") }.joined(separator: "\u{2}"), String(shardCount)]
    }

    package func encoded() throws -> Data { try ShardFile.encoder.encode(self) }

    package static func decode(_ data: Data) throws -> SweepShardFile { try ShardFile.decoder.decode(SweepShardFile.self, from: data) }
}
