import TideCore
import TideStore

/// Removing a dropped table's rows and files: idempotent, so a drop interrupted at any point
/// is finished by doing it again (at the next open, or before the next CREATE TABLE).
extension Database {
    /// Removes `record`'s offline files and online rows, then forgets it in the catalog.
    func finishDrop(_ record: TableRecord) throws {
        try offline.drop(record.definition)
        try online.drop(tableID: record.id)
        try catalog.finishDrop(tableID: record.id)
    }

    /// Finishes every drop that is still pending.
    func finishPendingDrops() throws {
        for record in catalog.droppedTables() { try finishDrop(record) }
    }

    /// Removes the offline segment files that no manifest lists: what an offline write that a
    /// crash interrupted left behind (the rows were never visible). A table whose manifest is
    /// damaged is left alone (its files are what `tide repair` rebuilds from); reading it gives
    /// the XX001 that says so, and the rest of the directory opens.
    func removeOfflineOrphans() throws {
        for database in catalog.listDatabases() {
            for table in try catalog.listTables(database: database) {
                do {
                    try offline.removeOrphans(table)
                } catch let error as TideError where error.code == .dataCorrupted {
                    continue
                }
            }
        }
    }
}
