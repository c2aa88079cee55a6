import TideCore

/// Writes non-NULL TideDB values in Parquet's PLAIN encoding for the physical type
/// `ParquetColumnChunkWriter` maps each TideDB type to.
enum PlainEncoder {
    static func append(_ value: Value, to out: inout [UInt8]) {
        switch value {
        case .bool: break  // bit-packed by `appendBools`
        case .int16(let v): appendLE(UInt32(bitPattern: Int32(v)), to: &out)
        case .int32(let v): appendLE(UInt32(bitPattern: v), to: &out)
        case .date(let v): appendLE(UInt32(bitPattern: v), to: &out)
        case .int64(let v): appendLE(UInt64(bitPattern: v), to: &out)
        case .timestamp(let v): appendLE(UInt64(bitPattern: v), to: &out)
        case .float(let v): appendLE(v.bitPattern, to: &out)
        case .double(let v): appendLE(v.bitPattern, to: &out)
        case .string(let s):
            appendLE(UInt32(s.utf8.count), to: &out)
            out.append(contentsOf: s.utf8)
        case .null, .array, .map: break
        }
    }

    /// Booleans bit-packed LSB first.
    static func appendBools(_ values: [Value], to out: inout [UInt8]) {
        var byte: UInt8 = 0
        var bit = 0
        for value in values {
            if case .bool(true) = value { byte |= 1 << UInt8(bit) }
            bit += 1
            if bit == 8 {
                out.append(byte)
                byte = 0
                bit = 0
            }
        }
        if bit > 0 { out.append(byte) }
    }

    /// The statistics form of a value: PLAIN without a length prefix.
    static func statisticsBytes(_ value: Value) -> [UInt8] {
        var out: [UInt8] = []
        switch value {
        case .bool(let b): out.append(b ? 1 : 0)
        case .string(let s): out.append(contentsOf: s.utf8)
        default: append(value, to: &out)
        }
        return out
    }

    static func appendLE<T: FixedWidthInteger>(_ value: T, to out: inout [UInt8]) {
        var v = value.littleEndian
        withUnsafeBytes(of: &v) { out.append(contentsOf: $0) }
    }
}
