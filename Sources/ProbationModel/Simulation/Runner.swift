import Foundation
import SimulationCore

/// Runs a scenario: every replication of every variant (regime and workforce), on one or more threads.
///
/// Work is split into (replication, regime) jobs; results are put back in job order, so the
/// output is the same whatever the number of threads (and whatever the shard, see ``Shard``).
public struct Runner: Sendable {
    public let scenario: Scenario
    public let variants: [Variant]

    public init(scenario: Scenario, variants: [Variant]) {
        self.scenario = scenario
        self.variants = variants
    }

    /// One unit of work.
    public struct Job: Sendable, Hashable {
        public var replication: Int
        /// Index into ``variants``.
        public var regimeIndex: Int

        package init(replication: Int, regimeIndex: Int) {
            self.replication = replication; self.regimeIndex = regimeIndex
        }
    }

    /// Every job of the run, in output order (replication-major).
    public var allJobs: [Job] {
        (0..<scenario.replications).flatMap { r in variants.indices.map { Job(replication: r, regimeIndex: $0) } }
    }

    /// Runs the jobs on `threads` threads. `progress` is called (on any thread) with the number of
    /// jobs done, fractions of the running ones included (e.g. 3.4 of 10); `completed` (on any thread)
    /// with each job's result as soon as it is finished (to keep it, see ``Checkpoint``).
    ///
    /// - Throws: ``RandomError`` if GSL cannot allocate; ``CancellationError`` if `shouldStop` turns true
    ///   before every job is finished.
    public func run(jobs: [Job], threads: Int, shouldStop: @escaping @Sendable () -> Bool = { false },
                    progress: @escaping @Sendable (Double) -> Void = { _ in },
                    completed: @escaping @Sendable (Job, ReplicationResult) -> Void = { _, _ in }) throws -> [ReplicationResult] {
        let calendar = CaseGenerator.calendar(for: scenario)
        let scenario = self.scenario
        let variants = self.variants
        // Group by replication so a replication's caseload is generated once per thread.
        let byReplication = Dictionary(grouping: jobs.indices, by: { jobs[$0].replication }).sorted { $0.key < $1.key }
        let box = ResultBox(count: jobs.count)
        let next = Counter()
        let workers = max(1, min(threads, byReplication.count))
        let group = DispatchGroup()
        for _ in 0..<workers {
            group.enter()
            Thread {
                defer { group.leave() }
                while true {
                    let g = next.increment() - 1
                    guard g < byReplication.count, !shouldStop(), !box.failed else { return }
                    let (replication, indices) = byReplication[g]
                    do {
                        let cases = try CaseGenerator(scenario: scenario).cases(replication: replication)
                        for j in indices {
                            if shouldStop() { return }
                            var model = try ReplicationModel(scenario: scenario, variant: variants[jobs[j].regimeIndex],
                                                             replication: replication, cases: cases, calendar: calendar)
                            guard let result = model.run(shouldStop: shouldStop, progress: { f in
                                box.setPartial(j, f)
                                progress(box.progress)
                            }) else { return }
                            box.set(j, result)
                            completed(jobs[j], result)
                            progress(box.progress)
                        }
                    } catch {
                        box.fail(error)
                        return
                    }
                }
            }.start()
        }
        group.wait()
        if let e = box.error { throw e }
        if shouldStop() && box.done < jobs.count { throw CancellationError() }
        return box.results.map { $0! }
    }

    /// Runs one case alone under one regime (for `probsim trace`) and returns its timeline lines.
    public func trace(caseID: String, regimeIndex: Int, replication: Int = 0) throws -> [String]? {
        let calendar = CaseGenerator.calendar(for: scenario)
        let cases = try CaseGenerator(scenario: scenario).cases(replication: replication)
        guard let index = cases.firstIndex(where: { $0.spec.id == caseID }) else { return nil }
        var model = try ReplicationModel(scenario: scenario, variant: variants[regimeIndex], replication: replication, cases: cases, calendar: calendar)
        model.trace(caseIndex: index)
        _ = model.run()
        // Standards are scored when the case ends: the timeline lists every line in date order.
        return model.monitors.trace?.timeline ?? []
    }
}

/// Thread-safe slots for results.
final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var results: [ReplicationResult?]
    private(set) var error: Error?
    private var finished = 0
    private var partial: [Int: Double] = [:]

    init(count: Int) { results = Array(repeating: nil, count: count) }

    func set(_ i: Int, _ r: ReplicationResult) {
        lock.lock(); results[i] = r; finished += 1; partial[i] = nil; lock.unlock()
    }
    /// How far job i has got (0-1), while it runs.
    func setPartial(_ i: Int, _ f: Double) { lock.lock(); partial[i] = f; lock.unlock() }
    /// Jobs done, with the fractions of running ones.
    var progress: Double { lock.lock(); defer { lock.unlock() }; return Double(finished) + partial.values.reduce(0, +) }
    var done: Int { lock.lock(); defer { lock.unlock() }; return finished }
    func fail(_ e: Error) { lock.lock(); if error == nil { error = e }; lock.unlock() }
    var failed: Bool { lock.lock(); defer { lock.unlock() }; return error != nil }
}

/// A shared counter handing out work.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func increment() -> Int { lock.lock(); defer { lock.unlock() }; value += 1; return value }
}
