import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// How a running statement learns that it must stop: a cancel from another thread (a
/// PostgreSQL CancelRequest, Ctrl-C in the shell) or its deadline
/// (`SET @@statement_timeout_ms`). Long loops in the engines and commands call `check()`
/// between batches, partitions and rows, so a statement stops soon after either happens.
///
/// One per session; `begin` re-arms it for each statement.
public final class StatementInterrupt: Sendable, Hashable {
    private let cancelled = Atomic<Bool>(false)
    /// Monotonic deadline in nanoseconds; 0 when the statement has none.
    private let deadline = Atomic<UInt64>(0)

    public init() {}

    /// Starts a statement: forgets earlier cancels, and sets the timeout (0 or nil: none).
    public func begin(timeoutMs: Int64?) {
        cancelled.store(false, ordering: .relaxed)
        if let timeoutMs, timeoutMs > 0 {
            let (end, overflow) = Self.now().addingReportingOverflow(UInt64(timeoutMs) &* 1_000_000)
            deadline.store(overflow ? UInt64.max : end, ordering: .relaxed)
        } else {
            deadline.store(0, ordering: .relaxed)
        }
    }

    /// Asks the running statement to stop (any thread).
    public func cancel() { cancelled.store(true, ordering: .relaxed) }

    /// Throws 57014 when the statement was cancelled or ran past its deadline.
    public func check() throws(TideError) {
        if cancelled.load(ordering: .relaxed) {
            throw TideError(.queryCanceled, "canceling statement due to user request")
        }
        let end = deadline.load(ordering: .relaxed)
        if end != 0, Self.now() >= end {
            throw TideError(
                .queryCanceled, "canceling statement due to statement timeout",
                hint: "SET @@statement_timeout_ms = 0 disables the limit")
        }
    }

    /// True when `check()` would throw.
    public var isInterrupted: Bool {
        do {
            try check()
            return false
        } catch {
            return true
        }
    }

    private static func now() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) &* 1_000_000_000 &+ UInt64(time.tv_nsec)
    }

    public static func == (a: StatementInterrupt, b: StatementInterrupt) -> Bool { a === b }
    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
}
