import Foundation
import Glibc
import Testing
import TideCore
import TideStore

/// A fresh directory under the system temp directory, removed with everything in it when
/// the test is done.
private func withTemporaryDirectory<T>(_ body: (String) throws -> T) throws -> T {
    var template = Array((NSTemporaryDirectory() + "/tide-rocks-XXXXXX").utf8CString)
    let created = template.withUnsafeMutableBufferPointer { buffer in
        buffer.baseAddress.flatMap { mkdtemp($0) }
    }
    let pointer = try #require(created, "mkdtemp failed: errno \(errno)")
    let path = String(cString: pointer)
    defer { try? FileManager.default.removeItem(atPath: path) }
    return try body(path)
}

private func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

@Suite("RocksDatabase")
struct RocksDatabaseTests {
    @Test("put then get returns the value")
    func putGet() throws {
        try withTemporaryDirectory { dir in
            let db = try RocksDatabase(path: dir + "/db")
            try db.put(bytes("k1"), bytes("v1"))
            try db.put(bytes("k2"), bytes("value two"))
            #expect(try db.get(bytes("k1")) == bytes("v1"))
            #expect(try db.get(bytes("k2")) == bytes("value two"))
        }
    }

    @Test("a missing key gives nil")
    func missingKey() throws {
        try withTemporaryDirectory { dir in
            let db = try RocksDatabase(path: dir + "/db")
            #expect(try db.get(bytes("absent")) == nil)
            try db.put(bytes("present"), bytes("x"))
            #expect(try db.get(bytes("absent")) == nil)
            #expect(try db.get(bytes("presen")) == nil)
            #expect(try db.get(bytes("present!")) == nil)
        }
    }

    @Test("a later put overwrites an earlier one")
    func overwrite() throws {
        try withTemporaryDirectory { dir in
            let db = try RocksDatabase(path: dir + "/db")
            try db.put(bytes("k"), bytes("first"))
            try db.put(bytes("k"), bytes("second"))
            #expect(try db.get(bytes("k")) == bytes("second"))
        }
    }

    @Test("empty values and binary keys and values with zero bytes are kept exactly")
    func binaryData() throws {
        try withTemporaryDirectory { dir in
            let db = try RocksDatabase(path: dir + "/db")
            let key: [UInt8] = [0, 1, 0, 255, 128]
            let value: [UInt8] = [0, 0, 7, 0, 200, 0]
            try db.put(key, value)
            try db.put(bytes("empty"), [])
            #expect(try db.get(key) == value)
            #expect(try db.get([0, 1, 0, 255]) == nil)
            #expect(try db.get(bytes("empty")) == [])
        }
    }

    @Test("a large value round-trips")
    func largeValue() throws {
        try withTemporaryDirectory { dir in
            let db = try RocksDatabase(path: dir + "/db")
            let value = (0..<1_000_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
            try db.put(bytes("big"), value)
            #expect(try db.get(bytes("big")) == value)
        }
    }

    @Test("values survive closing and reopening")
    func reopen() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/db"
            do {
                let db = try RocksDatabase(path: path)
                try db.put(bytes("durable"), bytes("yes"))
                try db.put(bytes("other"), bytes("also"))
            }  // The only reference goes away here, so deinit closes the database.
            let reopened = try RocksDatabase(path: path)
            #expect(try reopened.get(bytes("durable")) == bytes("yes"))
            #expect(try reopened.get(bytes("other")) == bytes("also"))
            #expect(try reopened.get(bytes("never")) == nil)
        }
    }

    @Test("opening creates the database directory")
    func createsDirectory() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/fresh"
            #expect(!FileManager.default.fileExists(atPath: path))
            _ = try RocksDatabase(path: path)
            var isDirectory: ObjCBool = false
            #expect(FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory))
            #expect(isDirectory.boolValue)
        }
    }

    @Test("opening a path that is a regular file throws an I/O error (58030)")
    func openRegularFile() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/not-a-db"
            try #require(
                FileManager.default.createFile(atPath: path, contents: Array("hello".utf8).withUnsafeBytes { Data($0) })
            )
            let error = #expect(throws: TideError.self) {
                _ = try RocksDatabase(path: path)
            }
            #expect(error?.code == .ioError)
            #expect(error?.code.rawValue == "58030")
            #expect(error?.message.hasPrefix("cannot open RocksDB at \(path): ") == true)
        }
    }

    @Test("a second open of a database that is still open fails with 58030")
    func lockedWhileOpen() throws {
        try withTemporaryDirectory { dir in
            let path = dir + "/db"
            let first = try RocksDatabase(path: path)
            try first.put(bytes("k"), bytes("v"))
            let error = #expect(throws: TideError.self) {
                _ = try RocksDatabase(path: path)
            }
            #expect(error?.code == .ioError)
            #expect(try first.get(bytes("k")) == bytes("v"))
        }
    }
}
