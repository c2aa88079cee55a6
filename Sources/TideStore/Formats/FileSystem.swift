import Foundation
import TideCore

/// Thin POSIX helpers for the offline store and the CSV formats: every failure becomes a
/// `TideError` with SQLSTATE 58030 naming the path and the system's reason.
enum FileSystem {
    /// The text of the current `errno`.
    static func lastErrorText() -> String { String(cString: strerror(errno)) }

    /// A 58030 error for an operation on `path` that failed with the current `errno`.
    static func ioError(_ operation: String, _ path: String) -> TideError {
        TideError(.ioError, "could not \(operation) file \"\(path)\": \(lastErrorText())")
    }

    /// True if something exists at `path`.
    static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    /// True if `path` is a directory.
    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// Creates `path` and its missing parents.
    static func makeDirectories(_ path: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw TideError(.ioError, "could not create directory \"\(path)\": \(error.localizedDescription)")
        }
    }

    /// Removes a file or a whole directory tree; missing paths are not an error.
    static func removeTree(_ path: String) throws {
        guard exists(path) else { return }
        do {
            try FileManager.default.removeItem(atPath: path)
        } catch {
            throw TideError(.ioError, "could not remove \"\(path)\": \(error.localizedDescription)")
        }
    }

    /// Removes one file; a missing file is not an error.
    /// Removes directory `path` if it is empty; does nothing otherwise.
    static func removeEmptyDirectory(_ path: String) {
        _ = rmdir(path)
    }

    static func removeFile(_ path: String) throws {
        if unlink(path) != 0 && errno != ENOENT { throw ioError("remove", path) }
    }

    /// The names in directory `path` (not `.` or `..`); empty if it does not exist.
    static func list(_ path: String) throws -> [String] {
        guard exists(path) else { return [] }
        do {
            return try FileManager.default.contentsOfDirectory(atPath: path)
        } catch {
            throw TideError(.ioError, "could not list directory \"\(path)\": \(error.localizedDescription)")
        }
    }

    /// A new, unused name beside `path` for a file that will be renamed to it.
    static func temporarySibling(of path: String) -> String {
        let directory = (path as NSString).deletingLastPathComponent
        let base = (path as NSString).lastPathComponent
        return (directory.isEmpty ? "" : directory + "/")
            + ".\(base).tide-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    }

    /// The directory holding `path` (`.` for a bare file name).
    static func directory(of path: String) -> String {
        let directory = (path as NSString).deletingLastPathComponent
        return directory.isEmpty ? "." : directory
    }

    /// Renames `from` to `to`, atomically replacing `to` if it exists (POSIX `rename`).
    static func rename(_ from: String, to: String) throws {
        if Foundation.rename(from, to) != 0 { throw ioError("rename to \"\(to)\" the", from) }
    }

    /// Flushes a directory entry list to disk, so a rename or unlink in it is durable.
    static func syncDirectory(_ path: String) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw ioError("open directory", path) }
        defer { close(fd) }
        if fsync(fd) != 0 { throw ioError("sync directory", path) }
    }

    /// The whole content of a file (for segment and manifest files, which are bounded).
    static func readAll(_ path: String) throws -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw ioError("open", path) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw ioError("stat", path) }
        let size = Int(info.st_size)
        var bytes = [UInt8](repeating: 0, count: size)
        var done = 0
        try bytes.withUnsafeMutableBytes { buffer in
            while done < size {
                guard let base = buffer.baseAddress else { return }
                let n = read(fd, base + done, size - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw ioError("read", path)
                }
                if n == 0 { break }
                done += n
            }
        }
        if done < size { bytes.removeLast(size - done) }
        return bytes
    }

    /// Writes `bytes` to a new file at `path` (replacing any), then fsyncs it.
    static func writeDurably(_ bytes: [UInt8], to path: String) throws {
        try write(bytes, to: path, sync: true)
    }

    /// Writes `bytes` to a new file at `path` (replacing any); `sync` fsyncs it before closing.
    static func write(_ bytes: [UInt8], to path: String, sync: Bool) throws {
        let file = try WritableFile(path: path, flags: O_WRONLY | O_CREAT | O_TRUNC)
        try bytes.withUnsafeBytes { try file.write($0) }
        try file.close(sync: sync)
    }

    /// Flushes a file already written (and closed) to disk.
    static func syncFile(_ path: String) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw ioError("open", path) }
        defer { close(fd) }
        if fsync(fd) != 0 { throw ioError("sync", path) }
    }
}
