/// `WINDOW name AS (spec)`.
public struct WindowDefinition: Sendable, Hashable {
    public var name: Identifier
    public var spec: WindowSpec

    public init(name: Identifier, spec: WindowSpec) {
        self.name = name
        self.spec = spec
    }
}

/// A window specification:
///
///     ( [UNION source, ...] [PARTITION BY e, ...] [ORDER BY o, ...] [frame]
///       [EXCLUDE CURRENT_ROW] [EXCLUDE CURRENT_TIME] [INSTANCE_NOT_IN_WINDOW] [MAXSIZE n] )
///
/// Attributes may be written in any order; the printer emits them in the order above.
public struct WindowSpec: Sendable, Hashable {
    /// `UNION t2, (SELECT ...)`: other tables whose rows enter the window.
    public var unions: [TableRef]
    public var partitionBy: [Expr]
    public var orderBy: [OrderItem]
    public var frame: WindowFrame?
    public var excludeCurrentRow: Bool
    public var excludeCurrentTime: Bool
    public var instanceNotInWindow: Bool
    public var maxSize: Int64?
    public var location: NodeLocation

    public init(
        unions: [TableRef] = [], partitionBy: [Expr] = [], orderBy: [OrderItem] = [],
        frame: WindowFrame? = nil, excludeCurrentRow: Bool = false, excludeCurrentTime: Bool = false,
        instanceNotInWindow: Bool = false, maxSize: Int64? = nil, location: NodeLocation = .none
    ) {
        self.unions = unions
        self.partitionBy = partitionBy
        self.orderBy = orderBy
        self.frame = frame
        self.excludeCurrentRow = excludeCurrentRow
        self.excludeCurrentTime = excludeCurrentTime
        self.instanceNotInWindow = instanceNotInWindow
        self.maxSize = maxSize
        self.location = location
    }
}

/// `ROWS | ROWS_RANGE | RANGE BETWEEN start AND end`. A single bound (`ROWS 3 PRECEDING`)
/// means `BETWEEN bound AND CURRENT ROW` and is stored that way.
public struct WindowFrame: Sendable, Hashable {
    public enum Unit: String, Sendable, Hashable {
        case rows = "ROWS"
        case rowsRange = "ROWS_RANGE"
        /// SQL RANGE: parsed so the binder can say it is unsupported.
        case range = "RANGE"
    }

    public var unit: Unit
    public var start: FrameBound
    public var end: FrameBound
    public var location: NodeLocation

    public init(unit: Unit, start: FrameBound, end: FrameBound, location: NodeLocation = .none) {
        self.unit = unit
        self.start = start
        self.end = end
        self.location = location
    }
}

/// One end of a frame.
public enum FrameBound: Sendable, Hashable {
    case unboundedPreceding
    /// `n [OPEN] PRECEDING`; `n` is a row count (ROWS) or milliseconds / an interval (ROWS_RANGE).
    case preceding(FrameOffset, open: Bool)
    case currentRow
    /// `n [OPEN] FOLLOWING`: parsed, rejected by the binder.
    case following(FrameOffset, open: Bool)
    case unboundedFollowing
}

/// The size in a frame bound: a plain integer or an interval such as `10s`.
public struct FrameOffset: Sendable, Hashable {
    public var value: Int64
    public var unit: IntervalUnit?

    public init(_ value: Int64, unit: IntervalUnit? = nil) {
        self.value = value
        self.unit = unit
    }

    /// The offset in milliseconds (a plain integer is already milliseconds, or rows); nil
    /// when it does not fit in 64 bits.
    public var magnitude: Int64? {
        let (product, overflow) = value.multipliedReportingOverflow(by: unit?.milliseconds ?? 1)
        return overflow ? nil : product
    }
}

/// `expr [ASC | DESC]` in ORDER BY.
public struct OrderItem: Sendable, Hashable {
    public var expr: Expr
    /// nil when neither ASC nor DESC was written.
    public var descending: Bool?

    public init(expr: Expr, descending: Bool? = nil) {
        self.expr = expr
        self.descending = descending
    }
}
