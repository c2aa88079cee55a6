import TideCore
import TideStore

/// Kafka connectors as the rest of the system sees them: the service that runs them, the
/// writes a source makes (rows and positions in one batch) and the positions it resumes from.
extension Database {
    /// Installs the service that runs this database's connectors and starts every connector
    /// the catalog marks running (they resume from their stored positions). A second install
    /// is ignored.
    public func installConnectors(_ service: any ConnectorService) {
        guard !isReadOnly, connectorSlot.install(service) else { return }
        for record in catalog.listConnectors() where record.running { service.start(record) }
    }

    /// Stops every running connector and uninstalls the service (process shutdown); their
    /// catalog records are unchanged, so the next process resumes them.
    public func stopConnectors() {
        connectorSlot.remove()?.stopAll()
    }

    /// The installed connector service, if any.
    var connectorService: (any ConnectorService)? { connectorSlot.value }

    /// Every connector of `kind` with what the running service reports of it (or its stored
    /// state when none runs it here), sorted by name.
    public func connectorStatuses(_ kind: ConnectorRecord.Kind) throws -> [(
        record: ConnectorRecord, status: ConnectorStatus
    )] {
        let service = connectorService
        return try catalog.listConnectors().filter { $0.kind == kind }.map { record in
            var status =
                service?.status(of: record) ?? ConnectorStatus(state: record.running ? "not started" : "stopped")
            if status.partitions.isEmpty, kind == .source {
                let stored = try online.positions(connectorID: record.id)
                status.partitions = stored.sorted { $0.key < $1.key }.map { "\($0.key):\($0.value)" }
                    .joined(separator: " ")
            }
            return (record, status)
        }
    }

    /// The table a source writes, as currently defined (indexes change with DEPLOY and
    /// CREATE INDEX), and its id.
    /// - Throws: `42P01` if the table no longer exists.
    public func ingestTable(database: String, name: String) throws -> (table: TableDef, id: UInt32) {
        guard let record = catalog.tableRecord(database: database, name: name) else {
            throw TideError(.undefinedTable, "table \"\(database).\(name)\" does not exist")
        }
        return (record.definition, record.id)
    }

    /// Stores `rows` into table `tableID` together with connector `connectorID`'s new
    /// `positions` and the mark that a source stored them (what sinks publish), in one RocksDB
    /// write (not fsynced: a killed process keeps it; a power loss loses rows and positions
    /// together, and they are read again).
    public func ingest(
        _ rows: PreparedOnlineBatch, tableID: UInt32, connectorID: UInt32, positions: [Int32: Int64]
    ) throws {
        try online.insert(
            rows, tableID: tableID, also: OnlineStore.positionEntries(connectorID: connectorID, positions), sync: false,
            markIngested: true)
    }

    /// The seq ranges within `seqs` of table `tableID` that Kafka sources stored.
    public func ingestedRanges(tableID: UInt32, within seqs: ClosedRange<UInt64>) throws -> [ClosedRange<UInt64>] {
        try online.ingestedRanges(tableID: tableID, within: seqs)
    }

    /// Stores connector `connectorID`'s `positions` alone (a start point resolved to offsets).
    public func storeConnectorPositions(_ connectorID: UInt32, _ positions: [Int32: Int64]) throws {
        try online.storePositions(connectorID: connectorID, positions)
    }

    /// Up to `limit` rows of table `tableID` stored after seq `seq`, in arrival order.
    public func rowLog(tableID: UInt32, table: TableDef, after seq: UInt64, limit: Int) throws -> [StoredRow] {
        try online.rowLog(tableID: tableID, table: table, after: seq, limit: limit)
    }

    /// The seq of the newest row stored in table `tableID` (0 before the first).
    public func lastSeq(tableID: UInt32) throws -> UInt64 { try online.lastSeq(tableID: tableID) }

    /// Connector `connectorID`'s stored positions (partition → next offset).
    public func connectorPositions(_ connectorID: UInt32) throws -> [Int32: Int64] {
        try online.positions(connectorID: connectorID)
    }

    /// Milliseconds since the Unix epoch, by the clock that drives TTL.
    public var clockMs: Int64 { online.clock() }
}
