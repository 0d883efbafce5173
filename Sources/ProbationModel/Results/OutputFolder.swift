import Foundation

/// Writes an output folder atomically: files go into a hidden temporary folder beside the
/// destination, which is renamed into place only when every file is written. A failure or an
/// interruption leaves the previous results as they were and removes the temporary folder.
public struct OutputFolder {
    public let destination: URL
    let temporary: URL

    public init(path: String) {
        destination = URL(fileURLWithPath: path).standardizedFileURL
        let parent = destination.deletingLastPathComponent()
        temporary = parent.appendingPathComponent(".\(destination.lastPathComponent).partial-\(ProcessInfo.processInfo.processIdentifier)")
    }

    /// Writes the files (name → bytes) and renames the folder into place.
    ///
    /// - Throws: a message naming the path when a write or rename fails; nothing is left behind.
    public func write(_ files: [(String, Data)]) throws {
        let fm = FileManager.default
        do {
            try fm.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? fm.removeItem(at: temporary)
            try fm.createDirectory(at: temporary, withIntermediateDirectories: false)
            for (name, data) in files {
                try data.write(to: temporary.appendingPathComponent(name), options: .atomic)
            }
            var old: URL?
            if fm.fileExists(atPath: destination.path) {
                let o = destination.deletingLastPathComponent().appendingPathComponent(".\(destination.lastPathComponent).old-\(ProcessInfo.processInfo.processIdentifier)")
                try? fm.removeItem(at: o)
                try fm.moveItem(at: destination, to: o)
                old = o
            }
            do {
                try fm.moveItem(at: temporary, to: destination)
            } catch {
                if let o = old { try? fm.moveItem(at: o, to: destination) }
                throw error
            }
            if let o = old { try? fm.removeItem(at: o) }
        } catch {
            cleanUp()
            throw OutputError(message: "cannot write the output folder \(destination.path): \(error.localizedDescription)")
        }
    }

    /// Removes the temporary folder (after an interruption).
    public func cleanUp() { try? FileManager.default.removeItem(at: temporary) }
}

public struct OutputError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
