import Foundation

/// The finished (replication, regime) runs of `probsim run`, kept as each completes in a folder
/// beside the output folder (`<out>.partial/`), so that an interrupted run can be continued with
/// `--resume`. Each result is one file, written to a temporary name and renamed into place, so a
/// file is either whole or absent. `checkpoint.json` says which run the results belong to; a resume
/// of a different run is refused. The folder is removed once the output folder is written.
package final class Checkpoint: @unchecked Sendable {
    /// What a resumed run must share with the run that kept the results.
    package struct Identity: Codable, Equatable {
        var probsimVersion: String
        var scenarioFile: String
        var scenarioFileHash: String
        var seed: UInt64
        var replications: Int
        var regimes: [String]
        var shard: String?
        /// The `--set` overrides, as written (`KEY=VALUE`); absent in checkpoints without any.
        var overrides: [String]? = nil

        package init(probsimVersion: String, scenarioFile: String, scenarioFileHash: String, seed: UInt64, replications: Int, regimes: [String], shard: String? = nil, overrides: [String]? = nil) {
            self.probsimVersion = probsimVersion; self.scenarioFile = scenarioFile; self.scenarioFileHash = scenarioFileHash; self.seed = seed; self.replications = replications; self.regimes = regimes; self.shard = shard; self.overrides = overrides
        }
    }

    package let folder: URL
    let identity: Identity
    private let lock = NSLock()
    private var created = false
    private var savedNow = 0
    private var warned = false

    package init(destination: URL, identity: Identity) {
        folder = URL(fileURLWithPath: destination.path + ".partial")
        self.identity = identity
    }

    package var exists: Bool { FileManager.default.fileExists(atPath: folder.path) }

    /// Results saved by this process.
    package var saved: Int { lock.lock(); defer { lock.unlock() }; return savedNow }

    static func fileName(_ job: Runner.Job) -> String { "run-\(job.replication)-\(job.regimeIndex).json" }

    /// The results kept by an interrupted run of the same identity, by job.
    ///
    /// - Throws: ``CheckpointError`` (exit 64) when there is no checkpoint, (exit 65) when it is unreadable
    ///   or belongs to a different run, naming what differs.
    package func load(jobs: [Runner.Job]) throws -> [Runner.Job: ReplicationResult] {
        let idPath = folder.appendingPathComponent("checkpoint.json")
        guard exists else {
            throw CheckpointError(code: 64, message: "--resume: there is no interrupted run to resume: \(folder.path)/ does not exist " +
                                  "(a run keeps its finished runs there when it is interrupted, and removes them once its output is written)")
        }
        guard let data = FileManager.default.contents(atPath: idPath.path),
              let kept = try? ShardFile.decoder.decode(Identity.self, from: data) else {
            throw CheckpointError(code: 65, message: "--resume: \(idPath.path): missing or unreadable; expected the checkpoint.json of an interrupted " +
                                  "probsim run (delete \(folder.path)/ to start afresh)")
        }
        let why = Checkpoint.differences(kept, identity)
        guard why.isEmpty else {
            throw CheckpointError(code: 65, message: "--resume: the runs kept in \(folder.path)/ belong to a different run: \(why.joined(separator: "; ")). " +
                                  "Nothing was run; run with the same settings, or delete \(folder.path)/ to start afresh.")
        }
        lock.lock(); created = true; lock.unlock()
        var out: [Runner.Job: ReplicationResult] = [:]
        for job in jobs {
            let path = folder.appendingPathComponent(Checkpoint.fileName(job)).path
            guard let bytes = FileManager.default.contents(atPath: path) else { continue }
            if let r = try? ShardFile.decoder.decode(ReplicationResult.self, from: bytes), r.replication == job.replication,
               r.regime == identity.regimes[job.regimeIndex] {
                out[job] = r
            } else {
                FileHandle.standardError.write(Data("probsim: \(path): not a readable result of replication \(job.replication + 1), regime \(identity.regimes[job.regimeIndex]); it will be run again.\n".utf8))
            }
        }
        return out
    }

    /// What differs between the kept run and this one, in words (empty when they match).
    static func differences(_ kept: Identity, _ now: Identity) -> [String] {
        var why: [String] = []
        if kept.scenarioFileHash != now.scenarioFileHash {
            why.append("the scenario file \(now.scenarioFile) has changed (FNV-1a \(now.scenarioFileHash), kept runs are of \(kept.scenarioFile) with \(kept.scenarioFileHash))")
        }
        if kept.seed != now.seed { why.append("seed \(now.seed), kept runs used seed \(kept.seed)") }
        if kept.replications != now.replications { why.append("\(now.replications) replications, kept runs are of \(kept.replications)") }
        if kept.regimes != now.regimes {
            why.append("regimes \(now.regimes.joined(separator: ", ")), kept runs are of \(kept.regimes.joined(separator: ", "))")
        }
        if kept.shard != now.shard { why.append("shard \(now.shard ?? "none"), kept runs are of shard \(kept.shard ?? "none")") }
        if (kept.overrides ?? []) != (now.overrides ?? []) {
            func list(_ o: [String]?) -> String { (o ?? []).isEmpty ? "none" : (o ?? []).joined(separator: " ") }
            why.append("--set \(list(now.overrides)), kept runs used --set \(list(kept.overrides))")
        }
        if kept.probsimVersion != now.probsimVersion { why.append("probsim \(now.probsimVersion), kept runs were made by probsim \(kept.probsimVersion)") }
        return why
    }

    /// Keeps one finished result (called from any thread). A failure to write is reported once on
    /// standard error and the run goes on: its results are still in memory.
    package func save(_ job: Runner.Job, _ result: ReplicationResult) {
        do {
            try lock.withLock {
                if !created {
                    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                    try Checkpoint.writeAtomically(try ShardFile.encoder.encode(identity), to: folder.appendingPathComponent("checkpoint.json"))
                    created = true
                }
            }
            try Checkpoint.writeAtomically(try ShardFile.encoder.encode(result), to: folder.appendingPathComponent(Checkpoint.fileName(job)))
            lock.withLock { savedNow += 1 }
        } catch {
            let first = lock.withLock { () -> Bool in defer { warned = true }; return !warned }
            if first {
                FileHandle.standardError.write(Data("probsim: cannot keep finished runs in \(folder.path)/ (\(error.localizedDescription)); the run goes on, but an interruption would lose them.\n".utf8))
            }
        }
    }

    /// Writes to a temporary file in the same folder, then renames it over `url`.
    static func writeAtomically(_ data: Data, to url: URL) throws {
        let tmp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)")
        try data.write(to: tmp)
        guard rename(tmp.path, url.path) == 0 else {
            let e = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: tmp)
            throw OutputError(message: "cannot rename \(tmp.path) to \(url.path): \(e)")
        }
    }

    /// Result files in the folder now.
    package var keptCount: Int {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasPrefix("run-") && $0.hasSuffix(".json") }.count
    }

    /// Removes the folder (after the output folder is written, or when an interruption kept nothing).
    package func remove() { try? FileManager.default.removeItem(at: folder) }
}

/// A refused `--resume`, with its exit code (64 bad usage, 65 a checkpoint of a different run).
package struct CheckpointError: Error, CustomStringConvertible {
    package var code: Int32
    var message: String
    package var description: String { message }
}

/// Words for a shell: quoted when they hold anything but safe characters.
package func shellWords(_ words: [String]) -> String {
    let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-./@%+=:,")
    return words.map { w in
        !w.isEmpty && w.allSatisfy { safe.contains($0) } ? w : "'" + w.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }.joined(separator: " ")
}
