import TideDB
import XCTest

/// When a deployment's calls count as short (and may run on the event loop).
final class DeploymentCallTimesTests: XCTestCase {
    func testShortOnlyAfterTheWarmUpCalls() {
        let times = DeploymentCallTimes()
        for _ in 1..<DeploymentCallTimes.warmUpCalls {
            times.record(.microseconds(300))
            XCTAssertFalse(times.areShort())
        }
        times.record(.microseconds(300))
        XCTAssertTrue(times.areShort())
    }

    func testOneSlowCallKeepsTheDeploymentOffTheShortPathForAWhile() {
        let times = DeploymentCallTimes()
        for _ in 0..<100 { times.record(.microseconds(300)) }
        times.record(.milliseconds(50))
        XCTAssertFalse(times.areShort())
        var calls = 0
        while !times.areShort() && calls < 10_000 {
            times.record(.microseconds(300))
            calls += 1
        }
        XCTAssertGreaterThan(calls, 60, "the slow call is forgotten only gradually")
        XCTAssertLessThan(calls, 150)
    }

    func testCallsSlowOnAverageAreNeverShort() {
        let times = DeploymentCallTimes()
        for _ in 0..<1000 { times.record(.milliseconds(3)) }
        XCTAssertFalse(times.areShort())
        XCTAssertTrue(times.areShort(meanLimit: .milliseconds(5)))
    }
}
