import Foundation
import TideCore

/// A file read in chunks into one growable buffer, for the CSV tokenizer.
///
/// ```
///  0            start                   end           capacity
///  |  consumed  |  unparsed bytes        |  free space  |
/// ```
/// `refill()` moves the unparsed bytes (the start of an incomplete record) to the front and
/// reads the next chunk after them. The buffer only grows when one record is longer than the
/// whole buffer, so memory is bounded by the chunk size and the longest record.
final class CSVInput {
    /// The path, for error messages.
    let path: String
    /// First byte not yet consumed by the parser.
    var start = 0
    /// One past the last valid byte.
    private(set) var end = 0
    /// True once `read` returned 0.
    private(set) var atEOF = false
    private var fd: Int32
    private var storage: UnsafeMutableRawBufferPointer
    /// The file offset of the next read, and where reading stops (nil: the end of the file).
    private var fileOffset: Int
    private let endOffset: Int?

    /// Opens `path` for reading with a buffer of `chunkSize` bytes, from byte `start` up to
    /// byte `end` (the whole file by default).
    init(path: String, chunkSize: Int = 1 << 20, start: Int = 0, end: Int? = nil) throws {
        self.path = path
        fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw FileSystem.ioError("open", path) }
        fileOffset = start
        endOffset = end
        storage = UnsafeMutableRawBufferPointer.allocate(byteCount: max(chunkSize, 64), alignment: 16)
    }

    deinit {
        storage.deallocate()
        if fd >= 0 { close(fd) }
    }

    /// Runs `body` over the valid bytes `[0, end)`; offsets in it are buffer offsets.
    func withBytes<T>(_ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        try body(UnsafeRawBufferPointer(rebasing: storage[0..<end]))
    }

    /// Keeps `[start, end)`, moves it to the front and reads more bytes after it.
    /// - Returns: false if the file has no more bytes.
    func refill() throws -> Bool {
        guard !atEOF else { return false }
        let kept = end - start
        if start > 0, kept > 0, let base = storage.baseAddress {
            memmove(base, base + start, kept)
        }
        start = 0
        end = kept
        if end == storage.count {
            let bigger = UnsafeMutableRawBufferPointer.allocate(byteCount: storage.count * 2, alignment: 16)
            bigger.copyMemory(from: UnsafeRawBufferPointer(rebasing: storage[0..<end]))
            storage.deallocate()
            storage = bigger
        }
        guard let base = storage.baseAddress else { return false }
        while true {
            var wanted = storage.count - end
            if let endOffset { wanted = min(wanted, endOffset - fileOffset) }
            let n = wanted <= 0 ? 0 : pread(fd, base + end, wanted, off_t(fileOffset))
            if n < 0 {
                if errno == EINTR { continue }
                throw FileSystem.ioError("read", path)
            }
            if n == 0 {
                atEOF = true
                close(fd)
                fd = -1
                return false
            }
            end += n
            fileOffset += n
            return true
        }
    }
}
