import Foundation
import TideCore

/// An open Parquet file: its footer, its leaf columns, and reads of column chunks.
/// Immutable after opening; chunks are read with `pread`, so several threads may read at once.
final class ParquetFile: @unchecked Sendable {
    let path: String
    let metadata: ParquetFileMetaData
    let leaves: [ParquetLeaf]
    private let fd: Int32
    private let size: Int64

    /// Opens `path` and reads its footer.
    /// - Throws: 58030 if it cannot be opened, 22P04 if it is not Parquet.
    init(path: String) throws {
        self.path = path
        fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw FileSystem.ioError("open", path) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            close(fd)
            throw FileSystem.ioError("stat", path)
        }
        size = Int64(info.st_size)
        do {
            guard size >= 12 else { throw ParquetError.corrupt("the file is \(size) bytes, too small for Parquet") }
            let head = try Self.read(fd, path, at: 0, count: 4)
            let tail = try Self.read(fd, path, at: size - 8, count: 8)
            guard head == parquetMagic, Array(tail[4..<8]) == parquetMagic else {
                throw ParquetError.corrupt("the file does not start and end with PAR1 (not Parquet, or truncated)")
            }
            let footerLength = Int64(tail[0]) | Int64(tail[1]) << 8 | Int64(tail[2]) << 16 | Int64(tail[3]) << 24
            guard footerLength > 0, footerLength <= size - 12 else {
                throw ParquetError.corrupt("footer length \(footerLength) does not fit the file")
            }
            let footer = try Self.read(fd, path, at: size - 8 - footerLength, count: Int(footerLength))
            metadata = try footer.withParquetBytes { raw throws(ParquetError) in try ParquetFileMetaData.read(raw) }
            leaves = try ParquetSchema.leaves(of: metadata.schema)
            for (g, group) in metadata.rowGroups.enumerated() where group.columns.count != leaves.count {
                throw ParquetError.corrupt(
                    "row group \(g) has \(group.columns.count) columns, the schema \(leaves.count)")
            }
        } catch let error as ParquetError {
            close(fd)
            throw TideError.parquet(error, at: "file \"\(path)\" (footer)")
        } catch {
            close(fd)
            throw error
        }
    }

    deinit { close(fd) }

    /// The bytes of column chunk `column` of row group `group`.
    func chunkBytes(group: Int, column: Int) throws(ParquetError) -> [UInt8] {
        let meta = metadata.rowGroups[group].columns[column]
        var start = meta.dataPageOffset
        if let dictionary = meta.dictionaryPageOffset, dictionary > 0, dictionary < start { start = dictionary }
        let length = meta.compressedSize
        guard start >= 4, length >= 0, start + length <= size - 8 else {
            throw .corrupt("column chunk at offset \(start) (\(length) bytes) lies outside the file")
        }
        do {
            return try Self.read(fd, path, at: start, count: Int(length))
        } catch let error as ParquetError {
            throw error
        } catch {
            throw .corrupt("could not read the column chunk: \(FileSystem.lastErrorText())")
        }
    }

    private static func read(_ fd: Int32, _ path: String, at offset: Int64, count: Int) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var done = 0
        try bytes.withUnsafeMutableBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            while done < count {
                let n = pread(fd, base + done, count - done, off_t(offset) + off_t(done))
                if n < 0 {
                    if errno == EINTR { continue }
                    throw FileSystem.ioError("read", path)
                }
                if n == 0 { throw ParquetError.corrupt("the file ends early") }
                done += n
            }
        }
        return bytes
    }
}
