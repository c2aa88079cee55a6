import Foundation
import TideCore

/// Writes rows into a table's offline store; nothing becomes visible until `commit()`.
///
/// ```
///   append ─► rows fill a segment builder ─► full (64K rows or 64 MiB of strings):
///             encode, write and fsync seg-<firstSeq>-<random>.tideoff (invisible)
///   commit ─► write the last segment ─► one atomic manifest swap lists them all
///   abort / error / deinit without commit ─► delete the segment files written
/// ```
/// The writer holds the table's lock from creation to commit or abort, so seqs are assigned
/// in append order without gaps and a failed `LOAD DATA` leaves the table as it was.
/// Use it from one thread.
public final class OfflineTableWriter {
    /// The table written.
    public let table: TableDef
    /// What happens to the rows the table already has.
    public let mode: OfflineWriteMode
    /// Rows appended so far.
    public private(set) var rowsAppended: Int64 = 0

    private enum State {
        case open
        case committed
        case aborted
    }

    private let directory: String
    private let previous: OfflineManifest
    private let compactor: OfflineCompactor?
    private let segmentRowLimit: Int
    private let segmentByteLimit: Int
    private var lock: OfflineTableLock?
    private var builder: OfflineSegmentBuilder
    private var written: [OfflineManifest.Entry] = []
    private var createdFiles: [String] = []
    private var nextSeq: Int64
    private var state = State.open

    init(
        table: TableDef, mode: OfflineWriteMode, directory: String, segmentRowLimit: Int, segmentByteLimit: Int,
        compactor: OfflineCompactor?
    ) throws {
        try FileSystem.makeDirectories(directory)
        let lock = try OfflineTableLock(directory: directory, table: table)
        let manifestLock = try OfflineTableLock.manifest(directory: directory, table: table)
        defer { manifestLock.release() }
        let previous: OfflineManifest
        if let loaded = try OfflineManifest.load(directory: directory) {
            previous = loaded
        } else {
            // The first write saves an empty manifest before any segment: from then on, segment
            // files without a manifest are a lost manifest, never a crashed first write.
            previous = OfflineManifest(table: table)
            try previous.save(directory: directory)
        }
        switch mode {
        case .errorIfExists:
            if previous.rowCount > 0 { throw TideError.offlineDataExists(table: table) }
        case .append:
            if !previous.segments.isEmpty && !previous.matches(table) {
                throw TideError.offlineSchemaMismatch(table: table, path: directory + "/" + OfflineManifest.fileName)
            }
        case .overwrite:
            break
        }
        try Self.removeOrphans(directory: directory, manifest: previous, includingMerges: false)
        self.table = table
        self.compactor = compactor
        self.mode = mode
        self.directory = directory
        self.previous = previous
        self.segmentRowLimit = max(1, segmentRowLimit)
        self.segmentByteLimit = segmentByteLimit
        self.lock = lock
        self.builder = OfflineSegmentBuilder(table: table)
        self.nextSeq = previous.nextSeq
    }

    deinit {
        if state == .open { abort() }
    }

    /// Adds the rows of `batch` (columns in table order). Full segments are written to disk
    /// as they fill, so memory stays bounded by one segment.
    /// - Throws: 42804 if the batch does not match the table; I/O errors.
    public func append(_ batch: ColumnBatch) throws {
        try append(rows: batch.count, width: batch.columns.count) { builder, rows in
            try builder.append(batch, rows: rows)
        }
    }

    /// `append(_:)` for rows parsed into typed columns (a CSV file's, with no `Value` per cell).
    public func append(_ batch: TypedColumnBatch) throws {
        try append(rows: batch.count, width: batch.columns.count) { builder, rows in
            try builder.append(batch, rows: rows)
        }
    }

    /// Feeds a batch of `rows` rows and `width` columns to the segment builder, a range of rows
    /// at a time (`add`), writing each segment as it fills.
    private func append(
        rows count: Int, width: Int, _ add: (inout OfflineSegmentBuilder, Range<Int>) throws -> Void
    ) throws {
        guard state == .open else { throw TideError.internal("append after commit or abort") }
        guard width == table.columns.count else {
            throw TideError.offlineBatchWidth(table: table, found: width)
        }
        var row = 0
        while row < count {
            let take = min(count - row, segmentRowLimit - builder.rowCount)
            try add(&builder, row..<(row + take))
            row += take
            rowsAppended += Int64(take)
            if builder.rowCount >= segmentRowLimit || builder.stringBytes >= segmentByteLimit {
                try flushSegment()
            }
        }
    }

    /// Makes every appended row visible at once (replacing the old rows for `overwrite`) and
    /// releases the table. On failure the table is unchanged and the writer is aborted.
    public func commit() throws {
        guard state == .open else { throw TideError.internal("commit after commit or abort") }
        let committed: OfflineManifest
        let replaced: [OfflineManifest.Entry]
        do {
            try flushSegment()
            // Segments are written without waiting for the disk (a load does not stall on each
            // one's fsync); they all reach it here, before the manifest that lists them.
            for file in createdFiles { try FileSystem.syncFile(file) }
            try FileSystem.syncDirectory(directory)
            // The manifest as it is now: a merge may have replaced segments since this write began.
            let manifestLock = try OfflineTableLock.manifest(directory: directory, table: table)
            defer { manifestLock.release() }
            let current = try OfflineManifest.load(directory: directory) ?? previous
            replaced = mode == .overwrite ? current.segments : []
            let kept = mode == .overwrite ? [] : current.segments
            committed = OfflineManifest(table: table, nextSeq: nextSeq, segments: kept + written)
            try committed.save(directory: directory)
        } catch {
            abort()
            throw error
        }
        state = .committed
        // The old files are no longer listed; one left behind by a failure here is an orphan
        // the next open removes.
        let oldFiles = replaced.map { directory + "/" + $0.file }
        if let compactor {
            compactor.removeLater(oldFiles)
        } else {
            for file in oldFiles { try? FileSystem.removeFile(file) }
        }
        lock?.release()
        lock = nil
        // Small segments are merged once enough have accumulated: in the background, or here
        // when the store has no compactor. The rows are committed either way.
        let compaction = OfflineCompaction(segmentRowLimit: segmentRowLimit)
        guard compaction.wanted(committed.segments) else { return }
        if let compactor {
            compactor.schedule(table: table, directory: directory, compaction: compaction)
        } else {
            _ = try? compaction.run(table: table, directory: directory)
        }
    }

    /// Deletes the segment files written so far and releases the table; the table is unchanged.
    public func abort() {
        guard state == .open else { return }
        state = .aborted
        for file in createdFiles { try? FileSystem.removeFile(file) }
        createdFiles.removeAll()
        written.removeAll()
        lock?.release()
        lock = nil
    }

    private func flushSegment() throws {
        let rows = builder.rowCount
        guard rows > 0 else { return }
        let firstSeq = nextSeq
        let name = Self.segmentName(firstSeq: firstSeq)
        let path = directory + "/" + name
        createdFiles.append(path)
        try FileSystem.write(builder.encode(firstSeq: firstSeq), to: path, sync: false)
        written.append(OfflineManifest.Entry(file: name, firstSeq: firstSeq, rowCount: Int64(rows)))
        nextSeq += Int64(rows)
        builder.reset()
    }

    /// `seg-<first seq, 20 digits>-<random>.tideoff`: sorted by seq, unique across writers.
    static func segmentName(firstSeq: Int64) -> String {
        let seq = String(firstSeq)
        let padded = String(repeating: "0", count: max(0, 20 - seq.count)) + seq
        let random = OfflineManifest.hex(UInt64.random(in: 0...UInt64.max))
        return "seg-\(padded)-\(random)\(OfflineSegment.fileExtension)"
    }

    /// Deletes segment files no manifest lists (left by a crash) and a stale temporary manifest;
    /// with `includingMerges`, also the files of merges in progress (only when none can run:
    /// at open). The caller holds the manifest lock.
    @discardableResult
    static func removeOrphans(directory: String, manifest: OfflineManifest, includingMerges: Bool) throws -> Int {
        let listed = Set(manifest.segments.map(\.file))
        var removed = 0
        for name in try FileSystem.list(directory) {
            let orphan = name.hasSuffix(OfflineSegment.fileExtension) && !listed.contains(name)
            let merge = includingMerges && name.hasSuffix(OfflineCompaction.inProgressSuffix)
            if orphan || merge || name == OfflineManifest.temporaryFileName {
                try FileSystem.removeFile(directory + "/" + name)
                removed += 1
            }
        }
        return removed
    }
}
