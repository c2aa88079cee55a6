import Synchronization

/// Counts a server's queued and running jobs, so shutdown can wait for them.
public final class InFlightJobs: Sendable {
    private let count = Atomic<Int>(0)

    public init() {}

    public func begin() { count.add(1, ordering: .relaxed) }
    public func end() { count.subtract(1, ordering: .relaxed) }

    /// Waits until no job is queued or running (or `limit` passed).
    public func waitUntilIdle(limit: Duration = .seconds(60)) async {
        let clock = ContinuousClock()
        let deadline = clock.now + limit
        while count.load(ordering: .relaxed) > 0, clock.now < deadline {
            try? await Task.sleep(for: .milliseconds(5))
        }
    }
}
