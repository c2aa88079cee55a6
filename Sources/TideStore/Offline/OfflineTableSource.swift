import TideCore

/// The committed rows of one offline table, as of the moment it was created, in seq order.
///
/// Reads one segment at a time and decodes only the rows of the batch asked for, so a scan
/// holds one segment file in memory.
public struct OfflineTableSource: TableSource {
    /// The table read.
    public let table: TableDef
    /// Rows the committed segments hold.
    public let rowCount: Int64
    let directory: String
    let segments: [OfflineManifest.Entry]

    init(table: TableDef, directory: String, manifest: OfflineManifest) {
        self.table = table
        self.directory = directory
        self.segments = manifest.segments
        self.rowCount = manifest.rowCount
    }

    /// The rows in batches of up to `batchSize`.
    /// - Throws (from `next()`): XX001 for a damaged segment, 42804 for one written for
    ///   another schema.
    public func scan(batchSize: Int) throws -> any BatchIterator {
        Iterator(source: self, batchSize: max(1, batchSize))
    }

    struct Iterator: BatchIterator {
        let source: OfflineTableSource
        let batchSize: Int
        var nextSegment = 0
        var current: OfflineSegment?
        var position = 0

        mutating func next() throws -> ColumnBatch? {
            while true {
                if let segment = current, position < segment.rowCount {
                    let rows = position..<min(segment.rowCount, position + batchSize)
                    position = rows.upperBound
                    let columns = segment.sections.indices.map { segment.values(column: $0, rows: rows) }
                    return ColumnBatch(columns: columns, count: rows.count)
                }
                current = nil
                guard nextSegment < source.segments.count else { return nil }
                let entry = source.segments[nextSegment]
                nextSegment += 1
                current = try OfflineSegment(
                    path: source.directory + "/" + entry.file, table: source.table, entry: entry)
                position = 0
            }
        }
    }
}
