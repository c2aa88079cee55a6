import Foundation
import Glibc
import Testing

/// Runs `body` with a fresh directory made by `mkdtemp` under the system temp directory,
/// and removes the directory with everything in it afterwards.
func withScratchDirectory<Result>(_ body: (String) throws -> Result) throws -> Result {
    var template = Array((NSTemporaryDirectory() + "/tide-store-XXXXXX").utf8CString)
    let created = template.withUnsafeMutableBufferPointer { buffer in
        buffer.baseAddress.flatMap { mkdtemp($0) }
    }
    let pointer = try #require(created, "mkdtemp failed: errno \(errno)")
    let path = String(cString: pointer)
    defer { try? FileManager.default.removeItem(atPath: path) }
    return try body(path)
}

/// The UTF-8 bytes of `text`.
func utf8(_ text: String) -> [UInt8] { Array(text.utf8) }
