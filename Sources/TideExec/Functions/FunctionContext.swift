import TideCore

/// What a function may read besides its arguments: the session's time zone.
public struct FunctionContext: Sendable, Hashable {
    public var timeZone: SessionTimeZone

    public init(timeZone: SessionTimeZone = .utc) { self.timeZone = timeZone }
}
