/// `--shard K/N`: this process runs replications r with r mod N = K − 1.
package struct Shard: Sendable, Equatable {
    package var index: Int
    package var count: Int

    /// Reads `K/N` (1 ≤ K ≤ N ≤ 100,000); nil for anything else.
    package init?(parsing text: String) {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]), n >= 1, n <= 100_000, k >= 1, k <= n else { return nil }
        index = k
        count = n
    }

    package init(index: Int, count: Int) { self.index = index; self.count = count }

    package func owns(replication r: Int) -> Bool { r % count == index - 1 }
}
