import TideCore

/// The one plan both engines interpret: an immutable tree of plain values. Mode-specific
/// facts (which index serves a window or join) are annotations on the shared nodes.
public indirect enum PhysicalPlan: Sendable, Hashable {
    /// Rows of a stored table.
    case scan(ScanNode)
    /// A single row with no columns: the input of `SELECT 1` without FROM.
    case singleRow
    case filter(FilterNode)
    case project(ProjectNode)
    case windowAggregate(WindowAggregateNode)
    case lastJoin(LastJoinNode)
    case join(JoinNode)
    case groupAggregate(GroupAggregateNode)
    case sort(SortNode)
    case limit(LimitNode)
    case union(UnionNode)
    case distinct(DistinctNode)

    /// The output columns.
    public var columns: [PlanColumn] {
        switch self {
        case .scan(let n): return n.columns
        case .singleRow: return []
        case .filter(let n): return n.input.columns
        case .project(let n): return n.columns
        case .windowAggregate(let n): return n.input.columns + n.aggregates.map(\.column)
        case .lastJoin(let n): return n.left.columns + n.right.columns
        case .join(let n): return n.left.columns + n.right.columns
        case .groupAggregate(let n): return n.columns
        case .sort(let n): return n.input.columns
        case .limit(let n): return n.input.columns
        case .union(let n): return n.inputs.first?.columns ?? []
        case .distinct(let n): return n.input.columns
        }
    }

    /// Every plan this node reads: its inputs, both sides of a join, a window's union sources.
    public var children: [PhysicalPlan] {
        switch self {
        case .scan, .singleRow: return []
        case .filter(let n): return [n.input]
        case .project(let n): return [n.input]
        case .windowAggregate(let n): return [n.input] + n.windows.flatMap(\.unions)
        case .lastJoin(let n): return [n.left, n.right]
        case .join(let n): return [n.left, n.right]
        case .groupAggregate(let n): return [n.input]
        case .sort(let n): return [n.input]
        case .limit(let n): return [n.input]
        case .union(let n): return n.inputs
        case .distinct(let n): return [n.input]
        }
    }
}
