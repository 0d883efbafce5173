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

/// The test process's own folder under the system's temporary folder: every ``temporaryFolder(_:)``
/// is made in it, and it is removed when the process exits, so that a test which hands its folder
/// on (or fails before removing it) leaves nothing behind.
let testsFolder: URL = {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("probsim-tests-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    atexit { try? FileManager.default.removeItem(at: testsFolder) }
    return root
}()

/// A new empty folder in ``testsFolder``, named `prefix-UUID` (removed with it when the tests end).
func temporaryFolder(_ prefix: String) throws -> URL {
    let dir = testsFolder.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
}
