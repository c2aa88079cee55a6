/// DELTA_BYTE_ARRAY (incremental encoding): prefix lengths shared with the previous value as
/// DELTA_BINARY_PACKED, then the suffixes as DELTA_LENGTH_BYTE_ARRAY.
enum DeltaByteArrayDecoder {
    static func decode(_ cursor: inout ParquetByteCursor) throws(ParquetError) -> [String] {
        let prefixes = try DeltaBinaryPackedDecoder.decode(&cursor)
        let suffixes = try DeltaLengthByteArrayDecoder.decodeBytes(&cursor)
        guard prefixes.count == suffixes.count else {
            throw .corrupt("DELTA_BYTE_ARRAY has \(prefixes.count) prefixes for \(suffixes.count) suffixes")
        }
        var values: [String] = []
        values.reserveCapacity(prefixes.count)
        var previous: [UInt8] = []
        for (prefix, suffix) in zip(prefixes, suffixes) {
            guard prefix >= 0, prefix <= Int64(previous.count) else {
                throw .corrupt("a DELTA_BYTE_ARRAY prefix is longer than the previous value")
            }
            var value = Array(previous[0..<Int(prefix)])
            value.append(contentsOf: suffix)
            values.append(
                try value.withParquetBytes { raw throws(ParquetError) in try PlainDecoder.utf8(raw, 0, raw.count) })
            previous = value
        }
        return values
    }
}
