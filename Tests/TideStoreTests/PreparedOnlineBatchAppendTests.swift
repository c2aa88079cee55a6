import Testing
import TideCore
import TideTestSupport

@testable import TideStore

/// Rows encoded straight into a batch's arena (`OnlineRowEncoder.append`, what Kafka sources,
/// INSERT and LOAD DATA use) are the rows `OnlineRowEncoder.prepare` encodes one by one, and a
/// row that fails leaves the batch as it was.
@Suite("PreparedOnlineBatch: rows appended in place")
struct PreparedOnlineBatchAppendTests {
    private let table = TableDef(
        database: "demo", name: "events",
        columns: [
            ColumnDef(name: "user", type: .string),
            ColumnDef(name: "amount", type: .double),
            ColumnDef(name: "ts", type: .timestamp),
            ColumnDef(name: "tag", type: .string, notNull: true),
        ],
        indexes: [
            IndexDef(name: "by_user", keyColumns: ["user"], tsColumn: "ts"),
            IndexDef(name: "by_tag_amount", keyColumns: ["tag", "amount"], tsColumn: "ts"),
        ])

    private func randomRow(_ random: inout SeededGenerator) -> [Value] {
        let user: Value = random.next() % 10 == 0 ? .null : .string("u" + String(random.next() % 50))
        let amount: Value = random.next() % 7 == 0 ? .null : .double(Double(random.next() % 1000) / 8)
        return [user, amount, .timestamp(Int64(random.next() % 100)), .string(random.next() % 2 == 0 ? "" : "t")]
    }

    @Test(
        "appended rows equal rows prepared one by one: values, encodings, keys, TS and key order", arguments: [1, 2, 3])
    func sameAsPrepared(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        let encoder = try OnlineRowEncoder(table: table, tableID: 9)
        let rows = (0..<300).map { _ in randomRow(&random) }
        var appended = encoder.makeBatch()
        for row in rows { try encoder.append(row, to: &appended) }
        let prepared = try rows.map { try encoder.prepare($0) }
        let reference = PreparedOnlineBatch(prepared)
        #expect(appended.count == rows.count)
        #expect(appended.values == rows)
        for (row, one) in prepared.enumerated() {
            #expect(appended.encodedRow(row) == one.encoded)
            for (index, entry) in one.entries.enumerated() {
                let place = PreparedOnlineBatch.EntryReference(row: Int32(row), entry: Int32(index))
                #expect(appended.keyPrefix(place) == entry.key)
                #expect(appended.entry(place).ts == entry.ts)
            }
        }
        appended.putEntriesInKeyOrder()
        #expect(appended.entryOrder == reference.entryOrder)
    }

    @Test("a row that fails throws prepare's error and leaves the batch unchanged")
    func failedRowsChangeNothing() throws {
        let encoder = try OnlineRowEncoder(table: table, tableID: 9)
        let good: [Value] = [.string("u1"), .double(2), .timestamp(5), .string("t")]
        let bad: [[Value]] = [
            [.string("u1"), .double(2), .null, .string("t")],  // NULL index TS
            [.string("u1"), .double(2), .timestamp(5), .null],  // NULL in a NOT NULL column
            [.string("u1"), .string("x"), .timestamp(5), .string("t")],  // wrong type
            [.string("u1"), .double(2), .timestamp(5)],  // wrong width
        ]
        var batch = encoder.makeBatch()
        try encoder.append(good, to: &batch)
        let before = (batch.count, batch.bytes, batch.entries.count, batch.values)
        for row in bad {
            var expected: TideError?
            do { _ = try encoder.prepare(row) } catch let error as TideError { expected = error }
            #expect(expected != nil)
            #expect(throws: expected!) { try encoder.append(row, to: &batch) }
            #expect(batch.count == before.0)
            #expect(batch.bytes == before.1)
            #expect(batch.entries.count == before.2)
            #expect(batch.values == before.3)
        }
        try encoder.append(good, to: &batch)
        #expect(batch.count == 2)
        #expect(batch.encodedRow(1) == batch.encodedRow(0))
    }
}
