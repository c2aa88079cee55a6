import TideNetworking
import XCTest

/// A streak of back-to-back inline jobs is cut off; a client that pauses is never refused.
final class InlineBudgetTests: XCTestCase {
    func testBackToBackJobsAreRefusedAfterMaxJobsThenStartAfresh() {
        var budget = InlineBudget(limit: .seconds(10), maxJobs: 4, pause: .seconds(10))
        for _ in 0..<4 {
            XCTAssertTrue(budget.allows())
            budget.ran()
        }
        XCTAssertFalse(budget.allows(), "the fifth job of the streak goes to the pool")
        XCTAssertTrue(budget.allows(), "the refusal ends the streak")
    }

    func testALongStreakIsRefusedByTime() {
        var budget = InlineBudget(limit: .milliseconds(5), maxJobs: 1000, pause: .seconds(10))
        XCTAssertTrue(budget.allows())
        budget.ran()
        let clock = ContinuousClock()
        let until = clock.now + .milliseconds(6)
        while clock.now < until {}
        XCTAssertFalse(budget.allows())
    }

    func testAPauseStartsANewStreak() {
        var budget = InlineBudget(limit: .seconds(10), maxJobs: 2, pause: .microseconds(1))
        for _ in 0..<10 {
            let clock = ContinuousClock()
            let until = clock.now + .microseconds(50)
            while clock.now < until {}
            XCTAssertTrue(budget.allows(), "a job after a pause is the first of its streak")
            budget.ran()
        }
    }
}
