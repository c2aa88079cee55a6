import TideCore

extension PhysicalPlan {
    /// The table whose index reads produce this plan's rows, one index key at a time: a
    /// table, a projection or filter of one, or a LAST JOIN whose left side is one (each
    /// row read is joined). Nil for anything that needs other rows to compute a row (windows,
    /// aggregates, unions, plain joins): request mode computes those only for the request row.
    /// The request engine reads windows' history and LAST JOINs' right sides this way, and
    /// `RequestModeValidator` accepts a window only over such an input.
    public var indexReadTable: TableDef? {
        switch self {
        case .scan(let scan): return scan.table
        case .project(let node): return node.input.indexReadTable
        case .filter(let node): return node.input.indexReadTable
        case .lastJoin(let node): return node.left.indexReadTable
        case .singleRow, .windowAggregate, .join, .groupAggregate, .sort, .limit, .union, .distinct: return nil
        }
    }
}
