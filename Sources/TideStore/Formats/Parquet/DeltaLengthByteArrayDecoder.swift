/// DELTA_LENGTH_BYTE_ARRAY: the lengths as DELTA_BINARY_PACKED, then all the bytes.
enum DeltaLengthByteArrayDecoder {
    static func decode(_ cursor: inout ParquetByteCursor) throws(ParquetError) -> [String] {
        try decodeBytes(&cursor).map { bytes throws(ParquetError) in
            try bytes.withParquetBytes { raw throws(ParquetError) in try PlainDecoder.utf8(raw, 0, raw.count) }
        }
    }

    /// The values as byte arrays (DELTA_BYTE_ARRAY's suffixes need not be whole characters).
    static func decodeBytes(_ cursor: inout ParquetByteCursor) throws(ParquetError) -> [[UInt8]] {
        let lengths = try DeltaBinaryPackedDecoder.decode(&cursor)
        var values: [[UInt8]] = []
        values.reserveCapacity(lengths.count)
        for length in lengths {
            guard length >= 0, length <= Int64(cursor.remaining) else {
                throw .corrupt("a byte array length runs past the end of the page")
            }
            let n = Int(length)
            values.append(Array(cursor.bytes[cursor.position..<cursor.position + n]))
            cursor.position += n
        }
        return values
    }
}
