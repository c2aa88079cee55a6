import Foundation
import Testing
import TideCore

@testable import TideStore

@Suite("PersistentCatalog: users")
struct PersistentCatalogUserTests {
    /// A record with recognizable verifier bytes (the catalog never derives them itself).
    private func sampleUser(_ name: String, fill: UInt8 = 0xA5) -> UserRecord {
        UserRecord(
            name: name, salt: Array(repeating: fill, count: 16), iterations: 4096,
            storedKey: Array(repeating: fill &+ 1, count: 32), serverKey: Array(repeating: fill &+ 2, count: 32),
            createdAtMs: 0)
    }

    @Test("create, look up (exact name first, then ignoring case), alter, drop, list")
    func lifecycle() throws {
        try withScratchDirectory { dir in
            let catalog = try openCatalog(dir + "/db")
            let created = try #require(try catalog.createUser(sampleUser("Alice")))
            #expect(created.createdAtMs == fixedClock())
            #expect(catalog.user("Alice") == created)
            #expect(catalog.user("alice") == created)
            #expect(catalog.user("bob") == nil)

            let duplicate = #expect(throws: TideError.self) { try catalog.createUser(sampleUser("Alice")) }
            #expect(duplicate?.code == .duplicateObject)
            #expect(duplicate?.message == "user \"Alice\" already exists")
            #expect(try catalog.createUser(sampleUser("Alice", fill: 1), ifNotExists: true) == nil)
            #expect(catalog.user("Alice")?.salt == created.salt)

            let altered = try #require(
                try catalog.alterUser(
                    "alice", salt: [1, 2], iterations: 8192, storedKey: [3], serverKey: [4]))
            #expect(altered.name == "Alice")
            #expect(altered.createdAtMs == created.createdAtMs)
            #expect(catalog.user("Alice") == altered)
            let unknown = #expect(throws: TideError.self) {
                try catalog.alterUser("bob", salt: [], iterations: 1, storedKey: [], serverKey: [])
            }
            #expect(unknown?.code == .undefinedObject)
            #expect(
                try catalog.alterUser("bob", salt: [], iterations: 1, storedKey: [], serverKey: [], ifExists: true)
                    == nil)

            try catalog.createUser(sampleUser("bob"))
            #expect(catalog.listUsers().map(\.name) == ["Alice", "bob"])
            #expect(try catalog.dropUser("ALICE")?.name == "Alice")
            #expect(catalog.user("Alice") == nil)
            let gone = #expect(throws: TideError.self) { try catalog.dropUser("Alice") }
            #expect(gone?.code == .undefinedObject)
            #expect(gone?.message == "user \"Alice\" does not exist")
            #expect(try catalog.dropUser("Alice", ifExists: true) == nil)
            #expect(catalog.listUsers().map(\.name) == ["bob"])
        }
    }

    @Test("users survive closing and reopening; dropped ones stay dropped")
    func reopen() throws {
        try withScratchDirectory { dir in
            let path = dir + "/db"
            var expected: [UserRecord] = []
            do {
                let catalog = try openCatalog(path)
                try catalog.createDatabase("demo")
                expected.append(try #require(try catalog.createUser(sampleUser("alice"))))
                try catalog.createUser(sampleUser("gone"))
                try catalog.dropUser("gone")
                try catalog.createUser(sampleUser("carol", fill: 9))
                expected.append(
                    try #require(
                        try catalog.alterUser("carol", salt: [7], iterations: 4096, storedKey: [8], serverKey: [9])))
            }
            let catalog = try openCatalog(path)
            #expect(catalog.listUsers() == expected)
            #expect(catalog.listDatabases() == ["demo"])
        }
    }

    @Test("a user entry is one key of kind 0x05 holding base64 verifier fields")
    func layout() throws {
        try withScratchDirectory { dir in
            let store = try RocksDatabase(path: dir + "/db")
            let catalog = try PersistentCatalog(store: store, clock: fixedClock)
            try catalog.createUser(sampleUser("alice"))
            let entries = try store.scan(prefix: [CatalogKey.namespace, 0x05])
            #expect(entries.count == 1)
            #expect(entries.first?.key == CatalogKey.user("alice").bytes)
            #expect(try CatalogKey(decoding: CatalogKey.user("alice").bytes) == .user("alice"))
            let json = String(decoding: entries.first?.value ?? [], as: UTF8.self)
            #expect(json.contains(#""salt":"paWlpaWlpaWlpaWlpaWlpQ==""#))
            #expect(json.contains(#""iterations":4096"#))
            #expect(!json.lowercased().contains("password"))
        }
    }

    @Test("a user entry that does not decode, or names another user, is XX001")
    func corrupted() throws {
        let cases: [(key: [UInt8], value: [UInt8])] = [
            (CatalogKey.user("alice").bytes, utf8("not json")),
            (
                CatalogKey.user("alice").bytes,
                utf8(#"{"createdAtMs":1,"iterations":1,"name":"bob","salt":"","serverKey":"","storedKey":""}"#)
            ),
            (
                CatalogKey.user("alice").bytes,
                utf8(#"{"createdAtMs":1,"iterations":1,"name":"alice","salt":"!!","serverKey":"","storedKey":""}"#)
            ),
            ([CatalogKey.namespace, 0x05], utf8("{}")),
        ]
        for entry in cases {
            try withScratchDirectory { dir in
                let db = try RocksDatabase(path: dir + "/db")
                try db.put(entry.key, entry.value)
                let error = #expect(throws: TideError.self) { _ = try PersistentCatalog(store: db) }
                #expect(error?.code == .dataCorrupted)
            }
        }
    }
}
