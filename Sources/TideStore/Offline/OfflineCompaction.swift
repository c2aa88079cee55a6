import TideCore

/// Merges a table's small offline segments, so that many small writes (one segment per
/// offline INSERT) do not leave thousands of files to open on every scan. Runs of adjacent
/// small segments are rewritten as segments of up to the row limit; rows keep their order
/// and seqs (adjacent segments hold adjacent seqs). Crash-safe like a write: the new
/// segments are written durably, one manifest swap replaces the old ones, the old files are
/// removed after (a crash in between leaves orphans the next open removes).
struct OfflineCompaction {
    /// A segment with fewer rows than this is small.
    let smallRows: Int64
    /// Rows per merged segment at most.
    let segmentRowLimit: Int64
    /// Compaction starts once this many small segments have accumulated.
    let trigger: Int

    init(segmentRowLimit: Int) {
        self.segmentRowLimit = Int64(max(1, segmentRowLimit))
        self.smallRows = max(1, self.segmentRowLimit / 4)
        self.trigger = 16
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

    /// Merges `manifest`'s small segments in `directory` (the caller holds the table's lock);
    /// returns the manifest now saved, or the same one when there was nothing to merge.
    func run(table: TableDef, directory: String, manifest: OfflineManifest) throws -> OfflineManifest {
        let groups = groups(manifest.segments)
        guard !groups.isEmpty else { return manifest }
        var created: [String] = []
        do {
            var merged: [Range<Int>: OfflineManifest.Entry] = [:]
            for group in groups {
                let entries = Array(manifest.segments[group])
                let source = OfflineTableSource(
                    table: table, directory: directory,
                    manifest: OfflineManifest(table: table, nextSeq: manifest.nextSeq, segments: entries))
                var builder = OfflineSegmentBuilder(table: table)
                var iterator = try source.scan(batchSize: 4_096)
                while let batch = try iterator.next() { try builder.append(batch, rows: 0..<batch.count) }
                let firstSeq = entries[0].firstSeq
                let name = OfflineTableWriter.segmentName(firstSeq: firstSeq)
                created.append(directory + "/" + name)
                try FileSystem.writeDurably(builder.encode(firstSeq: firstSeq), to: directory + "/" + name)
                merged[group] = OfflineManifest.Entry(file: name, firstSeq: firstSeq, rowCount: Int64(builder.rowCount))
            }
            var segments: [OfflineManifest.Entry] = []
            var i = 0
            while i < manifest.segments.count {
                if let group = groups.first(where: { $0.lowerBound == i }), let entry = merged[group] {
                    segments.append(entry)
                    i = group.upperBound
                } else {
                    segments.append(manifest.segments[i])
                    i += 1
                }
            }
            let compacted = OfflineManifest(table: table, nextSeq: manifest.nextSeq, segments: segments)
            try FileSystem.syncDirectory(directory)
            try compacted.save(directory: directory)
            for group in groups {
                for entry in manifest.segments[group] { try? FileSystem.removeFile(directory + "/" + entry.file) }
            }
            return compacted
        } catch {
            for file in created { try? FileSystem.removeFile(file) }
            throw error
        }
    }
}
