import TideCore

/// Merges a table's small offline segments, so that many small writes (one segment per
/// offline INSERT) do not leave thousands of files to open on every scan. Runs of adjacent
/// small segments are rewritten as segments of up to the row limit; rows keep their order
/// and seqs (adjacent segments hold adjacent seqs). Crash-safe like a write: the new
/// segments are written durably, one manifest swap replaces the old ones, the old files are
/// removed after (a crash in between leaves orphans the next open removes). Runs on the
/// store's `OfflineCompactor` thread, beside writers (see `run`).
struct OfflineCompaction {
    /// A segment with fewer rows than this is small.
    let smallRows: Int64
    /// Rows per merged segment at most.
    let segmentRowLimit: Int64
    /// Compaction starts once this many small segments have accumulated.
    let trigger: Int

    init(segmentRowLimit: Int, trigger: Int = 16) {
        self.segmentRowLimit = Int64(max(1, segmentRowLimit))
        self.smallRows = max(1, self.segmentRowLimit / 4)
        self.trigger = trigger
    }

    /// Groups of adjacent small segments to merge (each at least two segments, at most the
    /// row limit); empty while fewer than `trigger` segments are small.
    func groups(_ segments: [OfflineManifest.Entry]) -> [Range<Int>] {
        guard segments.filter({ $0.rowCount < smallRows }).count >= trigger else { return [] }
        var groups: [Range<Int>] = []
        var start = 0
        var rows: Int64 = 0
        func close(_ end: Int) {
            if end - start >= 2 { groups.append(start..<end) }
        }
        for (i, entry) in segments.enumerated() {
            let adjacent = i == 0 || segments[i - 1].firstSeq + segments[i - 1].rowCount == entry.firstSeq
            if entry.rowCount >= smallRows || !adjacent || rows + entry.rowCount > segmentRowLimit {
                close(i)
                start = entry.rowCount >= smallRows ? i + 1 : i
                rows = entry.rowCount >= smallRows ? 0 : entry.rowCount
                continue
            }
            rows += entry.rowCount
        }
        close(segments.count)
        return groups
    }

    /// True when `segments` hold enough small ones to merge.
    func wanted(_ segments: [OfflineManifest.Entry]) -> Bool { !groups(segments).isEmpty }

    /// Merges the small segments of the table in `directory`; true if a merge was committed.
    ///
    /// Needs no writer lock, so writers go on meanwhile: the merged files are written as
    /// `….tideoff.merging` (which a writer's orphan sweep leaves alone) from the manifest as it
    /// was, then under the manifest lock each group whose segments the current manifest still
    /// lists, in a row, is renamed into place and swapped in; a group a writer replaced
    /// meanwhile (overwrite, truncate) is dropped. The old files are removed after the swap.
    /// `beforeSwap` runs between writing the merged files and taking the manifest lock (tests
    /// commit writes there).
    @discardableResult
    func run(table: TableDef, directory: String, beforeSwap: () throws -> Void = {}) throws -> Bool {
        guard let snapshot = try OfflineManifest.load(directory: directory) else { return false }
        let groups = groups(snapshot.segments)
        guard !groups.isEmpty else { return false }
        var merged: [(entries: [OfflineManifest.Entry], entry: OfflineManifest.Entry)] = []
        defer {
            for group in merged {
                try? FileSystem.removeFile(directory + "/" + group.entry.file + Self.inProgressSuffix)
            }
        }
        for group in groups {
            let entries = Array(snapshot.segments[group])
            let source = OfflineTableSource(
                table: table, directory: directory,
                manifest: OfflineManifest(table: table, nextSeq: snapshot.nextSeq, segments: entries))
            var builder = OfflineSegmentBuilder(table: table)
            var iterator = try source.scan(batchSize: 4_096)
            while let batch = try iterator.next() { try builder.append(batch, rows: 0..<batch.count) }
            let firstSeq = entries[0].firstSeq
            let name = OfflineTableWriter.segmentName(firstSeq: firstSeq)
            let entry = OfflineManifest.Entry(file: name, firstSeq: firstSeq, rowCount: Int64(builder.rowCount))
            merged.append((entries, entry))
            try FileSystem.writeDurably(
                builder.encode(firstSeq: firstSeq), to: directory + "/" + name + Self.inProgressSuffix)
        }
        try beforeSwap()
        let manifestLock = try OfflineTableLock.manifest(directory: directory, table: table)
        defer { manifestLock.release() }
        guard let current = try OfflineManifest.load(directory: directory) else { return false }
        var segments = current.segments
        var replaced: [OfflineManifest.Entry] = []
        for group in merged {
            let files = group.entries.map(\.file)
            guard let start = segments.firstIndex(where: { $0.file == files[0] }),
                segments[start...].prefix(files.count).map(\.file) == files
            else { continue }
            try FileSystem.rename(
                directory + "/" + group.entry.file + Self.inProgressSuffix, to: directory + "/" + group.entry.file)
            segments.replaceSubrange(start..<(start + files.count), with: [group.entry])
            replaced += group.entries
        }
        guard !replaced.isEmpty else { return false }
        try FileSystem.syncDirectory(directory)
        do {
            try OfflineManifest(table: table, nextSeq: current.nextSeq, segments: segments).save(directory: directory)
        } catch {
            // Renamed but not listed: orphans; remove them now rather than at the next open.
            let listed = Set(current.segments.map(\.file))
            for entry in segments where !listed.contains(entry.file) {
                try? FileSystem.removeFile(directory + "/" + entry.file)
            }
            throw error
        }
        for entry in replaced { try? FileSystem.removeFile(directory + "/" + entry.file) }
        return true
    }

    /// The suffix of a merged segment file not yet swapped in.
    static let inProgressSuffix = ".merging"
}
