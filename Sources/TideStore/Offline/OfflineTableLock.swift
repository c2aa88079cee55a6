import Foundation
import TideCore

/// An exclusive `flock` on a file of a table's folder, across threads and processes; released
/// when the object goes away.
///
/// Two locks per table:
/// - `LOCK`, the *writer* lock, held by the one writer (or truncate/drop) of a table from its
///   start to its commit; taken without waiting (a second writer gets 55006 at once).
/// - `MANIFEST.lock`, the *manifest* lock, held for the moment of reading or swapping the
///   manifest and removing files it does not list; taken by writers, truncate/drop and the
///   background compactor, waiting for the holder (it is held for milliseconds). The compactor
///   takes only this one, so it never makes a writer fail.
final class OfflineTableLock {
    static let writerFile = "LOCK"
    static let manifestFile = "MANIFEST.lock"

    private var fd: Int32

    /// Takes `table`'s writer lock without waiting.
    /// - Throws: 55006 if another writer holds it.
    convenience init(directory: String, table: TableDef) throws {
        try self.init(path: directory + "/" + Self.writerFile, table: table, wait: false)
    }

    /// Takes the manifest lock of the table in `directory`, waiting for its holder.
    static func manifest(directory: String, table: TableDef) throws -> OfflineTableLock {
        try OfflineTableLock(path: directory + "/" + manifestFile, table: table, wait: true)
    }

    private init(path: String, table: TableDef, wait: Bool) throws {
        // Close-on-exec: a process spawned meanwhile must not inherit (and keep) the lock.
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw FileSystem.ioError("open", path) }
        var result = flock(fd, wait ? LOCK_EX : LOCK_EX | LOCK_NB)
        while result != 0 && errno == EINTR { result = flock(fd, wait ? LOCK_EX : LOCK_EX | LOCK_NB) }
        if result != 0 {
            let busy = errno == EWOULDBLOCK
            let error = busy ? TideError.offlineTableBusy(table: table) : FileSystem.ioError("lock", path)
            close(fd)
            fd = -1
            throw error
        }
    }

    /// Releases the lock now: unlocked before the descriptor is closed, because a process
    /// forked meanwhile shares the descriptor's lock until it execs (close-on-exec closes it
    /// only then), and a close alone would leave the table locked for that moment.
    func release() {
        guard fd >= 0 else { return }
        _ = flock(fd, LOCK_UN)
        close(fd)
        fd = -1
    }

    deinit { release() }
}
