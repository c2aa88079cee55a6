import Dispatch
import Synchronization
import TideCore

/// Runs async Spark Connect calls for TideDB's synchronous statement path (a statement runs
/// on its session's thread, never on an event loop or the cooperative pool). While it waits
/// it watches the statement's interrupt: a cancel or timeout cancels the call, which then
/// interrupts the operation on Spark.
enum BlockingCall {
    /// Runs `produce`, which hands items to `send` as they come; `consume` gets them on the
    /// calling thread, in order. At most a few items wait at a time: `send` blocks the
    /// producer until the caller catches up, so a large result never piles up in memory. If
    /// `consume` throws, the call is canceled and the error rethrown.
    static func stream<T: Sendable>(
        interrupt: StatementInterrupt?,
        produce: @escaping @Sendable (_ send: @escaping @Sendable (T) -> Void) async throws -> Void,
        consume: (T) throws -> Void
    ) throws {
        let channel = HandOff<T>(capacity: 4)
        let task = Task(executorPreference: SparkTaskExecutor.shared) {
            do {
                try await produce { channel.send($0) }
                channel.finish(nil)
            } catch {
                channel.finish(error)
            }
        }
        var canceled = false
        func cancel() {
            guard !canceled else { return }
            canceled = true
            task.cancel()
            channel.abandon()
        }
        while true {
            switch channel.next(waiting: .milliseconds(50)) {
            case .item(let item):
                do { try consume(item) } catch {
                    cancel()
                    while case .item = channel.next(waiting: .seconds(1)) {}
                    throw error
                }
            case .finished(let error):
                if let error { throw error }
                return
            case .nothingYet:
                if interrupt?.isInterrupted == true { cancel() }
            }
        }
    }
}

/// Items passed from one producer task to one waiting thread, with a bounded backlog.
private final class HandOff<T: Sendable>: Sendable {
    enum Next {
        case item(T)
        case finished((any Error)?)
        case nothingYet
    }

    private struct State {
        var items: [T] = []
        var finished = false
        var error: (any Error)?
        var abandoned = false
    }
    private let state = Mutex(State())
    private let available = DispatchSemaphore(value: 0)
    private let space: DispatchSemaphore

    init(capacity: Int) {
        space = DispatchSemaphore(value: capacity)
    }

    /// Waits for room in the backlog (not once the consumer gave up), then adds `item`.
    func send(_ item: T) {
        if state.withLock({ $0.abandoned }) { return }
        space.wait()
        let taken = state.withLock { state -> Bool in
            guard !state.abandoned else { return false }
            state.items.append(item)
            return true
        }
        if taken { available.signal() } else { space.signal() }
    }

    func finish(_ error: (any Error)?) {
        state.withLock { state in
            state.finished = true
            state.error = error
        }
        available.signal()
    }

    /// The consumer stops taking items: a producer waiting for room goes on (and drops them).
    func abandon() {
        state.withLock { $0.abandoned = true }
        space.signal()
    }

    func next(waiting timeout: DispatchTimeInterval) -> Next {
        if available.wait(timeout: .now() + timeout) == .timedOut { return .nothingYet }
        return state.withLock { state -> Next in
            if !state.items.isEmpty {
                let item = state.items.removeFirst()
                space.signal()
                return .item(item)
            }
            if state.finished { return .finished(state.error) }
            return .nothingYet
        }
    }
}
