import ArgumentParser
import Foundation
import ProbationModel

/// `probsim run --resume`: the checkpoint of finished runs (see ``Checkpoint``) read, refused or reported.
extension RunCommand {
    /// The runs kept by an interrupted run (with `--resume`). Without `--resume`, a checkpoint left
    /// by an interrupted run is not discarded silently: the run is refused (exit 64) with the choice.
    func keptResults(_ checkpoint: Checkpoint, jobs: [Runner.Job]) throws -> [Runner.Job: ReplicationResult] {
        guard resume else {
            if checkpoint.exists {
                FileHandle.standardError.write(Data(("probsim: \(checkpoint.folder.path)/ holds \(checkpoint.keptCount) finished run(s) of an interrupted run: " +
                    "continue from them with --resume:\n  \(resumeCommand)\nor delete that folder to start afresh.\n").utf8))
                throw ExitCode(64)
            }
            return [:]
        }
        do {
            let kept = try checkpoint.load(jobs: jobs)
            if !quiet {
                FileHandle.standardError.write(Data("probsim: resuming: \(kept.count) of \(jobs.count) runs kept in \(checkpoint.folder.path)/; running the other \(jobs.count - kept.count).\n".utf8))
            }
            return kept
        } catch let e as CheckpointError {
            FileHandle.standardError.write(Data("probsim: \(e)\n".utf8))
            throw ExitCode(e.code)
        }
    }

    /// What an interruption kept and how to resume, for standard error; removes an empty checkpoint.
    func interruptionMessage(_ checkpoint: Checkpoint, total: Int, folder: OutputFolder) -> String {
        let n = checkpoint.keptCount
        let previous = FileManager.default.fileExists(atPath: folder.destination.path)
        var msg = "probsim: interrupted; "
        if n > 0 {
            msg += "\(n) of \(total) runs are kept in \(checkpoint.folder.path)/"
        } else {
            checkpoint.remove()
            msg += "no run had finished, so none was kept"
        }
        msg += previous ? ", and \(folder.destination.path) keeps its previous results." : "; nothing was written to \(folder.destination.path)."
        if n > 0 { msg += " Resume with:\n  \(resumeCommand)" }
        return msg + "\n"
    }

    /// The command that resumes this run (the options that change results or output, and --resume).
    var resumeCommand: String {
        var words = ["probsim", "run", scenario]
        for r in regime { words += ["--regime", r] }
        if let replications { words += ["--replications", String(replications)] }
        if let seed { words += ["--seed", String(seed)] }
        if let out { words += ["--out", out] }
        if let shard { words += ["--shard", "\(shard.index)/\(shard.count)"] }
        if check { words.append("--check") }
        if quiet { words.append("--quiet") }
        if format != .text { words += ["--format", format.rawValue] }
        return shellWords(words + ["--resume"])
    }
}
