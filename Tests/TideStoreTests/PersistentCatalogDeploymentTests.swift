import Testing
import TideCore
import TideStore

@Suite("PersistentCatalog: deployments")
struct PersistentCatalogDeploymentTests {
    private let metadata = JSONValue.object([
        "options": .object(["long_windows": .string("w1:1d")]),
        "indexes": .array([.object(["table": .string("t"), "ttl_ms": .integer(86_400_000)])]),
        "ratio": .number(0.25),
        "enabled": .bool(true),
        "note": .null,
    ])

    @Test("create, look up, list and drop deployments")
    func lifecycle() throws {
        try withScratchDirectory { dir in
            let catalog = try openCatalog(dir + "/db")
            try catalog.createDatabase("demo")
            try catalog.createDatabase("other")
            let sql = "SELECT user, sum(amount) OVER w AS total FROM t WINDOW w AS (PARTITION BY user ORDER BY ts)"
            let record = try #require(
                try catalog.createDeployment(database: "DEMO", name: "f1", sql: sql, metadata: metadata))
            #expect(
                record
                    == DeploymentRecord(
                        name: "f1", database: "demo", sql: sql, createdAtMs: 1_700_000_000_000, metadata: metadata))
            try catalog.createDeployment(database: "demo", name: "a0", sql: "SELECT 1")
            try catalog.createDeployment(database: "other", name: "f1", sql: "SELECT 2")

            #expect(try catalog.listDeployments(database: "demo").map(\.name) == ["a0", "f1"])
            #expect(try catalog.listDeployments(database: "other").map(\.sql) == ["SELECT 2"])
            #expect(catalog.deployment(database: "demo", name: "F1") == record)
            #expect(catalog.deployment(database: "nope", name: "f1") == nil)

            #expect(try catalog.dropDeployment(database: "demo", name: "f1") == record)
            #expect(catalog.deployment(database: "demo", name: "f1") == nil)
            #expect(catalog.deployment(database: "other", name: "f1")?.sql == "SELECT 2")
        }
    }

    @Test("deployment errors: 42710 duplicate, 42704 unknown, 3D000 unknown database")
    func errors() throws {
        try withScratchDirectory { dir in
            let catalog = try openCatalog(dir + "/db")
            try catalog.createDatabase("demo")
            try catalog.createDeployment(database: "demo", name: "d", sql: "SELECT 1")
            let duplicate = #expect(throws: TideError.self) {
                try catalog.createDeployment(database: "demo", name: "d", sql: "SELECT 2")
            }
            #expect(duplicate?.code.rawValue == "42710")
            #expect(
                try catalog.createDeployment(database: "demo", name: "d", sql: "SELECT 2", ifNotExists: true) == nil)
            #expect(catalog.deployment(database: "demo", name: "d")?.sql == "SELECT 1")

            let unknown = #expect(throws: TideError.self) { try catalog.dropDeployment(database: "demo", name: "x") }
            #expect(unknown?.code.rawValue == "42704")
            #expect(try catalog.dropDeployment(database: "demo", name: "x", ifExists: true) == nil)

            let noDatabase = #expect(throws: TideError.self) {
                try catalog.createDeployment(database: "nope", name: "d", sql: "SELECT 1")
            }
            #expect(noDatabase?.code.rawValue == "3D000")
            #expect(throws: TideError.self) { try catalog.listDeployments(database: "nope") }
        }
    }

    @Test("metadata JSON round-trips through the store exactly")
    func metadataRoundTrip() throws {
        try withScratchDirectory { dir in
            let path = dir + "/db"
            do {
                let catalog = try openCatalog(path)
                try catalog.createDatabase("demo")
                try catalog.createDeployment(database: "demo", name: "d", sql: "SELECT 1", metadata: metadata)
            }
            let reopened = try openCatalog(path)
            #expect(reopened.deployment(database: "demo", name: "d")?.metadata == metadata)
        }
    }
}
