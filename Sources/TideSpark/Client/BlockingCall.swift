import Dispatch
import Synchronization
import TideCore

/// Runs async Spark Connect calls for TideDB's synchronous statement path (a statement runs
/// on its session's thread, never on an event loop or the cooperative pool). While it waits
/// it watches the statement's interrupt: a cancel or timeout cancels the call, which then
/// interrupts the operation on Spark.
enum BlockingCall {
    static func run<T: Sendable>(
        interrupt: StatementInterrupt?, _ body: @escaping @Sendable () async throws -> T
    ) throws -> T {
        let outcome = Mutex<Result<T, any Error>?>(nil)
        let done = DispatchSemaphore(value: 0)
        let task = Task {
            let result: Result<T, any Error>
            do { result = .success(try await body()) } catch { result = .failure(error) }
            outcome.withLock { $0 = result }
            done.signal()
        }
        var canceled = false
        while done.wait(timeout: .now() + .milliseconds(50)) == .timedOut {
            if !canceled, interrupt?.isInterrupted == true {
                task.cancel()
                canceled = true
            }
        }
        guard let result = outcome.withLock({ $0 }) else {
            throw TideError.internal("a Spark call finished without a result")
        }
        return try result.get()
    }
}
