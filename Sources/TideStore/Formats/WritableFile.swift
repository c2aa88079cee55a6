import Foundation
import TideCore

/// A file opened for writing through a buffer. The descriptor is closed in `deinit` if
/// `close(sync:)` was not called (without flushing: an abandoned file is incomplete).
///
/// A file opened `direct` (a new file a query writes from start to end: `INTO OUTFILE`) is
/// written with `O_DIRECT` in whole 4 KiB blocks from one aligned buffer, bypassing the page
/// cache; only its last partial block goes through the cache. Large outputs then cost no
/// kernel copy into fresh page-cache pages (measured on the benchmark machine: ~6 s of CPU
/// per GB written through the cache, against ~1 s of device time per GB written directly) and
/// do not evict what queries read. Where the file system refuses `O_DIRECT`, the file is
/// written through the cache.
final class WritableFile {
    /// The path the file was opened with (for error messages).
    let path: String
    private var fd: Int32
    private let buffer: UnsafeMutableRawPointer
    private let capacity: Int
    private var used = 0
    private var direct: Bool

    static let directBlock = 4096
    private static let bufferedCapacity = 1 << 20
    private static let directCapacity = 4 << 20

    /// Linux's `O_DIRECT` (not exported by Glibc's Swift module).
    private static var oDirect: Int32 {
        #if arch(x86_64) || arch(i386)
            return 0o40000
        #else
            return 0o200000
        #endif
    }

    /// Opens `path` with `open(2)` `flags` (mode 0644); `direct` asks for `O_DIRECT` writes
    /// (only for a new or truncated file written sequentially).
    init(path: String, flags: Int32, direct: Bool = false) throws {
        self.path = path
        var descriptor: Int32 = -1
        var isDirect = false
        #if os(Linux)
            if direct {
                descriptor = open(path, flags | O_CLOEXEC | Self.oDirect, 0o644)
                isDirect = descriptor >= 0
            }
        #endif
        if descriptor < 0 {
            descriptor = open(path, flags | O_CLOEXEC, 0o644)
        }
        guard descriptor >= 0 else {
            if errno == EEXIST { throw TideError.fileAlreadyExists(path) }
            throw FileSystem.ioError("open", path)
        }
        fd = descriptor
        self.direct = isDirect
        capacity = isDirect ? Self.directCapacity : Self.bufferedCapacity
        buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: Self.directBlock)
    }

    deinit {
        if fd >= 0 { Foundation.close(fd) }
        buffer.deallocate()
    }

    /// The file's current size on disk (before buffered bytes are flushed).
    func sizeOnDisk() throws -> Int64 {
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw FileSystem.ioError("stat", path) }
        return Int64(info.st_size)
    }

    /// Appends bytes to the buffer, writing it out whenever it fills.
    func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard let source = bytes.baseAddress else { return }
        if !direct && used + bytes.count > capacity {
            try flush()
            if bytes.count >= capacity { return try writeOut(bytes) }
        }
        var done = 0
        while done < bytes.count {
            let take = min(bytes.count - done, capacity - used)
            (buffer + used).copyMemory(from: source + done, byteCount: take)
            used += take
            done += take
            if used == capacity { try flush() }
        }
    }

    /// Appends the bytes of `array`.
    func write(_ array: [UInt8]) throws {
        try array.withUnsafeBytes { try write($0) }
    }

    /// Writes the buffered bytes to the descriptor: all of them, or, written directly, the
    /// whole blocks among them (the rest waits for more bytes or `close`).
    func flush() throws {
        let ready = direct ? used - used % Self.directBlock : used
        guard ready > 0 else { return }
        try writeOut(UnsafeRawBufferPointer(start: buffer, count: ready))
        let rest = used - ready
        if rest > 0 { buffer.copyMemory(from: buffer + ready, byteCount: rest) }
        used = rest
    }

    /// Flushes, optionally fsyncs, and closes the file.
    func close(sync: Bool) throws {
        guard fd >= 0 else { return }
        try flush()
        if used > 0 {
            try leaveDirectMode()
            try flush()
        }
        if sync && fsync(fd) != 0 { throw FileSystem.ioError("sync", path) }
        let result = Foundation.close(fd)
        fd = -1
        if result != 0 { throw FileSystem.ioError("close", path) }
    }

    /// Goes on through the page cache (for the last partial block, or where `O_DIRECT` fails).
    private func leaveDirectMode() throws {
        guard direct else { return }
        let flags = fcntl(fd, F_GETFL)
        guard flags >= 0, fcntl(fd, F_SETFL, flags & ~Self.oDirect) == 0 else {
            throw FileSystem.ioError("fcntl", path)
        }
        direct = false
    }

    private func writeOut(_ bytes: UnsafeRawBufferPointer) throws {
        guard let base = bytes.baseAddress else { return }
        var done = 0
        while done < bytes.count {
            let n = Foundation.write(fd, base + done, bytes.count - done)
            if n < 0 {
                if errno == EINTR { continue }
                // A file system that accepted O_DIRECT at open but not these writes.
                if errno == EINVAL && direct {
                    try leaveDirectMode()
                    continue
                }
                throw FileSystem.ioError("write", path)
            }
            done += n
        }
    }
}
