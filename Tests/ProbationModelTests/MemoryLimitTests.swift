import ArgumentParser
import Foundation
import Testing
@testable import ProbationCommands
@testable import ProbationModel

/// A scenario too big for this machine is refused before it starts, with the estimate and the limit.
@Suite struct MemoryLimitTests {
    @Test func billionCasesRefused() throws {
        let text = ScenarioBuilder(name: "huge").horizon(years: 20).caseload(arrivalsPerWeek: 1_000_000).text
        let (s, _) = try ScenarioReader.parse(text, file: "huge.yaml")
        let estimate = MemoryLimit.estimate(s, regimes: 1, jobs: 1)
        #expect(estimate > Double(ProcessInfo.processInfo.physicalMemory))
        #expect(throws: ExitCode(65)) { try MemoryLimit.check(s, regimes: 1, jobs: 1) }
        let small = try ScenarioReader.parse(ScenarioBuilder(name: "s").caseload(initial: 100).text, file: "s.yaml").0
        #expect(throws: Never.self) { try MemoryLimit.check(small, regimes: 4, jobs: 2) }
    }
}
