import TideCore

/// The PLAIN encoding: fixed-width little-endian values, bit-packed booleans, and byte
/// arrays as a 4-byte length followed by the bytes.
enum PlainDecoder {
    static func decode(
        _ cursor: inout ParquetByteCursor, count: Int, type: ParquetPhysicalType, typeLength: Int
    ) throws(ParquetError) -> ParquetValues {
        switch type {
        case .boolean:
            try cursor.require((count + 7) / 8, "boolean values")
            var values: [Bool] = []
            values.reserveCapacity(count)
            for k in 0..<count {
                values.append(cursor.bytes[cursor.position + k >> 3] >> UInt8(k & 7) & 1 == 1)
            }
            cursor.position += (count + 7) / 8
            return .bool(values)
        case .int32:
            return .int32(try fixed(&cursor, count: count, as: Int32.self))
        case .int64:
            return .int64(try fixed(&cursor, count: count, as: Int64.self))
        case .float:
            return .float(try fixed(&cursor, count: count, as: UInt32.self).map { Float(bitPattern: $0) })
        case .double:
            return .double(try fixed(&cursor, count: count, as: UInt64.self).map { Double(bitPattern: $0) })
        case .int96:
            try cursor.require(count * 12, "INT96 values")
            var values: [Int64] = []
            values.reserveCapacity(count)
            for k in 0..<count {
                let at = cursor.position + 12 * k
                let nanos = Int64(littleEndian: cursor.bytes.loadUnaligned(fromByteOffset: at, as: Int64.self))
                let day = Int64(Int32(littleEndian: cursor.bytes.loadUnaligned(fromByteOffset: at + 8, as: Int32.self)))
                values.append(int96Millis(julianDay: day, nanosOfDay: nanos))
            }
            cursor.position += count * 12
            return .int64(values)
        case .byteArray:
            var values: [String] = []
            values.reserveCapacity(count)
            for _ in 0..<count {
                let length = Int(try cursor.readUInt32())
                try cursor.require(length, "a byte array value")
                values.append(try utf8(cursor.bytes, cursor.position, length))
                cursor.position += length
            }
            return .string(values)
        case .fixedLenByteArray:
            guard typeLength > 0 else { throw .corrupt("FIXED_LEN_BYTE_ARRAY without a length") }
            try cursor.require(count * typeLength, "fixed-length values")
            var values: [String] = []
            values.reserveCapacity(count)
            for k in 0..<count { values.append(try utf8(cursor.bytes, cursor.position + k * typeLength, typeLength)) }
            cursor.position += count * typeLength
            return .string(values)
        }
    }

    /// Milliseconds since the epoch of an INT96 timestamp (Julian day and nanoseconds of day).
    static func int96Millis(julianDay: Int64, nanosOfDay: Int64) -> Int64 {
        let epochJulianDay: Int64 = 2_440_588
        return (julianDay - epochJulianDay) &* 86_400_000 &+ nanosOfDay.dividedRoundingDown(by: 1_000_000)
    }

    /// The string of `length` bytes at `offset`, which must be valid UTF-8.
    static func utf8(_ bytes: UnsafeRawBufferPointer, _ offset: Int, _ length: Int) throws(ParquetError) -> String {
        let slice = UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + length])
        guard let text = slice.withMemoryRebound(to: UInt8.self, UTF8Text.string) else {
            throw .corrupt("a string value is not valid UTF-8")
        }
        return text
    }

    private static func fixed<T: FixedWidthInteger>(
        _ cursor: inout ParquetByteCursor, count: Int, as: T.Type
    ) throws(ParquetError) -> [T] {
        let size = MemoryLayout<T>.size
        try cursor.require(count * size, "values")
        let start = cursor.position
        let bytes = cursor.bytes
        let values = [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            for k in 0..<count {
                buffer[k] = T(littleEndian: bytes.loadUnaligned(fromByteOffset: start + k * size, as: T.self))
            }
            initialized = count
        }
        cursor.position += count * size
        return values
    }
}
