import Foundation
import Testing
import TideCore

@testable import TideStore

@Suite("PersistentCatalog: Kafka connectors")
struct PersistentCatalogConnectorTests {
    private func source(_ name: String, table: String = "t") -> ConnectorRecord {
        ConnectorRecord(
            name: name, kind: .source, id: 0, database: "db", target: table,
            options: ["brokers": "127.0.0.1:9092", "topic": "tx"], running: true, createdAtMs: 0)
    }

    @Test("create, stop, start, drop; ids are fresh and never reused; records survive reopening")
    func lifecycle() throws {
        try withScratchDirectory { dir in
            var firstID: UInt32 = 0
            do {
                let catalog = try openCatalog(dir + "/db")
                try catalog.createDatabase("db")
                let table = try #require(try catalog.createTable(sampleTable("db", "t")))
                let created = try #require(try catalog.createConnector(source("Tx")))
                #expect(created.id > table.id)
                #expect(created.createdAtMs == fixedClock())
                firstID = created.id
                #expect(catalog.connector("tx") == created)
                let duplicate = #expect(throws: TideError.self) { try catalog.createConnector(source("Tx")) }
                #expect(duplicate?.code == .duplicateObject)
                #expect(try catalog.createConnector(source("Tx"), ifNotExists: true) == nil)
                #expect(try catalog.setConnectorRunning("tx", kind: .source, running: false).running == false)
                let wrongKind = #expect(throws: TideError.self) {
                    try catalog.setConnectorRunning("tx", kind: .sink, running: true)
                }
                #expect(wrongKind?.code == .undefinedObject)
            }
            let reopened = try openCatalog(dir + "/db")
            let stored = try #require(reopened.connector("Tx"))
            #expect(stored.running == false)
            #expect(stored.options["topic"] == "tx")
            #expect(try reopened.dropConnector("TX", kind: .source)?.id == firstID)
            #expect(reopened.connector("Tx") == nil)
            #expect(try reopened.dropConnector("Tx", kind: .source, ifExists: true) == nil)
            // A source created again under the same name never inherits the old positions.
            let again = try #require(try reopened.createConnector(source("Tx")))
            #expect(again.id > firstID)
            #expect(reopened.listConnectors().map(\.name) == ["Tx"])
        }
    }

    @Test("a table a source writes cannot be dropped (2BP01) until the source is")
    func dropTableWithSource() throws {
        try withScratchDirectory { dir in
            let catalog = try openCatalog(dir + "/db")
            try catalog.createDatabase("db")
            try catalog.createTable(sampleTable("db", "t"))
            try catalog.createConnector(source("s"))
            let refused = #expect(throws: TideError.self) { try catalog.dropTable(database: "db", name: "t") }
            #expect(refused?.code.rawValue == "2BP01")
            #expect(catalog.table(database: "db", name: "t") != nil)
            try catalog.dropConnector("s", kind: .source)
            #expect(try catalog.dropTable(database: "db", name: "t") != nil)
        }
    }
}
