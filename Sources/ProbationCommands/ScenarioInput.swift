import ArgumentParser
import Foundation
import ProbationModel
import ProbationRules

/// Loading a scenario for a command: problems go to standard error and end the command with exit 65.
enum ScenarioInput {
    static func load(_ path: String, overrides: [Override] = []) throws -> Study {
        do {
            return try ScenarioReader.study(path: path, overrides: overrides)
        } catch let e as InputProblems {
            let n = e.problems.count
            let with = overrides.isEmpty ? "" : " with \(overrides.map(\.label).joined(separator: " "))"
            FileHandle.standardError.write(Data("probsim: \(path)\(with) is not a valid scenario (\(n) problem\(n == 1 ? "" : "s")):\n\(e)\n".utf8))
            throw ExitCode(65)
        }
    }

    /// The study with only the variants named (by name or as written in the scenario), in the
    /// order named; every variant when none is. Exit 64 for an unknown name.
    static func select(_ names: [String], from study: Study) throws -> Study {
        guard !names.isEmpty else { return study }
        let (scenario, regimes) = (study.scenario, study.variants)
        var out: [Variant] = []
        for n in names {
            if let i = regimes.indices.first(where: { regimes[$0].name == n || scenario.regimes[$0] == n }) {
                out.append(regimes[i])
            } else {
                var msg = "--regime \(n): the scenario does not run a regime named '\(n)'"
                if let g = didYouMean(n, among: regimes.map(\.name)) { msg += "; did you mean '\(g)'?" }
                throw ValidationError(msg + " (it runs: \(regimes.map(\.name).joined(separator: ", ")))")
            }
        }
        return study.running(out)
    }
}

/// Reports an internal error (a bug) and exits 70.
func internalError(_ error: Error) -> ExitCode {
    FileHandle.standardError.write(Data("probsim: internal error (this is a bug in probsim; please report it): \(error)\n".utf8))
    return ExitCode(70)
}
