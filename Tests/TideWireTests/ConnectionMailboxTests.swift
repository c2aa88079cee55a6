import NIOPosix
import Synchronization
import TideNetworking
import XCTest

@testable import TideWire

/// A connection's jobs run one at a time in order; short ones on the calling thread when the
/// connection is idle, everything else on the pool.
final class ConnectionMailboxTests: XCTestCase {
    private var pool: NIOThreadPool!

    override func setUp() {
        pool = NIOThreadPool(numberOfThreads: 2)
        pool.start()
    }

    override func tearDown() async throws {
        try await pool.shutdownGracefully()
    }

    func testAShortJobOfAnIdleConnectionRunsBeforeRunReturns() async {
        let inFlight = InFlightJobs()
        let mailbox = ConnectionMailbox(pool: pool, inFlight: inFlight)
        let ran = Mutex<[String]>([])
        mailbox.run({ ran.withLock { $0.append("short") } }, inlineIf: { true })
        XCTAssertEqual(ran.withLock { $0 }, ["short"])
        await inFlight.waitUntilIdle(limit: .seconds(10))
    }

    func testLongJobsGoToThePoolAndLaterShortOnesWaitTheirTurn() async {
        let inFlight = InFlightJobs()
        let mailbox = ConnectionMailbox(pool: pool, inFlight: inFlight)
        let order = Mutex<[Int]>([])
        let release = DispatchSemaphore(value: 0)
        mailbox.run(
            {
                release.wait()
                order.withLock { $0.append(1) }
            }, inlineIf: { false })
        XCTAssertEqual(order.withLock { $0 }, [], "a job that is not short does not run on the calling thread")
        var asked = false
        mailbox.run(
            { order.withLock { $0.append(2) } },
            inlineIf: {
                asked = true; return true
            })
        XCTAssertFalse(asked, "a busy connection queues the job without asking whether it is short")
        XCTAssertEqual(order.withLock { $0 }, [])
        release.signal()
        await inFlight.waitUntilIdle(limit: .seconds(10))
        XCTAssertEqual(order.withLock { $0 }, [1, 2])
        mailbox.run({ order.withLock { $0.append(3) } }, inlineIf: { true })
        XCTAssertEqual(order.withLock { $0 }, [1, 2, 3], "idle again: the short job runs right away")
    }
}
