import TideCore

/// Where each Kafka connector stands in each partition of its topic: the next offset to read.
/// A source writes its new positions in the same batch as the rows they cover
/// (`insert(_:tableID:also:sync:)` with `positionEntries`), so after any crash the stored
/// rows and the stored positions agree and ingest resumes exactly where the rows end.
extension OnlineStore {
    /// The entries that record `positions` (partition → next offset) of connector `connectorID`,
    /// to be written with the rows they cover.
    public static func positionEntries(connectorID: UInt32, _ positions: [Int32: Int64]) -> [(
        key: [UInt8], value: [UInt8]
    )] {
        positions.sorted { $0.key < $1.key }.map { partition, next in
            var value: [UInt8] = []
            value.appendBigEndian(next)
            return (key: OnlineKeySpace.positionKey(connectorID: connectorID, partition: partition), value: value)
        }
    }

    /// The stored positions (partition → next offset) of connector `connectorID`.
    /// - Throws: `XX001` if an entry is malformed, `58030` if RocksDB fails.
    public func positions(connectorID: UInt32) throws -> [Int32: Int64] {
        var positions: [Int32: Int64] = [:]
        for (key, value) in try database.scan(prefix: OnlineKeySpace.positionPrefix(connectorID: connectorID)) {
            guard key.count == 9, value.count == 8 else {
                throw TideError.onlineEntryCorrupted("connector position of \(key.count)/\(value.count) bytes")
            }
            let partition = Int32(bitPattern: key.span.loadBigEndian(at: 5, as: UInt32.self))
            positions[partition] = value.span.loadBigEndian(at: 0, as: Int64.self)
        }
        return positions
    }

    /// Writes `positions` of connector `connectorID` alone (fsynced).
    public func storePositions(connectorID: UInt32, _ positions: [Int32: Int64]) throws {
        let batch = try RocksWriteBatch()
        for entry in Self.positionEntries(connectorID: connectorID, positions) { batch.put(entry.key, entry.value) }
        try database.write(batch, sync: true)
    }

    /// Removes every position of connector `connectorID` (after `DROP SOURCE`).
    public func deletePositions(connectorID: UInt32) throws {
        let prefix = OnlineKeySpace.positionPrefix(connectorID: connectorID)
        guard let end = OnlineKeySpace.prefixEnd(prefix) else { return }
        let batch = try RocksWriteBatch()
        batch.deleteRange(from: prefix, to: end)
        try database.write(batch, sync: true)
    }
}
