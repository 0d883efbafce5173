import ArgumentParser
import ProbationModel
import ProbationRules

/// `--set KEY=VALUE`, shared by every command that reads a scenario.
struct OverrideOptions: ParsableArguments {
    @Option(name: .customLong("set"), parsing: .singleValue,
            help: ArgumentHelp("Override a scenario key (repeatable), checked as if it were in the file: e.g. --set caseload.flags.mappa=0.3, --set 'workforce.practitioners[0].count=45'. VALUE is YAML.",
                               valueName: "key=value"),
            transform: OverrideOptions.parse)
    var overrides: [Override] = []

    /// `KEY=VALUE`; a malformed one is a usage error (exit 64).
    static let parse: @Sendable (String) throws -> Override = { text in
        do { return try Override(parsing: text) } catch let e as OverrideSyntaxError { throw ValidationError(e.message) }
    }

    /// As recorded in `run.json`: `KEY=VALUE` each.
    var recorded: [String] { overrides.map(\.description) }
}
