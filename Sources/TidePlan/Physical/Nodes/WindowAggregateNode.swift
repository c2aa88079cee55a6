import TideCore

/// Computes window aggregates for every input row: the input's columns, then one column per
/// aggregate. Windows with the same partition and order share one pass; aggregates over the
/// same window share one frame.
public struct WindowAggregateNode: Sendable, Hashable {
    public var input: PhysicalPlan
    public var windows: [WindowSpecification]
    public var aggregates: [WindowAggregateCall]

    public init(input: PhysicalPlan, windows: [WindowSpecification], aggregates: [WindowAggregateCall]) {
        self.input = input
        self.windows = windows
        self.aggregates = aggregates
    }
}

/// One window: partition, order, frame and OpenMLDB's attributes, plus union sources.
public struct WindowSpecification: Sendable, Hashable {
    /// The name in the WINDOW clause, or `#n` for an inline window.
    public var name: String
    /// Other WINDOW clause names with exactly this definition, which share it.
    public var sharedNames: [String] = []
    public var partitionBy: [BoundExpr]
    /// nil: no ORDER BY (input order).
    public var orderBy: BoundExpr?
    public var frame: FrameSpec
    public var excludeCurrentRow: Bool
    public var excludeCurrentTime: Bool
    public var instanceNotInWindow: Bool
    public var maxSize: Int64?
    /// Other inputs whose rows enter the window; each has the main input's schema.
    public var unions: [PhysicalPlan]
    /// The online index that serves this window on the main table (request mode needs it).
    public var index: IndexBinding?
    /// The index serving each union source, in `unions` order.
    public var unionIndexes: [IndexBinding?]

    public init(
        name: String, partitionBy: [BoundExpr], orderBy: BoundExpr?, frame: FrameSpec, excludeCurrentRow: Bool = false,
        excludeCurrentTime: Bool = false, instanceNotInWindow: Bool = false, maxSize: Int64? = nil,
        unions: [PhysicalPlan] = [], index: IndexBinding? = nil, unionIndexes: [IndexBinding?] = []
    ) {
        self.name = name
        self.partitionBy = partitionBy
        self.orderBy = orderBy
        self.frame = frame
        self.excludeCurrentRow = excludeCurrentRow
        self.excludeCurrentTime = excludeCurrentTime
        self.instanceNotInWindow = instanceNotInWindow
        self.maxSize = maxSize
        self.unions = unions
        self.index = index
        self.unionIndexes = unionIndexes
    }
}

/// An aggregate over one of the node's windows.
public struct WindowAggregateCall: Sendable, Hashable {
    /// Position in `WindowAggregateNode.windows`.
    public var window: Int
    public var signature: FunctionSignature
    /// Over the input row, followed by the values of `nested` for the current row's frame.
    public var arguments: [BoundExpr]
    public var column: PlanColumn
    /// Aggregates used inside the arguments, computed over the same frame first (their values
    /// are per frame, not per row, so the arguments are evaluated per frame).
    public var nested: [WindowAggregateCall]
    /// The first argument is the list a nested aggregate returned for the frame
    /// (`distinct_count(window_split(s, ',')) OVER w`): the aggregate runs over the list's
    /// elements, as OpenMLDB's aggregates take a list argument.
    public var overElements = false

    public init(
        window: Int, signature: FunctionSignature, arguments: [BoundExpr], column: PlanColumn,
        nested: [WindowAggregateCall] = []
    ) {
        self.window = window
        self.signature = signature
        self.arguments = arguments
        self.column = column
        self.nested = nested
    }

    /// This call and every call nested in it, innermost last.
    public var withNested: [WindowAggregateCall] { [self] + nested.flatMap(\.withNested) }
}

/// Which index of which table serves a window or a LAST JOIN, and the TTL it must keep.
public struct IndexBinding: Sendable, Hashable {
    public var database: String
    public var table: String
    /// The existing index's name; nil when no index matches yet (DEPLOY creates one).
    public var indexName: String?
    public var keyColumns: [String]
    public var tsColumn: String?
    public var requiredTTL: TTL

    public init(
        database: String, table: String, indexName: String?, keyColumns: [String], tsColumn: String?,
        requiredTTL: TTL
    ) {
        self.database = database
        self.table = table
        self.indexName = indexName
        self.keyColumns = keyColumns
        self.tsColumn = tsColumn
        self.requiredTTL = requiredTTL
    }
}
