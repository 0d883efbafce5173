import ArgumentParser
import Foundation
import ProbationModel

/// The help texts of the options `run` and the experiment commands share, which say what the
/// option means for that command.
protocol CommonOptionTexts {
    static var replications: String { get }
    static var seed: String { get }
    static var out: String { get }
    static var quiet: String { get }
    static var format: String { get }
}

/// The options `run`, `sweep`, `solve` and `sensitivity` share (`--replications --seed --jobs
/// --out --quiet --format --set`), declared once; `Texts` gives each command its own help text.
struct CommonOptions<Texts: CommonOptionTexts>: ParsableArguments {
    @Option(help: ArgumentHelp(Texts.replications), transform: OptionValue.whole(1...100_000))
    var replications: Int?

    @Option(help: ArgumentHelp(Texts.seed), transform: OptionValue.seed)
    var seed: UInt64?

    @Option(help: "Threads to run replications on, 1 to 256 (results are identical whatever the number; default: the number of cores).",
            transform: OptionValue.whole(1...256))
    var jobs: Int = min(256, max(1, ProcessInfo.processInfo.activeProcessorCount))

    @Option(help: ArgumentHelp(Texts.out))
    var out: String?

    @Flag(help: ArgumentHelp(Texts.quiet))
    var quiet = false

    @Option(help: ArgumentHelp(Texts.format))
    var format: OutputFormat = .text

    @OptionGroup var set: OverrideOptions
}

/// `run`'s help texts.
enum RunOptionTexts: CommonOptionTexts {
    static let replications = "Number of replications, 1 to 100,000 (overrides the scenario)."
    static let seed = "Seed, 0 to 2^63 - 1 (overrides the scenario)."
    static let out = "Output folder (default: output/<scenario name>)."
    static let quiet = "No progress bar and no summary table."
    static let format = "What to print on standard output: text (a table) or json (summary.json)."
}

/// The experiment commands' help texts.
enum ExperimentOptionTexts: CommonOptionTexts {
    static let replications = "Replications at each point, 1 to 100,000 (overrides the scenario)."
    static let seed = "Seed, 0 to 2^63 - 1 (overrides the scenario); every point uses it (common random numbers)."
    static let out = "Output folder."
    static let quiet = "No progress bar and no table."
    static let format = "What to print on standard output: text (a table) or json."
}

/// The shared options read as the command's own.
protocol SharesCommonOptions {
    associatedtype Texts: CommonOptionTexts
    var common: CommonOptions<Texts> { get }
}

extension SharesCommonOptions {
    var replications: Int? { common.replications }
    var seed: UInt64? { common.seed }
    var jobs: Int { common.jobs }
    var out: String? { common.out }
    var quiet: Bool { common.quiet }
    var format: OutputFormat { common.format }
    var set: OverrideOptions { common.set }
}
