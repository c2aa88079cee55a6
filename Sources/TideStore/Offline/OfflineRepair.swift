import TideCore

/// `tide repair` for one table's offline files: keeps every readable committed segment and
/// says what was lost.
///
/// ```
///  manifest readable ─► open every listed segment ─► damaged or missing: move it to damaged/,
///                                                    drop it from the manifest, report its rows
///  manifest damaged  ─► rebuild it from the segment files: readable ones of this schema, in seq
///  or lost              order; a file whose seqs another file already covers (a merge that a
///                       crash cut short leaves both) and unreadable ones go to damaged/
/// ```
/// Files are moved, never deleted, so an operator can still inspect them. A manifest that is
/// rebuilt may include the rows of a write that a crash interrupted before its commit (its
/// files cannot be told apart from committed ones without the manifest); the report says so.
public struct OfflineRepair {
    /// The sub-directory of a table's folder that damaged and set-aside files are moved to.
    public static let damagedFolder = "damaged"

    let store: OfflineStore

    /// Repairs `table`'s offline files and returns the report's lines (none if nothing was wrong).
    /// - Throws: 55006 if a writer holds the table; I/O errors.
    public func repair(_ table: TableDef) throws -> [String] {
        let directory = store.directory(for: table)
        guard FileSystem.exists(directory) else { return [] }
        let lock = try OfflineTableLock(directory: directory, table: table)
        defer { lock.release() }
        let manifestLock = try OfflineTableLock.manifest(directory: directory, table: table)
        defer { manifestLock.release() }
        let name = "\(table.database).\(table.name)"
        var report: [String] = []
        var manifest: OfflineManifest
        var rebuilt = false
        do {
            guard let loaded = try OfflineManifest.load(directory: directory) else { return [] }
            manifest = loaded
        } catch let error as TideError where error.code == .dataCorrupted {
            report.append("\(name): \(error.message); rebuilding it from the segment files")
            (manifest, report) = try rebuild(table, directory: directory, report: report)
            rebuilt = true
        }
        guard manifest.matches(table) || manifest.segments.isEmpty else {
            // Not damage: rows written before an ALTER; the table's own error says how to reload.
            return report + ["\(name): offline data was written for another schema; left as it is"]
        }
        var kept: [OfflineManifest.Entry] = []
        for entry in manifest.segments {
            let path = directory + "/" + entry.file
            do {
                _ = try OfflineSegment(path: path, table: table, entry: entry)
                kept.append(entry)
            } catch let error as TideError {
                try setAside(entry.file, in: directory)
                report.append(
                    "lost: \(Self.rows(entry.rowCount, "offline")) of \(name) in \(entry.file) (\(error.message))")
            }
        }
        if rebuilt || kept != manifest.segments {
            try OfflineManifest(table: table, nextSeq: manifest.nextSeq, segments: kept).save(directory: directory)
        }
        return report
    }

    /// A manifest listing the readable segment files of `table`'s schema in seq order.
    private func rebuild(
        _ table: TableDef, directory: String, report: [String]
    ) throws -> (OfflineManifest, [String]) {
        var report = report
        let name = "\(table.database).\(table.name)"
        var found: [OfflineManifest.Entry] = []
        for file in try FileSystem.list(directory).sorted() where file.hasSuffix(OfflineSegment.fileExtension) {
            do {
                let segment = try OfflineSegment(path: directory + "/" + file, table: table)
                found.append(.init(file: file, firstSeq: segment.firstSeq, rowCount: Int64(segment.rowCount)))
            } catch let error as TideError {
                try setAside(file, in: directory)
                report.append("lost: a segment file of \(name), \(file) (\(error.message))")
            }
        }
        // Longest first among equal starts: a merged file wins over the small ones it replaced.
        found.sort { ($0.firstSeq, -$0.rowCount) < ($1.firstSeq, -$1.rowCount) }
        var segments: [OfflineManifest.Entry] = []
        var end = Int64.min
        for entry in found {
            if entry.firstSeq < end {
                try setAside(entry.file, in: directory)
                report.append("set aside: \(entry.file) of \(name), whose rows another segment file also holds")
                continue
            }
            segments.append(entry)
            end = entry.firstSeq + entry.rowCount
        }
        let rows = segments.reduce(0) { $0 + $1.rowCount }
        report.append(
            "\(name): manifest rebuilt from \(segments.count) segment file\(segments.count == 1 ? "" : "s"), "
                + "\(Self.rows(rows, "offline")) "
                + "(a write that a crash interrupted before its commit may be included)")
        let nextSeq = segments.last.map { $0.firstSeq + $0.rowCount } ?? 0
        return (OfflineManifest(table: table, nextSeq: nextSeq, segments: segments), report)
    }

    /// `1 offline row`, `5 offline rows`.
    public static func rows(_ count: Int64, _ kind: String) -> String {
        "\(count) \(kind) row\(count == 1 ? "" : "s")"
    }

    /// Moves `file` into the table's `damaged/` folder.
    private func setAside(_ file: String, in directory: String) throws {
        guard FileSystem.exists(directory + "/" + file) else { return }
        let folder = directory + "/" + Self.damagedFolder
        try FileSystem.makeDirectories(folder)
        try FileSystem.rename(directory + "/" + file, to: folder + "/" + file)
        try FileSystem.syncDirectory(directory)
    }
}

extension OfflineStore {
    /// Repairs `table`'s offline files; see `OfflineRepair`.
    public func repair(_ table: TableDef) throws -> [String] {
        try OfflineRepair(store: self).repair(table)
    }
}
