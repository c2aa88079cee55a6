import Foundation
import Testing
import TideCore
import TideStore

@Suite("RocksDatabase")
struct RocksDatabaseTests {
    @Test("put then get returns the value")
    func putGet() throws {
        try withScratchDirectory { dir in
            let db = try RocksDatabase(path: dir + "/db")
            try db.put(utf8("k1"), utf8("v1"))
            try db.put(utf8("k2"), utf8("value two"))
            #expect(try db.get(utf8("k1")) == utf8("v1"))
            #expect(try db.get(utf8("k2")) == utf8("value two"))
        }
    }

    @Test("a missing key gives nil")
    func missingKey() throws {
        try withScratchDirectory { dir in
            let db = try RocksDatabase(path: dir + "/db")
            #expect(try db.get(utf8("absent")) == nil)
            try db.put(utf8("present"), utf8("x"))
            #expect(try db.get(utf8("absent")) == nil)
            #expect(try db.get(utf8("presen")) == nil)
            #expect(try db.get(utf8("present!")) == nil)
        }
    }

    @Test("a later put overwrites an earlier one")
    func overwrite() throws {
        try withScratchDirectory { dir in
            let db = try RocksDatabase(path: dir + "/db")
            try db.put(utf8("k"), utf8("first"))
            try db.put(utf8("k"), utf8("second"))
            #expect(try db.get(utf8("k")) == utf8("second"))
        }
    }

    @Test("empty values and binary keys and values with zero bytes are kept exactly")
    func binaryData() throws {
        try withScratchDirectory { dir in
            let db = try RocksDatabase(path: dir + "/db")
            let key: [UInt8] = [0, 1, 0, 255, 128]
            let value: [UInt8] = [0, 0, 7, 0, 200, 0]
            try db.put(key, value)
            try db.put(utf8("empty"), [])
            #expect(try db.get(key) == value)
            #expect(try db.get([0, 1, 0, 255]) == nil)
            #expect(try db.get(utf8("empty")) == [])
        }
    }

    @Test("a large value round-trips")
    func largeValue() throws {
        try withScratchDirectory { dir in
            let db = try RocksDatabase(path: dir + "/db")
            let value = (0..<1_000_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
            try db.put(utf8("big"), value)
            #expect(try db.get(utf8("big")) == value)
        }
    }

    @Test("values survive closing and reopening")
    func reopen() throws {
        try withScratchDirectory { dir in
            let path = dir + "/db"
            do {
                let db = try RocksDatabase(path: path)
                try db.put(utf8("durable"), utf8("yes"))
                try db.put(utf8("other"), utf8("also"))
            }  // The only reference goes away here, so deinit closes the database.
            let reopened = try RocksDatabase(path: path)
            #expect(try reopened.get(utf8("durable")) == utf8("yes"))
            #expect(try reopened.get(utf8("other")) == utf8("also"))
            #expect(try reopened.get(utf8("never")) == nil)
        }
    }

    @Test("opening creates the database directory")
    func createsDirectory() throws {
        try withScratchDirectory { dir in
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
        try withScratchDirectory { dir in
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
        try withScratchDirectory { dir in
            let path = dir + "/db"
            let first = try RocksDatabase(path: path)
            try first.put(utf8("k"), utf8("v"))
            let error = #expect(throws: TideError.self) {
                _ = try RocksDatabase(path: path)
            }
            #expect(error?.code == .ioError)
            #expect(try first.get(utf8("k")) == utf8("v"))
        }
    }
}
