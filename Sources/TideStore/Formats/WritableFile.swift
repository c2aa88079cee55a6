import Foundation
import TideCore

/// A file opened for writing through a 1 MiB buffer. The descriptor is closed in `deinit`
/// if `close(sync:)` was not called (without flushing: an abandoned file is incomplete).
final class WritableFile {
    /// The path the file was opened with (for error messages).
    let path: String
    private var fd: Int32
    private var buffer: [UInt8] = []
    private let capacity = 1 << 20

    /// Opens `path` with `open(2)` `flags` (mode 0644).
    init(path: String, flags: Int32) throws {
        self.path = path
        fd = open(path, flags | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            if errno == EEXIST { throw TideError.fileAlreadyExists(path) }
            throw FileSystem.ioError("open", path)
        }
        buffer.reserveCapacity(capacity)
    }

    deinit {
        if fd >= 0 { Foundation.close(fd) }
    }

    /// The file's current size on disk (before buffered bytes are flushed).
    func sizeOnDisk() throws -> Int64 {
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw FileSystem.ioError("stat", path) }
        return Int64(info.st_size)
    }

    /// Appends bytes to the buffer, flushing it when full.
    func write(_ bytes: UnsafeRawBufferPointer) throws {
        if buffer.count + bytes.count > capacity { try flush() }
        if bytes.count >= capacity {
            try writeThrough(bytes)
        } else {
            buffer.append(contentsOf: bytes)
        }
    }

    /// Appends the bytes of `array`.
    func write(_ array: [UInt8]) throws {
        try array.withUnsafeBytes { try write($0) }
    }

    /// Writes the buffered bytes to the descriptor.
    func flush() throws {
        guard !buffer.isEmpty else { return }
        try buffer.withUnsafeBytes { try writeThrough($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes, optionally fsyncs, and closes the file.
    func close(sync: Bool) throws {
        guard fd >= 0 else { return }
        try flush()
        if sync && fsync(fd) != 0 { throw FileSystem.ioError("sync", path) }
        let result = Foundation.close(fd)
        fd = -1
        if result != 0 { throw FileSystem.ioError("close", path) }
    }

    private func writeThrough(_ bytes: UnsafeRawBufferPointer) throws {
        guard let base = bytes.baseAddress else { return }
        var done = 0
        while done < bytes.count {
            let n = Foundation.write(fd, base + done, bytes.count - done)
            if n < 0 {
                if errno == EINTR { continue }
                throw FileSystem.ioError("write", path)
            }
            done += n
        }
    }
}
