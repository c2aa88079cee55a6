import Testing

@testable import TideStore

/// The encodings and the Thrift compact protocol on their own.
@Suite("Parquet encodings")
struct ParquetEncodingTests {
    @Test("RLE / bit-packed hybrid: what the encoder writes the decoder reads", arguments: [0, 1, 3, 8, 17, 32])
    func rleRoundTrip(_ width: Int) throws {
        var generator = SystemRandomNumberGenerator()
        let limit: UInt32 = width == 0 ? 0 : width == 32 ? UInt32.max : (1 << UInt32(width)) - 1
        var values: [UInt32] = []
        for _ in 0..<300 {
            let value = UInt32.random(in: 0...limit, using: &generator)
            let run = Bool.random(using: &generator) ? Int.random(in: 8...40, using: &generator) : 1
            values.append(contentsOf: repeatElement(value, count: run))
        }
        var encoder = RLEHybridEncoder(width: width)
        for value in values { encoder.append(value) }
        let bytes = encoder.finish()
        var decoded: [UInt32] = []
        try bytes.withParquetBytes { raw throws(ParquetError) in
            var decoder = RLEHybridDecoder(ParquetByteCursor(raw), width: width)
            try decoder.decode(values.count, into: &decoded)
        }
        #expect(decoded == values)
    }

    @Test("DELTA_BINARY_PACKED: the format specification's example 1..5 and a negative run")
    func deltaBinaryPacked() throws {
        // Block size 128, 4 miniblocks, 5 values, first value 1; min delta 1, every width 0.
        let bytes: [UInt8] = [0x80, 0x01, 0x04, 0x05, 0x02, 0x02, 0x00, 0x00, 0x00, 0x00]
        let values = try bytes.withParquetBytes { raw throws(ParquetError) in
            var cursor = ParquetByteCursor(raw)
            return try DeltaBinaryPackedDecoder.decode(&cursor)
        }
        #expect(values == [1, 2, 3, 4, 5])
        // 7, 5, 3, 1, 2: first 7 (zigzag 14), min delta -2 (zigzag 3), deltas 0,0,0,3 at width 2.
        let second: [UInt8] =
            [0x80, 0x01, 0x04, 0x05, 0x0E, 0x03, 0x02, 0x00, 0x00, 0x00, 0xC0] + Array(repeating: 0, count: 7)
        let decoded = try second.withParquetBytes { raw throws(ParquetError) in
            var cursor = ParquetByteCursor(raw)
            return try DeltaBinaryPackedDecoder.decode(&cursor)
        }
        #expect(decoded == [7, 5, 3, 1, 2])
    }

    @Test("a page header survives the Thrift compact writer and reader")
    func pageHeader() throws {
        let header = ParquetPageHeader(
            type: ParquetPageType.dataPage.rawValue, uncompressedSize: 1234, compressedSize: 99,
            dataPage: ParquetDataPageHeader(
                valueCount: 4096, encoding: ParquetEncoding.rleDictionary.rawValue,
                definitionLevelEncoding: ParquetEncoding.rle.rawValue))
        var writer = ThriftCompactWriter()
        header.write(into: &writer)
        let back = try writer.bytes.withParquetBytes { raw throws(ParquetError) in
            var reader = ThriftCompactReader(raw)
            return try ParquetPageHeader.read(&reader)
        }
        #expect(back.type == header.type && back.uncompressedSize == 1234 && back.compressedSize == 99)
        #expect(back.dataPage?.valueCount == 4096)
        #expect(back.dataPage?.encoding == ParquetEncoding.rleDictionary.rawValue)
    }

    @Test("truncated metadata throws instead of reading past the end")
    func truncatedThrift() {
        var writer = ThriftCompactWriter()
        ParquetPageHeader(type: 0, uncompressedSize: 10, compressedSize: 10).write(into: &writer)
        for cut in 0..<writer.bytes.count - 1 {
            let bytes = Array(writer.bytes[0..<cut])
            #expect(throws: ParquetError.self) {
                try bytes.withParquetBytes { raw throws(ParquetError) in
                    var reader = ThriftCompactReader(raw)
                    _ = try ParquetPageHeader.read(&reader)
                }
            }
        }
    }

    @Test("INT96 timestamps (Spark's default) become milliseconds")
    func int96() {
        // 2440588 is the Julian day of 1970-01-01.
        #expect(PlainDecoder.int96Millis(julianDay: 2_440_588, nanosOfDay: 1_500_000) == 1)
        #expect(PlainDecoder.int96Millis(julianDay: 2_440_587, nanosOfDay: 86_399_999_000_000) == -1)
    }

    @Test("a password in a PostgreSQL URL is never shown")
    func redactedURL() {
        #expect(PostgresURL.redacted("postgresql://u:s3cr@t@h:5432/db") == "postgresql://u:***@h:5432/db")
        #expect(PostgresURL.redacted("postgresql://u@h/db") == "postgresql://u@h/db")
        #expect(PostgresURL.redacted("postgres://h:5432/db?sslmode=disable") == "postgres://h:5432/db?sslmode=disable")
    }
}
