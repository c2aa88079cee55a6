import Testing
import TideCore

@testable import TideStore

@Suite("CatalogKey")
struct CatalogKeyTests {
    @Test(
        "keys round-trip through their bytes",
        arguments: [
            CatalogKey.database("demo"),
            .database(""),
            .table(database: "demo", name: "user_1"),
            .table(database: "dé mo", name: "表"),
            .deployment(database: "demo", name: "f"),
            .sequence("table_id"),
        ])
    func roundTrip(key: CatalogKey) throws {
        #expect(try CatalogKey(decoding: key.bytes) == key)
        #expect(key.bytes.first == 0x01)
    }

    @Test("the layout is the documented one")
    func layout() {
        #expect(
            CatalogKey.table(database: "db", name: "t").bytes == [0x01, 0x02, 0, 0, 0, 2, 0x64, 0x62, 0, 0, 0, 1, 0x74])
        #expect(CatalogKey.database("a").bytes == [0x01, 0x01, 0, 0, 0, 1, 0x61])
        #expect(CatalogKey.tableIDSequence.bytes.prefix(2) == [0x01, 0x04])
    }

    @Test(
        "malformed keys are XX001",
        arguments: [
            [UInt8](), [0x02, 0x01], [0x01], [0x01, 0x09, 0, 0, 0, 0], [0x01, 0x01, 0, 0, 0, 5, 0x61],
            [0x01, 0x01, 0, 0], [0x01, 0x02, 0, 0, 0, 1, 0x61], [0x01, 0x01, 0, 0, 0, 1, 0xFF],
        ])
    func malformed(bytes: [UInt8]) {
        let error = #expect(throws: TideError.self) { _ = try CatalogKey(decoding: bytes) }
        #expect(error?.code == .dataCorrupted)
    }

    @Test("prefix scans of user_1 see neither user_10 nor user_1x, for databases and tables")
    func noPrefixLeaks() throws {
        try withScratchDirectory { dir in
            let db = try RocksDatabase(path: dir + "/db")
            let catalog = try PersistentCatalog(store: db, clock: fixedClock)
            for database in ["user_1", "user_10", "user_1x", "user_"] {
                try catalog.createDatabase(database)
                for table in ["user_1", "user_10", "u"] {
                    try catalog.createTable(sampleTable(database, table))
                    try catalog.createDeployment(database: database, name: table, sql: "SELECT 1")
                }
            }
            let tables = try db.scan(prefix: CatalogKey.tablesPrefix(database: "user_1"))
            let keys = try tables.map { try CatalogKey(decoding: $0.key) }
            #expect(keys == ["u", "user_1", "user_10"].map { CatalogKey.table(database: "user_1", name: $0) })
            let deployments = try db.scan(prefix: CatalogKey.deploymentsPrefix(database: "user_1"))
            #expect(deployments.count == 3)

            // Inside one database, the length prefix also keeps `user_1` and `user_10` apart.
            let exact = try db.scan(prefix: CatalogKey.table(database: "user_1", name: "user_1").bytes)
            #expect(exact.count == 1)
            #expect(try catalog.listTables(database: "user_").map(\.name) == ["u", "user_1", "user_10"])
        }
    }

    @Test("catalog keys do not collide with other key spaces in the same store")
    func ownKeySpace() throws {
        try withScratchDirectory { dir in
            let path = dir + "/db"
            do {
                let db = try RocksDatabase(path: path)
                try db.put([0x00, 0x01], utf8("row"))
                try db.put([0x02], utf8("row"))
                try db.put([0xFF, 0x01, 0x01], utf8("row"))
                let catalog = try PersistentCatalog(store: db, clock: fixedClock)
                try catalog.createDatabase("demo")
            }
            let catalog = try openCatalog(path)
            #expect(catalog.listDatabases() == ["demo"])
        }
    }
}
