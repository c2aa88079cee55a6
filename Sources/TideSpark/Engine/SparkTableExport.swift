import Foundation
import TideCore
import TideStore

/// Writes a snapshot of an offline table where Spark can read it: one Parquet file with the
/// table's columns and `__tide_seq` (the row's position in seq order, which TideBatch breaks
/// ties by), under `<root>/<database>/<table>/<snapshot tag>/`. A snapshot is exported once;
/// later queries of the same snapshot reuse the file, and older snapshots of the table are
/// removed when a new one is written.
struct SparkTableExport {
    let root: String

    /// The directory holding the snapshot's file (written now if it does not exist yet).
    func directory(for source: OfflineTableSource, interrupt: StatementInterrupt) throws -> String {
        let table = source.table
        let tableDirectory = "\(root)/\(table.database)/\(table.name)"
        let directory = "\(tableDirectory)/\(source.snapshotTag)"
        let file = "\(directory)/part-0.parquet"
        if FileManager.default.fileExists(atPath: file) { return directory }
        try? FileManager.default.removeItem(atPath: tableDirectory)
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw TideError(.ioError, "cannot create \(directory) for Spark: \(error.localizedDescription)")
        }
        let columns = table.columns.map { (name: $0.name, type: $0.type) } + [(name: "__tide_seq", type: .int64)]
        let writer = try ParquetWriter(
            path: file, columns: columns, compression: "snappy", rowGroupRows: 1_000_000, mode: .overwrite)
        do {
            var batches = try source.scan(batchSize: 65_536)
            var seq: Int64 = 0
            while var batch = try batches.next() {
                try interrupt.check()
                batch.columns.append((0..<batch.count).map { .int64(seq + Int64($0)) })
                seq += Int64(batch.count)
                try writer.write(batch)
            }
            try writer.finish()
        } catch {
            writer.abort()
            throw error
        }
        return directory
    }
}
