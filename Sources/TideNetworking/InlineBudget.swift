/// How long one connection may keep its event loop busy with jobs run inline (on the loop
/// instead of the pool) back to back, as when a client pipelines many calls in one write:
/// once a streak of inline jobs with no pause between them reaches `limit` or `maxJobs`
/// jobs (HTTP answers pipelined requests in nested calls, so this also bounds the stack),
/// the next job is refused: it goes to the pool, the connection's jobs queued after it
/// follow it there, and the loop's other connections are served. A job that starts more than `pause` after the
/// last one ended starts a new streak: a client that waits for each answer is never refused.
/// Confined to the connection's event loop.
public struct InlineBudget {
    private let limit: Duration
    private let maxJobs: Int
    private let pause: Duration
    private let clock = ContinuousClock()
    private var streakStart: ContinuousClock.Instant?
    private var lastEnd: ContinuousClock.Instant?
    private var jobs = 0

    public init(limit: Duration = .milliseconds(2), maxJobs: Int = 16, pause: Duration = .microseconds(25)) {
        self.limit = limit
        self.maxJobs = maxJobs
        self.pause = pause
    }

    /// True when a job may run inline now; call `ran()` when it is done.
    public mutating func allows() -> Bool {
        let now = clock.now
        if let start = streakStart, let lastEnd, lastEnd.duration(to: now) < pause {
            guard start.duration(to: now) < limit, jobs < maxJobs else {
                streakStart = nil
                self.lastEnd = nil
                return false
            }
        } else {
            streakStart = now
            jobs = 0
        }
        jobs += 1
        return true
    }

    /// Marks the end of a job `allows()` let run inline.
    public mutating func ran() {
        lastEnd = clock.now
    }
}
