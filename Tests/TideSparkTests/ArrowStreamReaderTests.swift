import Foundation
import Testing
import TideCore

@testable import TideSpark

/// The Arrow IPC reader on streams pyarrow wrote (Fixtures/make_arrow_fixtures.py): every
/// scalar type Spark returns, NULLs, several batches; what it refuses; and bytes mangled
/// at random, which must throw rather than trap.
@Suite struct ArrowStreamReaderTests {
    static func fixture(_ name: String) throws -> [UInt8] {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
        return Array(try Data(contentsOf: directory.appendingPathComponent(name)))
    }

    @Test func readsEveryScalarTypeAcrossBatches() throws {
        var reader = ArrowStreamReader()
        try reader.read(try Self.fixture("scalars.arrows"))
        #expect(reader.rowCount == 5)
        #expect(
            reader.fields.map(\.name) == [
                "i8", "i16", "i32", "i64", "f32", "f64", "b", "s", "ls", "d", "ts_us", "ts_ms", "dec", "n",
            ])
        let c = reader.columns
        #expect(c[0] == [.int16(1), .null, .int16(-3), .int16(4), .int16(5)])
        #expect(c[1] == [.int16(-32768), .int16(2), .null, .int16(4), .int16(32767)])
        #expect(c[2] == [.int32(1), .int32(2), .int32(3), .null, .int32(-2_147_483_648)])
        #expect(c[3] == [.null, .int64(1 << 62), .int64(Int64.min), .int64(0), .int64(9)])
        #expect(c[4] == [.float(1.5), .null, .float(.infinity), .float(-0.0), .float(3.25)])
        #expect(c[5] == [.double(0.1), .double(1e300), .null, .double(-.infinity), .double(-2.5)])
        #expect(c[6] == [.bool(true), .bool(false), .null, .bool(true), .bool(false)])
        #expect(
            c[7] == [
                .string("a"), .string(""), .null, .string("héllo, \"world\""),
                .string(String(repeating: "x", count: 40)),
            ])
        #expect(c[8] == [.string("big"), .null, .string(""), .string("ü"), .string("z")])
        #expect(c[9] == [.date(0), .date(-1), .null, .date(19723), .date(1)])
        // Microseconds become milliseconds, rounded down (also before 1970).
        #expect(c[10] == [.timestamp(1_704_067_215_740), .timestamp(-1), .null, .timestamp(0), .timestamp(1)])
        #expect(c[11] == [.timestamp(1_704_067_215_740), .null, .timestamp(-5), .timestamp(0), .timestamp(1)])
        #expect(c[12] == [.double(12.34), .null, .double(-0.05), .double(0), .double(99_999_999.99)])
        #expect(c[13] == Array(repeating: .null, count: 5))
    }

    @Test func streamsWithTheSameSchemaAppend() throws {
        var reader = ArrowStreamReader()
        let bytes = try Self.fixture("scalars.arrows")
        try reader.read(bytes)
        try reader.read(bytes)
        #expect(reader.rowCount == 10)
        #expect(reader.columns.allSatisfy { $0.count == 10 })
    }

    @Test func refusesWhatItDoesNotRead() throws {
        for (name, what) in [
            ("compressed.arrows", "compressed"), ("dictionary.arrows", "dictionary"), ("list.arrows", "List"),
        ] {
            var reader = ArrowStreamReader()
            let error = #expect(throws: TideError.self) { try reader.read(try Self.fixture(name)) }
            #expect(error?.code == .featureNotSupported)
            #expect(error?.message.contains(what) == true, "\(name): \(error?.message ?? "")")
        }
    }

    @Test func mangledStreamsThrowInsteadOfTrapping() throws {
        let original = try Self.fixture("scalars.arrows")
        var generator = SystemRandomNumberGenerator()
        var thrown = 0
        for round in 0..<3000 {
            var bytes = original
            if round % 3 == 0 {
                bytes = Array(bytes.prefix(Int.random(in: 0..<bytes.count, using: &generator)))
            } else {
                for _ in 0..<Int.random(in: 1...8, using: &generator) {
                    bytes[Int.random(in: 0..<bytes.count, using: &generator)] = UInt8.random(
                        in: 0...255, using: &generator)
                }
            }
            var reader = ArrowStreamReader()
            do { try reader.read(bytes) } catch { thrown += 1 }
            #expect(reader.columns.allSatisfy { $0.count == reader.columns.first?.count })
        }
        #expect(thrown > 0)
    }

    @Test func timestampUnitsRoundDown() throws {
        #expect(try ArrowColumnDecoder.milliseconds(-1, unitsPerSecond: 1_000_000) == -1)
        #expect(try ArrowColumnDecoder.milliseconds(-1000, unitsPerSecond: 1_000_000) == -1)
        #expect(try ArrowColumnDecoder.milliseconds(-1001, unitsPerSecond: 1_000_000) == -2)
        #expect(try ArrowColumnDecoder.milliseconds(1_999_999, unitsPerSecond: 1_000_000_000) == 1)
        #expect(try ArrowColumnDecoder.milliseconds(7, unitsPerSecond: 1) == 7000)
        #expect(throws: TideError.self) { try ArrowColumnDecoder.milliseconds(.max / 10, unitsPerSecond: 1) }
    }
}
