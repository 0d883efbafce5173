import Foundation

/// The partial result a sweep shard writes (`sweep_shard.json`): its replications of every point,
/// and what identifies the sweep, so that `probsim merge` can refuse shards of different sweeps
/// and rebuild exactly the output one machine would have written.
struct SweepShardFile: Codable {
    static let name = "sweep_shard.json"

    var probsimVersion: String
    var scenarioFile: String
    var scenarioFileHash: String
    var scenarioText: String
    /// The scenario file's real folder when the shard ran (regime files are read relative to it).
    var scenarioFolder: String
    var seed: UInt64
    var replications: Int?
    var regimes: [String]
    /// `--set` values, `KEY=VALUE`.
    var overrides: [String]
    var design: String
    var keys: [String]
    var values: [[String]]
    var shardIndex: Int
    var shardCount: Int
    /// Results of each point, in (replication, variant) order.
    var results: [[ReplicationResult]]

    /// What two shards of one sweep share (all but their index and results).
    var identity: [String] {
        [probsimVersion, scenarioFileHash, String(seed), replications.map(String.init) ?? "-", regimes.joined(separator: "\u{1}"),
         overrides.joined(separator: "\u{1}"), design, keys.joined(separator: "\u{1}"),
         values.map { $0.joined(separator: "\u{1}") }.joined(separator: "\u{2}"), String(shardCount)]
    }

    func encoded() throws -> Data { try ShardFile.encoder.encode(self) }

    static func decode(_ data: Data) throws -> SweepShardFile { try ShardFile.decoder.decode(SweepShardFile.self, from: data) }
}
