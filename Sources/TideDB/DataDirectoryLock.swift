import TideCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An exclusive lock on a data directory for the life of a `Database`, so a second process
/// (a shell while `tide serve` runs, a second server) gets a clear error naming the process
/// that holds the directory instead of RocksDB's "LOCK: Resource temporarily unavailable".
///
/// The lock is an `flock` on `DIR/tide.lock`, which also records the holder's PID; the
/// kernel releases it when the process dies, so a crash never leaves the directory locked.
final class DataDirectoryLock: Sendable {
    private let descriptor: Int32

    init(directory: String) throws {
        let path = directory + "/tide.lock"
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            if errno == EROFS || errno == EACCES {
                throw TideError(
                    .ioError, "data directory \(directory) is read-only",
                    hint: "open it with --read-only to read it without changing it")
            }
            throw TideError(.ioError, "cannot open \(path): \(String(cString: strerror(errno)))")
        }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            var bytes = [UInt8](repeating: 0, count: 32)
            let count = pread(fd, &bytes, bytes.count, 0)
            close(fd)
            let holder =
                count > 0 ? String(decoding: bytes[0..<count], as: UTF8.self).split(separator: "\n").first : nil
            let who = holder.map { "process \($0)" } ?? "another process"
            throw TideError(
                "55006", "data directory \(directory) is in use by \(who)",
                hint: "stop that process, or connect to it (tide shell --connect postgresql://127.0.0.1:5433/)")
        }
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = pwrite(fd, pid, pid.count, 0)
        descriptor = fd
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
