import Foundation
import TideCore
import TideStore

/// `tide repair --data DIR`: makes a damaged data directory open again, keeping everything
/// that is readable and saying what was lost.
///
/// The write-ahead log is replayed record by record, skipping the damaged ones (where the
/// RocksDB table files themselves cannot be opened, RocksDB's repairer first rebuilds the
/// manifest from the readable ones); the result is flushed to table files so the damaged log
/// is no longer needed. Each table's offline files are then checked (`OfflineRepair`): damaged
/// segments are set aside, a damaged or lost manifest is rebuilt. The report lists what was
/// dropped or set aside and every table's online and offline row counts afterwards.
public enum DataDirectoryRepair {
    /// Repairs `directory` and returns the report's lines.
    /// - Throws: `55006` if another process holds the directory, `XX001` if even salvage
    ///   cannot open it.
    public static func run(directory: String) throws -> [String] {
        var report = try salvage(directory: directory)
        // Reopened normally: what a server or shell will see from now on.
        let database = try Database(directory: directory)
        var counts: [String] = []
        for name in database.catalog.listDatabases() {
            for record in try database.catalog.tableRecords(database: name) {
                report += try database.offline.repair(record.definition)
                let rows = try database.online.rowCount(table: record.definition, tableID: record.id)
                let offline =
                    (try? database.offline.rowCount(record.definition)).map { OfflineRepair.rows($0, "offline") }
                    ?? "offline rows unreadable"
                counts.append(
                    "\(name).\(record.definition.name): \(OfflineRepair.rows(Int64(rows), "online")), \(offline)")
            }
        }
        if report.isEmpty { report.append("no damage found") }
        return report + counts
    }

    /// Replays what is readable into table files, holding the directory's lock meanwhile.
    private static func salvage(directory: String) throws -> [String] {
        let lock = try DataDirectoryLock(directory: directory)
        defer { withExtendedLifetime(lock) {} }
        let path = directory + "/rocksdb"
        var report: [String] = []
        do {
            let rocks = try open(path)
            try rocks.flush()
        } catch let error as TideError where error.code == .dataCorrupted {
            report.append("table files are damaged (\(error.message)); rebuilding the manifest from the readable ones")
            try RocksDatabase.repair(path: path)
            let rocks = try open(path)
            try rocks.flush()
        }
        // Each open starts a new LOG, so the current one is the salvage's.
        report += droppedRanges(logPath: path + "/LOG")
        return report
    }

    private static func open(_ path: String) throws -> RocksDatabase {
        try RocksDatabase(path: path, options: RocksOptions(createIfMissing: false, walRecovery: .salvage))
    }

    /// What the salvage's LOG says it dropped (`FILE: dropping N bytes; Corruption: ...`), as
    /// `lost: N bytes of FILE (reason)`.
    private static func droppedRanges(logPath: String) -> [String] {
        guard let data = FileManager.default.contents(atPath: logPath) else { return [] }
        let pattern = #/(\S+\.log): dropping (\d+) bytes; (.*)$/#
        return String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap { line in
            guard let match = line.firstMatch(of: pattern) else { return nil }
            return "lost: \(match.2) bytes of \(match.1) (\(match.3)); the writes recorded there are gone"
        }
    }
}
