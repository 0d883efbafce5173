import ArgumentParser
import Foundation
import ProbationModel
import ProbationRules

/// `probsim merge DIR... --out DIR`: combines shard outputs into the result one machine would have written.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Combine the output folders of `probsim run --shard K/N` (or `probsim sweep --shard K/N`) into one result.",
        discussion: "Writes the files run writes (summary.json, standards.csv, hours_weekly.csv, caseload_weekly.csv, unmet_work.csv, monthly.csv, run.json, report.html), as one unsharded run would. Refuses shards of different scenarios (file contents), seeds, replications, regimes or probsim versions, and reports missing or repeated shards.\n\n\(exitCodesHelp)")

    @Argument(help: "Shard output folders (each holds a shard.json).")
    var folders: [String]

    @Option(help: "Where to write the merged output folder.")
    var out: String

    func run() throws {
        if SweepMerge.applies(to: folders) { return try SweepMerge(folders: folders, out: out).run() }
        var shards: [ShardFile] = []
        for f in folders {
            let path = (f as NSString).appendingPathComponent("shard.json")
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ValidationError("\(f): no shard.json (is it the output folder of `probsim run --shard K/N`?)")
            }
            do { shards.append(try ShardFile.decoder.decode(ShardFile.self, from: data)) } catch {
                FileHandle.standardError.write(Data("probsim: \(path): not a readable shard file: \(error)\n".utf8))
                throw ExitCode(65)
            }
        }
        guard let first = shards.first else { throw ValidationError("give at least one shard folder") }
        for (f, s) in zip(folders, shards) {
            var why: [String] = []
            if s.scenarioFileHash != first.scenarioFileHash { why.append("the scenario file differs (\(s.scenarioFile) vs \(first.scenarioFile))") }
            if s.seed != first.seed { why.append("seed \(s.seed) vs \(first.seed)") }
            if s.replications != first.replications { why.append("replications \(s.replications) vs \(first.replications)") }
            if s.regimes != first.regimes { why.append("regimes \(s.regimes) vs \(first.regimes)") }
            if s.probsimVersion != first.probsimVersion { why.append("probsim \(s.probsimVersion) vs \(first.probsimVersion)") }
            if s.shardCount != first.shardCount { why.append("split into \(s.shardCount) shards vs \(first.shardCount)") }
            if (s.overrides ?? []) != (first.overrides ?? []) { why.append("--set \(s.overrides ?? []) vs \(first.overrides ?? [])") }
            if !why.isEmpty {
                FileHandle.standardError.write(Data("probsim: \(f) is a shard of a different run than \(folders[0]): \(why.joined(separator: "; ")). Nothing was merged.\n".utf8))
                throw ExitCode(65)
            }
        }
        try MergeCommand.checkComplete(shards.map(\.shardIndex), of: first.shardCount, what: "")
        // Rebuild the scenario from the text the shards ran (regime files are read relative to its original folder).
        var study: Study
        do {
            study = try ScenarioReader.study(parsing: first.scenarioText, file: first.scenarioFile,
                                             folder: first.scenarioFolder ?? ScenarioReader.folder(of: first.scenarioFile),
                                             overrides: try (first.overrides ?? []).map { try Override(parsing: $0) })
            study.scenario.seed = first.seed
            study.scenario.replications = first.replications
        } catch let e as InputProblems {
            FileHandle.standardError.write(Data("probsim: the shards' scenario no longer loads:\n\(e)\n".utf8))
            throw ExitCode(65)
        }
        let regimes = first.regimes.compactMap { name in study.variant(named: name) }
        let order = Dictionary(uniqueKeysWithValues: first.regimes.enumerated().map { ($1, $0) })
        let results = shards.flatMap(\.results).sorted { ($0.replication, order[$0.regime] ?? 0) < ($1.replication, order[$1.regime] ?? 0) }
        let output = RunOutput(study: study.running(regimes), results: results, shard: nil, file: first.scenarioFile, started: Date(), wall: 0,
                               overrides: first.overrides ?? [])
        do { try OutputFolder(path: out).write(output.files(summary: output.summary)) } catch {
            FileHandle.standardError.write(Data("probsim: \(error)\n".utf8))
            throw ExitCode(74)
        }
        print("Merged \(shards.count) shard\(shards.count == 1 ? "" : "s") (\(results.count) runs) into \(out)/")
    }

    /// Refuses (exit 65) a set of shards with one missing or given twice, naming which.
    static func checkComplete(_ indices: [Int], of count: Int, what: String) throws {
        let missing = Set(1...count).subtracting(indices).sorted()
        let repeated = Dictionary(grouping: indices, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted()
        guard !missing.isEmpty || !repeated.isEmpty else { return }
        var msg = "probsim: cannot merge\(what):"
        if !missing.isEmpty { msg += " shard\(missing.count == 1 ? "" : "s") \(missing.map(String.init).joined(separator: ", ")) of \(count) missing;" }
        if !repeated.isEmpty { msg += " shard\(repeated.count == 1 ? "" : "s") \(repeated.map(String.init).joined(separator: ", ")) given twice;" }
        FileHandle.standardError.write(Data((msg + " nothing was merged.\n").utf8))
        throw ExitCode(65)
    }
}
