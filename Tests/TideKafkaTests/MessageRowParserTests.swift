import Testing
import TideCore

@testable import TideKafka

@Suite("MessageRowParser and KafkaSourceOptions")
struct MessageRowParserTests {
    private let table = TableDef(
        database: "d", name: "tx",
        columns: [
            ColumnDef(name: "id", type: .int32), ColumnDef(name: "card", type: .string),
            ColumnDef(name: "amount", type: .double), ColumnDef(name: "ts", type: .timestamp),
        ],
        indexes: [
            IndexDef(
                name: "by_card", keyColumns: ["card"], tsColumn: "ts", ttl: TTL(kind: .absolute, absoluteMs: 60_000))
        ])

    private func parser(_ options: [String: String]) throws -> MessageRowParser {
        MessageRowParser(
            table: table,
            options: try KafkaSourceOptions(
                options.merging(["brokers": "b:1", "topic": "t"]) { a, _ in a }, table: table))
    }

    private let now: Int64 = 1_700_000_100_000

    @Test("JSON fields become typed values by the assignment rule; a field map renames")
    func json() throws {
        let row = try parser([:]).row(
            Array(#"{"id": 7, "card": "c1", "amount": 3, "ts": 1700000090000}"#.utf8), now: now)
        #expect(row == [.int32(7), .string("c1"), .double(3), .timestamp(1_700_000_090_000)])
        let mapped = try parser(["columns": "card=c, ts=t"]).row(
            Array(#"{"c": "x", "t": "1700000095000", "id": 1}"#.utf8), now: now)
        #expect(mapped == [.null, .string("x"), .null, .timestamp(1_700_000_095_000)])
        let text = try parser([:]).row(Array(#"{"ts": "2023-11-14 22:14:55", "id": "12"}"#.utf8), now: now)
        #expect(text[0] == .int32(12))
        #expect(text[3] == .timestamp(1_700_000_095_000))
    }

    @Test("out of range, unreadable text and rows past every TTL are rejected with a reason")
    func rejected() throws {
        let p = try parser([:])
        let range = #expect(throws: MessageRejection.self) {
            try p.row(Array(#"{"id": 2147483648, "ts": 1700000090000}"#.utf8), now: now)
        }
        #expect(range?.reason.contains("out of range") == true)
        let text = #expect(throws: MessageRejection.self) {
            try p.row(Array(#"{"id": "seven", "ts": 1700000090000}"#.utf8), now: now)
        }
        #expect(text?.reason.contains("cannot be read as int") == true)
        let old = #expect(throws: MessageRejection.self) {
            try p.row(Array(#"{"id": 1, "card": "c", "ts": 1600000000000}"#.utf8), now: now)
        }
        #expect(old?.reason.contains("older than the TTL") == true)
    }

    @Test("CSV fields follow the column list; the field count must match")
    func csv() throws {
        let p = try parser(["format": "csv", "columns": "ts,card,id"])
        #expect(
            try p.row(Array("1700000090000,\"a,b\",5\n".utf8), now: now) == [
                .int32(5), .string("a,b"), .null, .timestamp(1_700_000_090_000),
            ])
        let short = #expect(throws: MessageRejection.self) { try p.row(Array("1700000090000,a".utf8), now: now) }
        #expect(short?.reason == "CSV line has 2 fields, the source expects 3")
    }

    @Test("options are checked: required, known, well-formed, columns of the table")
    func options() throws {
        func refuse(_ options: [String: String], _ code: SQLState, _ text: String) {
            let error = #expect(throws: TideError.self) { try KafkaSourceOptions(options, table: table) }
            #expect(error?.code == code)
            #expect(error?.message.contains(text) == true, "\(error?.message ?? "")")
        }
        refuse(["topic": "t"], .invalidParameterValue, "brokers is required")
        refuse(
            ["brokers": "b", "topic": "t", "colour": "red"], .invalidParameterValue,
            "unknown Kafka source option colour")
        refuse(["brokers": "b", "topic": "t", "format": "xml"], .invalidParameterValue, "'json' or 'csv'")
        refuse(["brokers": "b", "topic": "t", "start": "yesterday"], .invalidParameterValue, "start must be")
        refuse(["brokers": "b", "topic": "t", "batch_rows": "0"], .invalidParameterValue, "batch_rows")
        refuse(["brokers": "b", "topic": "t", "columns": "id,nope"], .undefinedColumn, "\"nope\"")
        refuse(["brokers": "b", "topic": "t", "columns": "id,id"], .invalidParameterValue, "twice")
        refuse(["brokers": "b", "topic": "t", "properties": "novalue"], .invalidParameterValue, "key=value")
        let parsed = try KafkaSourceOptions(
            ["brokers": "b", "topic": "t", "start": "1700000000000", "properties": "fetch.wait.max.ms=10; a=b=c"],
            table: table)
        #expect(parsed.start == .timestamp(1_700_000_000_000))
        #expect(parsed.properties.map(\.0) == ["fetch.wait.max.ms", "a"])
        #expect(parsed.properties.map(\.1) == ["10", "b=c"])
        #expect(parsed.fields.map(\.column) == [0, 1, 2, 3])
    }
}
