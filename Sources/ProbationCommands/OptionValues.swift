import ArgumentParser
import ProbationModel

/// Parsers for numeric options that say the allowed range when a value is out of it, so that a
/// bad value is refused before anything is simulated (exit 64), never found after a long run.
enum OptionValue {
    /// A whole number in `range`, e.g. `--replications 20`.
    static func whole(_ range: ClosedRange<Int>) -> @Sendable (String) throws -> Int {
        { text in
            guard let v = Int(text.trimmingCharacters(in: .whitespaces)), range.contains(v) else {
                throw ValidationError("expected a whole number from \(range.lowerBound) to \(range.upperBound), found '\(text)'")
            }
            return v
        }
    }

    /// A seed: a whole number from 0 to 2^63 − 1 (the range a scenario file's `seed` takes).
    static let seed: @Sendable (String) throws -> UInt64 = { text in
        guard let v = UInt64(text.trimmingCharacters(in: .whitespaces)), v <= UInt64(Int.max) else {
            throw ValidationError("expected a whole number from 0 to \(Int.max), found '\(text)'")
        }
        return v
    }

    /// `--shard K/N`: N from 1 to 100,000 and K from 1 to N.
    static let shard: @Sendable (String) throws -> Shard = { text in
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]), (1...100_000).contains(n), (1...n).contains(k) else {
            throw ValidationError("expected K/N with N from 1 to 100,000 and K from 1 to N (e.g. 2/10), found '\(text)'")
        }
        return Shard(index: k, count: n)
    }
}
