// swift-tools-version: 6.0
import PackageDescription

/// probsim: a discrete-event workload simulator for the probation service of England and Wales.
///
/// Layers, data flowing one way (each target imports only those above it; the compiler enforces it):
/// - `SimulationCore`: event engine, GSL random streams, distributions, working-day calendar. No I/O.
/// - `ProbationRules`: the domain and the rules as data: cases, YAML input, regimes, the contact planner,
///   the activity table and WMT points (it owns those data files). No simulation, no commands.
/// - `ProbationModel`: scenarios, the case model (simulation), measures, writers, experiments.
/// - `ProbationCommands`: the command line (the only target importing ArgumentParser).
/// - `probsim`: the tiny executable.
/// Invariant checks (events never handed out into the past, every case on the books held by one
/// practitioner, a case's held contacts in day order, weekly hours adding up to the total) are
/// compiled into debug builds, so the tests run them; release builds carry none.
let invariantChecks: [SwiftSetting] = [.define("PROBSIM_INVARIANTS", .when(configuration: .debug))]

let package = Package(
    name: "probsim",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "probsim", targets: ["probsim"]),
        .library(name: "SimulationCore", targets: ["SimulationCore"]),
        .library(name: "ProbationModel", targets: ["ProbationModel"]),
    ],
    dependencies: [
        // The command line: subcommands, --help, typed options, exit codes.
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // YAML scenario and regime files, with line and column marks for error messages.
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CGSL",
            pkgConfig: "gsl",
            providers: [.apt(["libgsl-dev"])]
        ),
        // A cache prefetch hint for the model's hot loop (Swift has no spelling for one).
        .target(name: "CPrefetch"),
        .target(
            name: "SimulationCore",
            dependencies: ["CGSL"],
            swiftSettings: invariantChecks
        ),
        .target(
            name: "ProbationRules",
            dependencies: [
                "SimulationCore",
                .product(name: "Yams", package: "Yams"),
            ],
            resources: [.copy("Regimes/BuiltIn"), .copy("Workload/wmt2021.yaml"), .copy("Workload/activities.yaml")],
            swiftSettings: invariantChecks
        ),
        .target(
            name: "ProbationModel",
            dependencies: [
                "ProbationRules",
                "SimulationCore",
                "CPrefetch",
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: invariantChecks
        ),
        .target(
            name: "ProbationCommands",
            dependencies: [
                "ProbationModel",
                "ProbationRules",
                "SimulationCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "probsim",
            dependencies: ["ProbationCommands"]
        ),
        .testTarget(
            name: "SimulationCoreTests",
            dependencies: ["SimulationCore"]
        ),
        .testTarget(
            name: "ProbationModelTests",
            dependencies: ["ProbationCommands", "ProbationModel", "ProbationRules", "SimulationCore"],
            exclude: ["Golden"]   // golden summaries, read from the source tree by GoldenTests
        ),
    ]
)
