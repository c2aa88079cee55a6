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

    public var rowCountHint: Int? { Int(exactly: rowCount) }

    /// Names this snapshot's rows: equal for two sources of the same committed rows in the
    /// same files, different after any write, truncate or compaction (an export of the rows
    /// made for one snapshot serves every source with the same tag).
    public var snapshotTag: String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a over the segment list and schema
        func mix(_ text: String) {
            for byte in text.utf8 {
                hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
            }
        }
        mix(table.columns.map { "\($0.name):\($0.type)" }.joined(separator: ","))
        for segment in segments { mix("|\(segment.file):\(segment.firstSeq):\(segment.rowCount)") }
        return String(hash, radix: 16) + "-" + String(rowCount)
    }

    /// The rows in batches of up to `batchSize`.
    /// - Throws (from `next()`): XX001 for a damaged segment, 42804 for one written for
    ///   another schema.
    public func scan(batchSize: Int) throws -> any BatchIterator {
        try scan(batchSize: batchSize, columns: nil)
    }

    /// Only the columns `columns` are decoded (each is stored apart in a segment).
    public func scan(batchSize: Int, columns: [Int]?) throws -> any BatchIterator {
        Iterator(
            source: self, columns: columns ?? Array(table.columns.indices), batchSize: max(1, batchSize),
            pending: segments[...],
            nextSeq: segments.first?.firstSeq ?? 0,
            endSeq: segments.last.map { $0.firstSeq + $0.rowCount } ?? 0)
    }

    /// One part per segment, when the segments hold the snapshot's seqs back to back (as
    /// every write and compaction leaves them); nil otherwise (the iterator copes).
    public func parts(columns: [Int]?) -> [any TablePart]? {
        let columns = columns ?? Array(table.columns.indices)
        for (a, b) in zip(segments, segments.dropFirst()) where b.firstSeq != a.firstSeq + a.rowCount {
            return nil
        }
        return segments.map { SegmentPart(source: self, entry: $0, columns: columns) }
    }

    /// One segment's rows. A segment that compaction replaced after the snapshot was taken is
    /// missing: `read()` throws, and the reader falls back to the iterator, which follows it.
    struct SegmentPart: TablePart {
        let source: OfflineTableSource
        let entry: OfflineManifest.Entry
        let columns: [Int]

        var rowCount: Int { Int(entry.rowCount) }

        func read() throws -> ColumnBatch? {
            let path = source.directory + "/" + entry.file
            let segment: OfflineSegment
            do {
                segment = try OfflineSegment(path: path, table: source.table, entry: entry, reading: columns)
            } catch {
                // Merged into another segment since the snapshot: the sequential scan follows it.
                if !FileSystem.exists(path) { return nil }
                throw error
            }
            let rows = 0..<segment.rowCount
            return ColumnBatch(columns: columns.map { segment.values(column: $0, rows: rows) }, count: rows.count)
        }
    }

    /// Reads the snapshot's seqs `nextSeq..<endSeq` segment by segment. When compaction
    /// replaced a segment file meanwhile (merged into a larger one, rows and seqs unchanged),
    /// the current manifest says where those seqs are now, and the scan goes on there.
    struct Iterator: BatchIterator {
        let source: OfflineTableSource
        let columns: [Int]
        let batchSize: Int
        var pending: ArraySlice<OfflineManifest.Entry>
        var nextSeq: Int64
        let endSeq: Int64
        var current: OfflineSegment?
        var position = 0
        var end = 0
        var relocations = 0

        mutating func next() throws -> ColumnBatch? {
            while true {
                if let segment = current, position < end {
                    let rows = position..<min(end, position + batchSize)
                    position = rows.upperBound
                    nextSeq += Int64(rows.count)
                    return ColumnBatch(
                        columns: columns.map { segment.values(column: $0, rows: rows) }, count: rows.count)
                }
                current = nil
                guard nextSeq < endSeq, let entry = pending.popFirst() else { return nil }
                let path = source.directory + "/" + entry.file
                do {
                    current = try OfflineSegment(path: path, table: source.table, entry: entry, reading: columns)
                } catch {
                    guard !FileSystem.exists(path), relocations < 8, try relocate() else { throw error }
                    relocations += 1
                    continue
                }
                nextSeq = max(nextSeq, entry.firstSeq)
                position = Int(nextSeq - entry.firstSeq)
                end = Int(min(entry.rowCount, endSeq - entry.firstSeq))
            }
        }

        /// Points `pending` at the current manifest's segments holding `nextSeq..<endSeq`;
        /// false when those rows are gone (the table was truncated or overwritten).
        private mutating func relocate() throws -> Bool {
            guard let manifest = try OfflineManifest.load(directory: source.directory) else { return false }
            let holding = manifest.segments.filter { $0.firstSeq + $0.rowCount > nextSeq && $0.firstSeq < endSeq }
            guard let first = holding.first, first.firstSeq <= nextSeq else { return false }
            pending = holding[...]
            return true
        }
    }
}
