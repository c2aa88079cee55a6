import Testing
import TideCore
import TideTestSupport

@testable import TideStore

@Suite("RowCodec")
struct RowCodecTests {
    /// A table with one column of every type.
    static let table = TableDef(
        database: "d",
        name: "all_types",
        columns: DataType.allCases.map { ColumnDef(name: "c_\($0)", type: $0) }
    )

    /// Values of each type that stress the encoding.
    static func samples(_ type: DataType) -> [Value] {
        switch type {
        case .bool: return [.bool(false), .bool(true)]
        case .int16: return [.int16(.min), .int16(-1), .int16(0), .int16(.max)]
        case .int32: return [.int32(.min), .int32(-7), .int32(0), .int32(.max)]
        case .int64: return [.int64(.min), .int64(-1), .int64(0), .int64(.max)]
        case .float:
            return [.float(-0.0), .float(.nan), .float(.infinity), .float(-.leastNonzeroMagnitude), .float(3.25)]
        case .double:
            return [.double(-0.0), .double(.nan), .double(-.infinity), .double(.greatestFiniteMagnitude), .double(0.1)]
        case .string:
            return [
                .string(""), .string("a"), .string("héllo wörld ✓ 日本 🚀"), .string("nul\u{0}in"),
                .string(String(repeating: "x", count: 70_000)),
            ]
        case .date: return [.date(-719_162), .date(-1), .date(0), .date(19_000)]
        case .timestamp: return [.timestamp(-62_135_596_800_000), .timestamp(-1), .timestamp(0), .timestamp(.max)]
        }
    }

    /// Bitwise equality, so NaN and -0 are checked exactly.
    static func identical(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.float(let x), .float(let y)): return x.bitPattern == y.bitPattern
        case (.double(let x), .double(let y)): return x.bitPattern == y.bitPattern
        default: return a == b
        }
    }

    @Test("every type round-trips, with NULLs anywhere", arguments: [1, 2, 3])
    func roundTrip(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        let codec = RowCodec(Self.table)
        for _ in 0..<500 {
            let row: [Value] = DataType.allCases.map { type in
                let choices = Self.samples(type)
                return random.next() % 4 == 0 ? .null : choices[Int(random.next() % UInt64(choices.count))]
            }
            let decoded = try codec.decode(try codec.encode(row))
            #expect(decoded.count == row.count)
            for (a, b) in zip(row, decoded) { #expect(Self.identical(a, b), "\(a) became \(b)") }
        }
    }

    @Test("an all-NULL row and a row of nine columns (two bitmap bytes) round-trip")
    func bitmap() throws {
        let codec = RowCodec(Self.table)
        let nulls = [Value](repeating: .null, count: Self.table.columns.count)
        #expect(try codec.decode(try codec.encode(nulls)) == nulls)
        #expect(try codec.encode(nulls).count == 2 + 2)
    }

    @Test("NaN payloads and negative zero keep their exact bits")
    func exactBits() throws {
        let table = TableDef(database: "d", name: "t", columns: [ColumnDef(name: "x", type: .double)])
        let codec = RowCodec(table)
        let payloadNaN = Double(nan: 0x1234, signaling: false)
        let decoded = try codec.decode(try codec.encode([.double(payloadNaN)]))
        guard case .double(let value) = decoded[0] else {
            Issue.record("not a double: \(decoded)")
            return
        }
        #expect(value.bitPattern == payloadNaN.bitPattern)
    }

    @Test("a value of another type than its column, or a wrong width, is rejected")
    func typeChecks() {
        let codec = RowCodec(eventsTable())
        #expect(throws: TideError.self) { try codec.encode([.int64(1), .double(1), .timestamp(1), .string("")]) }
        #expect(throws: TideError.self) { try codec.encode([.string("u"), .double(1), .timestamp(1)]) }
        #expect(throws: TideError.self) { try codec.encode([.string("u"), .float(1), .timestamp(1), .null]) }
    }

    @Test("a row stored before columns were added decodes with NULLs for them")
    func addedColumns() throws {
        var table = eventsTable()
        let old = try RowCodec(table).encode(event("u", 1, 2, "x"))
        table.columns.append(ColumnDef(name: "extra", type: .int32))
        #expect(try RowCodec(table).decode(old) == event("u", 1, 2, "x") + [.null])
    }

    @Test("truncated or malformed bytes are reported as corruption, never a crash")
    func corruption() throws {
        let codec = RowCodec(eventsTable())
        let bytes = try codec.encode(event("user", 1.5, 99, "tag"))
        for length in 0..<bytes.count {
            #expect(throws: TideError.self) { try codec.decode(Array(bytes[0..<length])) }
        }
        #expect(throws: TideError.self) { try codec.decode(bytes + [0]) }
        #expect(throws: TideError.self) { try RowCodec(TableDef(database: "d", name: "t", columns: [])).decode(bytes) }
    }
}
