import CRocksDB
import TideCore

/// Converts RocksDB's C error convention into `TideError`, so no `char** errptr` escapes
/// this folder (LAYOUT.md §7: foreign errors are converted where they arise).
///
/// Every fallible RocksDB C function takes a `char** errptr`; on failure it stores a
/// `malloc`'ed message there, which the caller must release with `rocksdb_free`.
enum RocksError {
    /// Runs `body` with a fresh error slot. If RocksDB stored a message in it, the message is
    /// freed and rethrown as an I/O error (`58030`) prefixed with `context`.
    static func check<Result>(
        _ context: @autoclosure () -> String,
        _ body: (inout UnsafeMutablePointer<CChar>?) -> Result
    ) throws -> Result {
        var error: UnsafeMutablePointer<CChar>?
        let result = body(&error)
        if let error {
            defer { rocksdb_free(error) }
            let message = String(cString: error)
            if message.contains("read only mode") {
                throw TideError("25006", "the data directory is open read-only: \(context())")
            }
            throw TideError(.ioError, "\(context()): \(message)")
        }
        return result
    }
}

extension Array where Element == UInt8 {
    /// Lends the bytes to a C function as `const char*` plus length. Never copies; an empty
    /// array still has a valid (non-nil) base address.
    func withCharBuffer<Result>(_ body: (UnsafePointer<CChar>?, Int) throws -> Result) rethrows -> Result {
        try withUnsafeBufferPointer { bytes in
            try bytes.withMemoryRebound(to: CChar.self) { chars in
                try body(chars.baseAddress, chars.count)
            }
        }
    }
}
