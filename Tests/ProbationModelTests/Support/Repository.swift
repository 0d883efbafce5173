import Foundation

/// Where things are: the repository this test file is in, and the built `probsim` binary.
enum Repository {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The `probsim` binary beside this test bundle (built with it, whatever the scratch path),
    /// else in `.build/debug` or `.build/release`; nil if none is built.
    static var binary: URL? {
        var candidates: [URL] = []
        if let own = Bundle.main.executableURL?.resolvingSymlinksInPath().deletingLastPathComponent() {
            candidates.append(own.appendingPathComponent("probsim"))
        }
        for config in ["debug", "release"] { candidates.append(root.appendingPathComponent(".build/\(config)/probsim")) }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }
}

/// A new empty folder under the system's temporary folder, named `prefix-UUID` (the caller removes it).
func temporaryFolder(_ prefix: String) throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
}
