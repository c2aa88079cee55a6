import TideCore

/// What a function may read besides its arguments: the session's time zone; and how the
/// statement it runs for is interrupted (cancel, timeout), which long loops check.
public struct FunctionContext: Sendable, Hashable {
    public var timeZone: SessionTimeZone
    public var interrupt: StatementInterrupt?

    public init(timeZone: SessionTimeZone = .utc, interrupt: StatementInterrupt? = nil) {
        self.timeZone = timeZone
        self.interrupt = interrupt
    }

    /// Throws 57014 when the statement was cancelled or timed out.
    @inline(__always)
    public func checkInterrupt() throws(TideError) { try interrupt?.check() }
}
