import Dispatch
import NIOCore
import NIOPosix
import Synchronization
import TideNetworking

/// Runs one connection's jobs (messages, clean-up) in order, one at a time, on the
/// server's shared thread pool, one job per turn: after each job the connection goes to
/// the back of the pool's FIFO queue, so busy connections take turns with each other and
/// with the HTTP API (which uses the same pool) instead of starving them.
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
