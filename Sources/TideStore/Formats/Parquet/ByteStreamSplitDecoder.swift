/// BYTE_STREAM_SPLIT: byte k of every value stored together, for k = 0..<width.
enum ByteStreamSplitDecoder {
    static func decode(
        _ cursor: inout ParquetByteCursor, count: Int, type: ParquetPhysicalType
    ) throws(ParquetError) -> ParquetValues {
        switch type {
        case .float: return .float(try gather(&cursor, count: count, width: 4).map { Float(bitPattern: UInt32($0)) })
        case .double: return .double(try gather(&cursor, count: count, width: 8).map { Double(bitPattern: $0) })
        case .int32: return .int32(try gather(&cursor, count: count, width: 4).map { Int32(bitPattern: UInt32($0)) })
        case .int64: return .int64(try gather(&cursor, count: count, width: 8).map { Int64(bitPattern: $0) })
        default: throw .unsupported("BYTE_STREAM_SPLIT for \(type) values")
        }
    }

    private static func gather(
        _ cursor: inout ParquetByteCursor, count: Int, width: Int
    ) throws(ParquetError) -> [UInt64] {
        // The page holds exactly `count` values of each stream.
        let streamLength = cursor.remaining / width
        guard streamLength >= count else { throw .corrupt("BYTE_STREAM_SPLIT data is shorter than its values") }
        var values = [UInt64](repeating: 0, count: count)
        for k in 0..<width {
            let base = cursor.position + k * streamLength
            for i in 0..<count { values[i] |= UInt64(cursor.bytes[base + i]) << UInt64(8 * k) }
        }
        cursor.position += streamLength * width
        return values
    }
}
