/// A feature query as plain data, independent of TideDB's parser, binder and plan: the
/// reference evaluator interprets it and `ReferenceSQL` prints it as SQL for TideDB.
///
///     SELECT t.id, <aggregates> OVER w0 / w1, [p.pid, p.level]
///     FROM t [LAST JOIN p ORDER BY p.ts ON t.k = p.k [AND p.ts <= t.ts]]
///     [WHERE t.v > c | WHERE t.v IS NULL OR t.v > c]
///     [WINDOW w0 AS (...)[, w1 AS (...)]]
public struct ReferenceQuery: Sendable, Hashable {
    /// The windows `w0`, `w1`, ... (none for a plain LAST JOIN query).
    public var windows: [ReferenceWindow]
    /// Aggregates over the windows (empty without a window).
    public var aggregates: [ReferenceAggregate]
    public var lastJoin: ReferenceLastJoin?
    public var filter: ReferenceFilter?

    public init(
        windows: [ReferenceWindow], aggregates: [ReferenceAggregate], lastJoin: ReferenceLastJoin?,
        filter: ReferenceFilter?
    ) {
        self.windows = windows
        self.aggregates = aggregates
        self.lastJoin = lastJoin
        self.filter = filter
    }
}

/// `WHERE t.v > threshold`, or `WHERE t.v IS NULL OR t.v > threshold`.
public struct ReferenceFilter: Sendable, Hashable {
    public var threshold: Int32
    public var orNull: Bool

    public init(threshold: Int32, orNull: Bool) {
        self.threshold = threshold
        self.orNull = orNull
    }
}

/// `t LAST JOIN p ORDER BY p.ts ON t.k = p.k [AND p.ts <= t.ts]`.
public struct ReferenceLastJoin: Sendable, Hashable {
    /// The residual condition `p.ts <= t.ts`.
    public var residual: Bool

    public init(residual: Bool) { self.residual = residual }
}
