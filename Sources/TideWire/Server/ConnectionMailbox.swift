import Dispatch
import NIOCore
import NIOPosix
import Synchronization
import TideNetworking

/// Runs one connection's jobs (messages, clean-up) in order, one at a time, on the
/// server's shared thread pool, one job per turn: after each job the connection goes to
/// the back of the pool's FIFO queue, so busy connections take turns with each other and
/// with the HTTP API (which uses the same pool) instead of starving them. Short jobs may
/// instead run on the event loop itself when the connection is idle (`run(_:inlineIf:)`).
final class ConnectionMailbox: Sendable {
    private struct State {
        var jobs = CircularBuffer<@Sendable () -> Void>()
        var scheduled = false
    }

    private let state = Mutex(State())
    private let pool: NIOThreadPool
    private let inFlight: InFlightJobs

    init(pool: NIOThreadPool, inFlight: InFlightJobs) {
        self.pool = pool
        self.inFlight = inFlight
    }

    /// Queues `job` after the connection's earlier jobs.
    func async(_ job: @escaping @Sendable () -> Void) {
        inFlight.begin()
        let schedule = state.withLock { state -> Bool in
            state.jobs.append(job)
            guard !state.scheduled else { return false }
            state.scheduled = true
            return true
        }
        if schedule { submitTurn() }
    }

    /// Runs `job` right here on the calling thread (the connection's event loop) when the
    /// connection has nothing queued or running and `isShort()`, asked once this thread owns
    /// the connection's turn, says the job is short; otherwise queues it as `async` does.
    /// Short jobs skip the hand-off to a pool thread and back; a job that may take long never
    /// runs here, so it cannot hold up the other connections of the loop.
    /// Returns true when the job ran here.
    @discardableResult
    func run(_ job: @escaping @Sendable () -> Void, inlineIf isShort: () -> Bool) -> Bool {
        inFlight.begin()
        let claimed = state.withLock { state -> Bool in
            guard !state.scheduled else {
                state.jobs.append(job)
                return false
            }
            state.scheduled = true
            return true
        }
        guard claimed else { return false }
        guard isShort() else {
            // Timer jobs queued while this thread held the turn come after this one.
            state.withLock { $0.jobs.prepend(job) }
            submitTurn()
            return false
        }
        finish(job)
        return true
    }

    /// Queues `job` after `delay` (timers such as the authentication deadline).
    func asyncAfter(_ delay: DispatchTimeInterval, _ job: @escaping @Sendable () -> Void) {
        DispatchQueue.global().asyncAfter(deadline: .now() + delay) { [weak self] in self?.async(job) }
    }

    private func submitTurn() {
        pool.submit { [self] _ in
            // Runs whether or not the pool is shutting down: a queued job still has to
            // release what it holds (sessions, the database).
            runOneJob()
        }
    }

    private func runOneJob() {
        guard let job = state.withLock({ $0.jobs.popFirst() }) else {
            state.withLock { $0.scheduled = false }
            return
        }
        finish(job)
    }

    /// Runs `job` in the turn this thread holds, then gives the turn to the next queued job
    /// (on the pool) or gives it up.
    private func finish(_ job: @Sendable () -> Void) {
        job()
        inFlight.end()
        let more = state.withLock { state -> Bool in
            if state.jobs.isEmpty {
                state.scheduled = false
                return false
            }
            return true
        }
        if more { submitTurn() }
    }
}
