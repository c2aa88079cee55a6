import Foundation
import TideCore
import XCTest

final class StatementInterruptTests: XCTestCase {
    func testCancelIsSeenOnceAndClearedByTheNextStatement() {
        let interrupt = StatementInterrupt()
        interrupt.begin(timeoutMs: nil)
        XCTAssertNoThrow(try interrupt.check())
        interrupt.cancel()
        XCTAssertThrowsError(try interrupt.check()) { error in
            XCTAssertEqual((error as? TideError)?.code, .queryCanceled)
            XCTAssertEqual((error as? TideError)?.message, "canceling statement due to user request")
        }
        interrupt.begin(timeoutMs: 0)
        XCTAssertNoThrow(try interrupt.check(), "a new statement starts uncancelled")
    }

    func testDeadline() throws {
        let interrupt = StatementInterrupt()
        interrupt.begin(timeoutMs: 1)
        let start = ContinuousClock.now
        while ContinuousClock.now - start < .milliseconds(20) {}
        XCTAssertThrowsError(try interrupt.check()) { error in
            XCTAssertEqual((error as? TideError)?.message, "canceling statement due to statement timeout")
        }
        interrupt.begin(timeoutMs: Int64.max)
        XCTAssertNoThrow(try interrupt.check(), "a huge timeout saturates instead of wrapping into the past")
    }

    func testCancelFromAnotherThread() {
        let interrupt = StatementInterrupt()
        interrupt.begin(timeoutMs: nil)
        let done = expectation(description: "cancelled")
        Thread.detachNewThread {
            interrupt.cancel()
            done.fulfill()
        }
        wait(for: [done], timeout: 5)
        XCTAssertThrowsError(try interrupt.check())
    }
}
