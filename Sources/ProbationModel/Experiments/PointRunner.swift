import Foundation

/// Runs the points of an experiment (a sweep's grid, a solver's trial values, a sensitivity's
/// swings): each point is a study read with its own overrides, and every point uses the same
/// seed, so replication r of every point draws the same random numbers where the settings allow
/// (common random numbers: differences between points are sharper than their intervals suggest).
///
/// Work is split into (point, replication) units shared out over threads; each unit runs every
/// variant of its point through ``Runner``. Results come back in work order, so they are the same
/// whatever the number of threads, and replication r of a point is exactly replication r of
/// `probsim run` with the same `--set` values.
package struct PointRunner {
    /// Replications `replications` (0-based, ascending) of every variant of point `point`.
    package struct Work: Sendable {
        var point: Int
        package var replications: [Int]

        package init(point: Int, replications: [Int]) {
            self.point = point; self.replications = replications
        }
    }

    /// The points: each a study (a scenario and the variants it runs).
    var points: [Study]

    package init(points: [Study]) {
        self.points = points
    }

    /// Runs the work on `threads` threads.
    ///
    /// - Returns: for each work item, its results in (replication, variant) order.
    /// - Throws: ``CancellationError`` if `shouldStop` turns true; the model's errors otherwise.
    /// - Complexity: one simulation per (work item, replication, variant).
    package func run(_ work: [Work], threads: Int, shouldStop: @escaping @Sendable () -> Bool = { false },
             progress: @escaping @Sendable (Double) -> Void = { _ in }) throws -> [[ReplicationResult]] {
        let units = work.indices.flatMap { w in work[w].replications.map { (work: w, replication: $0) } }
        let points = self.points
        let box = UnitBox(count: units.count)
        let next = Counter()
        let group = DispatchGroup()
        for _ in 0..<max(1, min(threads, units.count)) {
            group.enter()
            Thread {
                defer { group.leave() }
                while true {
                    let u = next.increment() - 1
                    guard u < units.count, !shouldStop(), !box.failed else { return }
                    let point = points[work[units[u].work].point]
                    let runner = Runner(scenario: point.scenario, variants: point.variants)
                    let jobs = point.variants.indices.map { Runner.Job(replication: units[u].replication, regimeIndex: $0) }
                    do {
                        let results = try runner.run(jobs: jobs, threads: 1, shouldStop: shouldStop, progress: { done in
                            box.setPartial(u, done / Double(max(1, jobs.count)))
                            progress(box.progress)
                        })
                        box.set(u, results)
                        progress(box.progress)
                    } catch {
                        box.fail(error)
                        return
                    }
                }
            }.start()
        }
        group.wait()
        if let e = box.error, !(e is CancellationError) { throw e }
        if shouldStop() || box.error != nil { throw CancellationError() }
        var out = Array(repeating: [ReplicationResult](), count: work.count)
        for (u, unit) in units.enumerated() { out[unit.work] += box.results[u] ?? [] }
        return out
    }
}

/// Thread-safe slots for the results of (point, replication) units.
private final class UnitBox: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var results: [[ReplicationResult]?]
    private(set) var error: Error?
    private var finished = 0
    private var partial: [Int: Double] = [:]

    init(count: Int) { results = Array(repeating: nil, count: count) }

    func set(_ i: Int, _ r: [ReplicationResult]) { lock.lock(); results[i] = r; finished += 1; partial[i] = nil; lock.unlock() }
    func setPartial(_ i: Int, _ f: Double) { lock.lock(); partial[i] = f; lock.unlock() }
    /// Units done, with the fractions of running ones.
    var progress: Double { lock.lock(); defer { lock.unlock() }; return Double(finished) + partial.values.reduce(0, +) }
    func fail(_ e: Error) { lock.lock(); if error == nil { error = e }; lock.unlock() }
    var failed: Bool { lock.lock(); defer { lock.unlock() }; return error != nil }
}
