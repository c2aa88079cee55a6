import Dispatch
import Testing
import TideCore
import TideStore

@Suite("PersistentCatalog: databases and tables")
struct PersistentCatalogTests {
    @Test("create, list and drop databases")
    func databases() throws {
        try withScratchDirectory { dir in
            let catalog = try openCatalog(dir + "/db")
            #expect(catalog.listDatabases().isEmpty)
            #expect(try catalog.createDatabase("demo"))
            #expect(try catalog.createDatabase("analytics"))
            #expect(catalog.listDatabases() == ["analytics", "demo"])
            #expect(catalog.databaseExists("demo"))
            #expect(catalog.databaseExists("DEMO"))
            #expect(!catalog.databaseExists("nope"))
            #expect(try catalog.dropDatabase("Analytics"))
            #expect(catalog.listDatabases() == ["demo"])
        }
    }

    @Test("duplicate and unknown databases: 42P04, 3D000, and the IF [NOT] EXISTS forms")
    func databaseErrors() throws {
        try withScratchDirectory { dir in
            let catalog = try openCatalog(dir + "/db")
            try catalog.createDatabase("demo")
            let duplicate = #expect(throws: TideError.self) { try catalog.createDatabase("demo") }
            #expect(duplicate?.code.rawValue == "42P04")
            #expect(duplicate?.message == "database \"demo\" already exists")
            #expect(try catalog.createDatabase("demo", ifNotExists: true) == false)

            let unknown = #expect(throws: TideError.self) { try catalog.dropDatabase("nope") }
            #expect(unknown?.code.rawValue == "3D000")
            #expect(try catalog.dropDatabase("nope", ifExists: true) == false)
            #expect(catalog.listDatabases() == ["demo"])
        }
    }

    @Test("a database that still has tables or deployments cannot be dropped (2BP01)")
    func dropNonEmptyDatabase() throws {
        try withScratchDirectory { dir in
            let catalog = try openCatalog(dir + "/db")
            try catalog.createDatabase("demo")
            try catalog.createTable(sampleTable("demo", "t"))
            let error = #expect(throws: TideError.self) { try catalog.dropDatabase("demo", ifExists: true) }
            #expect(error?.code.rawValue == "2BP01")
            #expect(error?.message == "database \"demo\" is not empty")
            try catalog.dropTable(database: "demo", name: "t")
            try catalog.createDeployment(database: "demo", name: "d", sql: "SELECT 1")
            #expect(throws: TideError.self) { try catalog.dropDatabase("demo") }
            try catalog.dropDeployment(database: "demo", name: "d")
            #expect(try catalog.dropDatabase("demo"))
        }
    }

    @Test("create, look up, list and drop tables")
    func tables() throws {
        try withScratchDirectory { dir in
            let catalog = try openCatalog(dir + "/db")
            try catalog.createDatabase("demo")
            let created = try #require(try catalog.createTable(sampleTable("demo", "trades")))
            #expect(created.definition == sampleTable("demo", "trades"))
            #expect(created.createdAtMs == 1_700_000_000_000)
            try catalog.createTable(sampleTable("demo", "accounts"))
            #expect(try catalog.listTables(database: "demo").map(\.name) == ["accounts", "trades"])
            #expect(catalog.table(database: "demo", name: "trades") == sampleTable("demo", "trades"))
            #expect(catalog.tableRecord(database: "demo", name: "trades")?.id == created.id)
            #expect(catalog.table(database: "demo", name: "nope") == nil)
            #expect(catalog.table(database: "nope", name: "trades") == nil)

            let dropped = try catalog.dropTable(database: "demo", name: "trades")
            #expect(dropped?.id == created.id)
            #expect(catalog.table(database: "demo", name: "trades") == nil)
            #expect(try catalog.listTables(database: "demo").map(\.name) == ["accounts"])
        }
    }

    @Test("table errors: 42P07 duplicate, 3D000 unknown database, 42P01 unknown table")
    func tableErrors() throws {
        try withScratchDirectory { dir in
            let catalog = try openCatalog(dir + "/db")
            try catalog.createDatabase("demo")
            try catalog.createTable(sampleTable("demo", "t"))
            let duplicate = #expect(throws: TideError.self) { try catalog.createTable(sampleTable("demo", "t")) }
            #expect(duplicate?.code.rawValue == "42P07")
            #expect(try catalog.createTable(sampleTable("demo", "t"), ifNotExists: true) == nil)

            let noDatabase = #expect(throws: TideError.self) { try catalog.createTable(sampleTable("nope", "t")) }
            #expect(noDatabase?.code.rawValue == "3D000")
            #expect(throws: TideError.self) { try catalog.listTables(database: "nope") }
            #expect(throws: TideError.self) { try catalog.dropTable(database: "nope", name: "t", ifExists: true) }

            let noTable = #expect(throws: TideError.self) { try catalog.dropTable(database: "demo", name: "u") }
            #expect(noTable?.code.rawValue == "42P01")
            #expect(try catalog.dropTable(database: "demo", name: "u", ifExists: true) == nil)
            let noReplace = #expect(throws: TideError.self) { try catalog.replaceTable(sampleTable("demo", "u")) }
            #expect(noReplace?.code.rawValue == "42P01")
        }
    }

    @Test("names are stored as created; lookups fall back to a unique case-insensitive match")
    func caseRules() throws {
        try withScratchDirectory { dir in
            let catalog = try openCatalog(dir + "/db")
            try catalog.createDatabase("Demo")
            let record = try #require(try catalog.createTable(sampleTable("DEMO", "Trades")))
            #expect(record.definition.database == "Demo")  // the stored database name, not the spelling used
            #expect(catalog.table(database: "demo", name: "trades")?.name == "Trades")
            #expect(catalog.table(database: "Demo", name: "Trades")?.database == "Demo")

            // A name differing only in case is a different table.
            try catalog.createTable(sampleTable("Demo", "trades"))
            #expect(catalog.table(database: "Demo", name: "trades")?.name == "trades")
            #expect(catalog.table(database: "Demo", name: "Trades")?.name == "Trades")
            #expect(catalog.table(database: "Demo", name: "TRADES") == nil)  // ambiguous: spell it exactly

            try catalog.dropTable(database: "demo", name: "trades")
            #expect(catalog.table(database: "Demo", name: "TRADES")?.name == "Trades")
        }
    }

    @Test("replaceTable keeps id and names and stores the new indexes")
    func replace() throws {
        try withScratchDirectory { dir in
            let catalog = try openCatalog(dir + "/db")
            try catalog.createDatabase("demo")
            let created = try #require(try catalog.createTable(sampleTable("demo", "t")))
            var changed = sampleTable("DEMO", "T")
            changed.indexes.append(IndexDef(name: "by_amount", keyColumns: ["amount"], tsColumn: nil))
            changed.indexes[0].ttl = TTL(kind: .absolute, absoluteMs: 3_600_000)
            let replaced = try catalog.replaceTable(changed)
            #expect(replaced.id == created.id)
            #expect(replaced.definition.database == "demo")
            #expect(replaced.definition.name == "t")
            #expect(catalog.table(database: "demo", name: "t")?.indexes.map(\.name) == ["by_user", "by_amount"])
            #expect(catalog.table(database: "demo", name: "t")?.indexes[0].ttl.absoluteMs == 3_600_000)
        }
    }

    @Test("table ids grow monotonically and are never reused")
    func tableIDs() throws {
        try withScratchDirectory { dir in
            let catalog = try openCatalog(dir + "/db")
            try catalog.createDatabase("demo")
            let first = try #require(try catalog.createTable(sampleTable("demo", "a"))).id
            let reserved = try catalog.nextTableID()
            try catalog.dropTable(database: "demo", name: "a")
            let second = try #require(try catalog.createTable(sampleTable("demo", "a"))).id
            #expect(first == 1)
            #expect(reserved == 2)
            #expect(second == 3)
            // A failed create allocates nothing.
            #expect(throws: TideError.self) { try catalog.createTable(sampleTable("demo", "a")) }
            #expect(try catalog.nextTableID() == 4)
        }
    }

    @Test("concurrent DDL from many threads is serialized: unique ids, nothing lost")
    func concurrentDDL() throws {
        try withScratchDirectory { dir in
            let catalog = try openCatalog(dir + "/db")
            try catalog.createDatabase("demo")
            DispatchQueue.concurrentPerform(iterations: 32) { i in
                _ = try? catalog.createTable(sampleTable("demo", "t\(i)"))
                _ = catalog.table(database: "demo", name: "t\(i / 2)")
            }
            let records = try catalog.tableRecords(database: "demo")
            #expect(records.count == 32)
            #expect(Set(records.map(\.id)) == Set(1...32))
        }
    }
}
