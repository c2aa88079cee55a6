import Synchronization
import TideCore
import TideStore

/// The online store as it was just before one row of one table arrived: that table's rows of
/// seq `bound` or later are invisible, every other table reads as it is. A Kafka sink computes
/// each stored row's features through it, exactly as the request for that row would have been
/// answered when the row came in. One request at a time: set the bound, then run the request.
public final class AsOfIndexReader: IndexReader, Sendable {
    let store: OnlineStore
    /// The table whose later rows are hidden.
    public let tableID: UInt32
    let tableIDs: @Sendable (TableDef) -> UInt32?
    private let bound = Atomic<UInt64>(.max)

    init(store: OnlineStore, tableID: UInt32, tableIDs: @escaping @Sendable (TableDef) -> UInt32?) {
        self.store = store
        self.tableID = tableID
        self.tableIDs = tableIDs
    }

    /// Hides rows of seq `seq` and later (the row being answered for and everything after it).
    public func hide(fromSeq seq: UInt64) { bound.store(seq, ordering: .relaxed) }

    /// The seq from which rows of `tableID` are hidden (`UInt64.max`: none).
    public var hiddenFrom: UInt64 { bound.load(ordering: .relaxed) }

    public func rows(table: TableDef, index: String, key: [Value], from: Int64?, to: Int64?, limit: Int?) throws
        -> [StoredRow]
    {
        guard let id = tableIDs(table) else {
            throw TideError(.undefinedTable, "table \"\(table.name)\" does not exist")
        }
        return try store.rows(
            tableID: id, table: table, index: index, key: key, from: from, to: to, limit: limit,
            visibleBelow: id == tableID ? hiddenFrom : nil)
    }

    public func columns(
        table: TableDef, index: String, key: [Value], from: Int64?, to: Int64?, limit: Int?, wanted: [Bool]
    ) throws -> IndexColumns {
        guard let id = tableIDs(table) else {
            throw TideError(.undefinedTable, "table \"\(table.name)\" does not exist")
        }
        return try store.columns(
            tableID: id, table: table, index: index, key: key, from: from, to: to, limit: limit, wanted: wanted,
            visibleBelow: id == tableID ? hiddenFrom : nil)
    }

    public func allRows(table: TableDef) throws -> [StoredRow] {
        let rows = try store.allRows(table: table)
        guard tableIDs(table) == tableID else { return rows }
        let bound = hiddenFrom
        return rows.filter { $0.seq < bound }
    }
}
