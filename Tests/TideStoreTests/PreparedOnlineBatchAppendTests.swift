import Testing
import TideCore
import TideTestSupport

@testable import TideStore

/// Rows encoded straight into a batch's arena (`OnlineRowEncoder.append`, what Kafka sources,
/// INSERT and LOAD DATA use) hold each row's `RowCodec` encoding and each index's key prefix
/// and TS as `IndexLayout` computes them for the row alone, and a row that fails throws the
/// error its fault calls for and leaves the batch as it was.
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

    @Test("appended rows hold each row's own encoding, key prefixes and TS", arguments: [1, 2, 3])
    func sameAsEachRowAlone(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        let encoder = try OnlineRowEncoder(table: table, tableID: 9)
        let codec = RowCodec(table)
        let layouts = try IndexLayout.all(of: table, tableID: 9)
        let rows = (0..<300).map { _ in randomRow(&random) }
        var appended = encoder.makeBatch()
        for row in rows { try encoder.append(row, to: &appended) }
        #expect(appended.count == rows.count)
        #expect(appended.values == rows)
        for (r, row) in rows.enumerated() {
            #expect(appended.encodedRow(r) == (try codec.encode(row)))
            for (index, layout) in layouts.enumerated() {
                let place = PreparedOnlineBatch.EntryReference(row: Int32(r), entry: Int32(index))
                #expect(appended.keyPrefix(place) == (try layout.keyPrefix(layout.keyPositions.map { row[$0] })))
                #expect(appended.entry(place).ts == (try layout.ts(of: row)))
            }
        }
    }

    @Test("a row that fails throws its fault's error and leaves the batch unchanged")
    func failedRowsChangeNothing() throws {
        let encoder = try OnlineRowEncoder(table: table, tableID: 9)
        let good: [Value] = [.string("u1"), .double(2), .timestamp(5), .string("t")]
        let notNull: SQLState = "23502"
        let bad: [(row: [Value], code: SQLState, column: String?)] = [
            ([.string("u1"), .double(2), .null, .string("t")], notNull, "ts"),  // NULL index TS
            ([.string("u1"), .double(2), .timestamp(5), .null], notNull, "tag"),  // NULL in a NOT NULL column
            ([.string("u1"), .string("x"), .timestamp(5), .string("t")], .datatypeMismatch, "amount"),  // wrong type
            ([.string("u1"), .double(2), .timestamp(5)], .datatypeMismatch, nil),  // wrong width
        ]
        var batch = encoder.makeBatch()
        try encoder.append(good, to: &batch)
        let before = (batch.count, batch.bytes, batch.entries.count, batch.values)
        for (row, code, column) in bad {
            let error = #expect(throws: TideError.self) { try encoder.append(row, to: &batch) }
            #expect(error?.code == code)
            if let column { #expect(error?.message.contains("\"\(column)\"") == true, "\(error?.message ?? "")") }
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
