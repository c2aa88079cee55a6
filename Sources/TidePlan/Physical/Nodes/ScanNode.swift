import TideCore

/// Reads every row of a table (offline: its files; online preview: the online store).
public struct ScanNode: Sendable, Hashable {
    public var table: TableDef
    /// The alias the query gives the table (its name if none).
    public var alias: String
    public var columns: [PlanColumn]
    /// Online preview only: read the rows of one key through this index (and so with its
    /// TTL), as OpenMLDB answers `WHERE key = value` (`IndexLookupRule`).
    public var lookup: IndexLookup?
    /// Online preview only: read the rows this index keeps (its TTL) rather than those of the
    /// table's first index, as OpenMLDB's online engine reads a window's partitions through
    /// the window's index (`IndexLookupRule`).
    public var keptBy: String?
    /// Online preview only: the rows in the order OpenMLDB's tablet scans the index read,
    /// for a scan whose order reaches the result (`TabletOrderRule`); arrival order if false.
    public var tabletOrder = false
    /// The table's columns the scan reads, in order (`columns` are theirs); nil: every column.
    /// Only the batch engine narrows a scan (`ColumnPruning`), to the columns its plan uses.
    public var readColumns: [Int]?

    public init(table: TableDef, alias: String) {
        self.table = table
        self.alias = alias
        self.columns = table.columns.map {
            PlanColumn(name: $0.name, qualifier: alias, type: .scalar($0.type), database: table.database)
        }
    }
}

extension ScanNode {
    /// The scan reading only the table's columns `positions` (ascending, in range).
    public func reading(_ positions: [Int]) -> ScanNode {
        var narrowed = self
        let all = readColumns ?? Array(columns.indices)
        narrowed.readColumns = positions.map { all[$0] }
        narrowed.columns = positions.map { columns[$0] }
        return narrowed
    }
}
