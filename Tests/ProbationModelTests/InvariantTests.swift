import Testing
@testable import ProbationModel

/// The invariant checks are compiled into the builds the tests run (debug), so every simulated
/// test also checks them: a case held by one practitioner, contacts in day order, weekly hours
/// adding up, events never handed out into the past. (Seen to trap: with removePoints left not
/// decrementing the caseload, every simulated test stopped at "invariant: ... cases held".)
@Suite struct InvariantTests {
    @Test func invariantsAreCheckedInTestBuilds() {
        #expect(invariantsChecked)
    }
}
