import ArgumentParser
import Foundation
import Testing
@testable import ProbationModel

/// A scenario too big for this machine is refused before it starts, with the estimate and the limit.
@Suite struct MemoryLimitTests {
    @Test func billionCasesRefused() throws {
        let text = "name: huge\nstart: 2025-01-06\nhorizon: {years: 20}\ncaseload: {arrivals_per_week: 1000000}\n"
        let (s, _) = try ScenarioReader.parse(text, file: "huge.yaml")
        let estimate = MemoryLimit.estimate(s, regimes: 1, jobs: 1)
        #expect(estimate > Double(ProcessInfo.processInfo.physicalMemory))
        #expect(throws: ExitCode(65)) { try MemoryLimit.check(s, regimes: 1, jobs: 1) }
        let small = try ScenarioReader.parse("name: s\nstart: 2025-01-06\ncaseload: {initial: 100}\n", file: "s.yaml").0
        #expect(throws: Never.self) { try MemoryLimit.check(small, regimes: 4, jobs: 2) }
    }
}
