import Foundation
import TideCore

/// An exclusive `flock` on `<table dir>/LOCK`, held by the one writer (or truncate/drop) of a
/// table at a time, across threads and processes. Released when the object goes away.
final class OfflineTableLock {
    private var fd: Int32

    /// Takes the lock without waiting.
    /// - Throws: 55006 if another writer holds it.
    init(directory: String, table: TableDef) throws {
        let path = directory + "/LOCK"
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw FileSystem.ioError("open", path) }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let busy = errno == EWOULDBLOCK
            let error = busy ? TideError.offlineTableBusy(table: table) : FileSystem.ioError("lock", path)
            close(fd)
            fd = -1
            throw error
        }
    }

    /// Releases the lock now.
    func release() {
        guard fd >= 0 else { return }
        close(fd)
        fd = -1
    }

    deinit { release() }
}
