import TideCore

/// Decodes one column chunk (its dictionary page and data pages, v1 or v2) into TideDB
/// values, NULL where the definition level says so.
struct ParquetColumnChunkReader {
    let leaf: ParquetLeaf
    let converter: ParquetColumnConverter

    /// The chunk's `rowCount` values from `bytes` (the chunk's pages, exactly), compressed with `codec`.
    func read(_ bytes: UnsafeRawBufferPointer, rowCount: Int, codec: Int32) throws(ParquetError) -> [Value] {
        var output: [Value] = []
        output.reserveCapacity(rowCount)
        var dictionary: [Value]?
        var position = 0
        while output.count < rowCount {
            guard position < bytes.count else {
                throw .corrupt("the column chunk ends after \(output.count) of its \(rowCount) values")
            }
            var thrift = ThriftCompactReader(bytes, at: position)
            let header = try ParquetPageHeader.read(&thrift)
            let bodyStart = thrift.position
            let bodyLength = Int(header.compressedSize)
            guard bodyLength <= bytes.count - bodyStart else {
                throw .corrupt("a page runs past the end of the column")
            }
            let body = UnsafeRawBufferPointer(rebasing: bytes[bodyStart..<bodyStart + bodyLength])
            position = bodyStart + bodyLength
            switch ParquetPageType(rawValue: header.type) {
            case .dictionaryPage:
                dictionary = try readDictionary(header, body, codec: codec)
            case .dataPage:
                guard let page = header.dataPage else { throw .corrupt("data page without its header") }
                let data = try ParquetCompression.decompress(body, codec: codec, size: Int(header.uncompressedSize))
                try data.withParquetBytes { raw throws(ParquetError) in
                    var cursor = ParquetByteCursor(raw)
                    var levels: [UInt32]?
                    if leaf.maxDefinitionLevel > 0 {
                        guard page.definitionLevelEncoding == ParquetEncoding.rle.rawValue else {
                            throw .unsupported(
                                "definition levels encoded with encoding \(page.definitionLevelEncoding)")
                        }
                        let length = Int(try cursor.readUInt32())
                        try cursor.require(length, "definition levels")
                        var decoder = RLEHybridDecoder(
                            ParquetByteCursor(raw, from: cursor.position, to: cursor.position + length), width: 1)
                        var decoded: [UInt32] = []
                        try decoder.decode(Int(page.valueCount), into: &decoded)
                        levels = decoded
                        cursor.position += length
                    }
                    try appendValues(
                        &output, levels: levels, count: Int(page.valueCount), encoding: page.encoding,
                        cursor: &cursor, dictionary: dictionary)
                }
            case .dataPageV2:
                guard let page = header.dataPageV2 else { throw .corrupt("data page v2 without its header") }
                let levelBytes = Int(page.repetitionLevelsLength) + Int(page.definitionLevelsLength)
                guard page.repetitionLevelsLength == 0 else { throw .unsupported("repeated values") }
                guard levelBytes <= body.count, levelBytes <= Int(header.uncompressedSize) else {
                    throw .corrupt("data page v2 levels are longer than the page")
                }
                var levels: [UInt32]?
                if leaf.maxDefinitionLevel > 0 {
                    var decoder = RLEHybridDecoder(ParquetByteCursor(body, from: 0, to: levelBytes), width: 1)
                    var decoded: [UInt32] = []
                    try decoder.decode(Int(page.valueCount), into: &decoded)
                    levels = decoded
                }
                let valueBody = UnsafeRawBufferPointer(rebasing: body[levelBytes...])
                let valueSize = Int(header.uncompressedSize) - levelBytes
                let data =
                    page.isCompressed
                    ? try ParquetCompression.decompress(valueBody, codec: codec, size: valueSize)
                    : try ParquetCompression.decompress(
                        valueBody, codec: ParquetCodec.uncompressed.rawValue, size: valueSize)
                try data.withParquetBytes { raw throws(ParquetError) in
                    var cursor = ParquetByteCursor(raw)
                    try appendValues(
                        &output, levels: levels, count: Int(page.valueCount), encoding: page.encoding,
                        cursor: &cursor, dictionary: dictionary)
                }
            case .indexPage, nil:
                continue
            }
        }
        guard output.count == rowCount else {
            throw .corrupt("the column chunk has \(output.count) values, its row group \(rowCount) rows")
        }
        return output
    }

    private func readDictionary(
        _ header: ParquetPageHeader, _ body: UnsafeRawBufferPointer, codec: Int32
    ) throws(ParquetError) -> [Value] {
        guard let count = header.dictionaryValueCount, count >= 0 else {
            throw .corrupt("dictionary page without a value count")
        }
        let encoding = header.dictionaryEncoding ?? ParquetEncoding.plain.rawValue
        guard encoding == ParquetEncoding.plain.rawValue || encoding == ParquetEncoding.plainDictionary.rawValue else {
            throw .unsupported("dictionary pages encoded with encoding \(encoding)")
        }
        let data = try ParquetCompression.decompress(body, codec: codec, size: Int(header.uncompressedSize))
        return try data.withParquetBytes { raw throws(ParquetError) in
            var cursor = ParquetByteCursor(raw)
            let values = try PlainDecoder.decode(
                &cursor, count: Int(count), type: leaf.physicalType, typeLength: Int(leaf.element.typeLength ?? 0))
            return try converter.convert(values)
        }
    }

    /// Decodes a page's non-NULL values and appends them to `output`, with NULLs where the
    /// definition level is below the maximum.
    private func appendValues(
        _ output: inout [Value], levels: [UInt32]?, count: Int, encoding: Int32, cursor: inout ParquetByteCursor,
        dictionary: [Value]?
    ) throws(ParquetError) {
        var present = count
        if let levels {
            present = 0
            for level in levels where level != 0 { present += 1 }
        }
        let values = try decodeValues(present, encoding: encoding, cursor: &cursor, dictionary: dictionary)
        guard values.count >= present else { throw .corrupt("a page has fewer values than its levels say") }
        if let levels {
            var next = 0
            for level in levels {
                if level != 0 {
                    output.append(values[next])
                    next += 1
                } else {
                    output.append(.null)
                }
            }
        } else {
            output.append(contentsOf: values[0..<present])
        }
    }

    private func decodeValues(
        _ count: Int, encoding: Int32, cursor: inout ParquetByteCursor, dictionary: [Value]?
    ) throws(ParquetError) -> [Value] {
        let type = leaf.physicalType
        switch ParquetEncoding(rawValue: encoding) {
        case .plain:
            return try converter.convert(
                PlainDecoder.decode(&cursor, count: count, type: type, typeLength: Int(leaf.element.typeLength ?? 0)))
        case .plainDictionary, .rleDictionary:
            guard let dictionary else { throw .corrupt("dictionary-encoded page without a dictionary page") }
            if count == 0 { return [] }
            let width = Int(try cursor.readByte())
            var decoder = RLEHybridDecoder(cursor, width: width)
            var indices: [UInt32] = []
            try decoder.decode(count, into: &indices)
            var values: [Value] = []
            values.reserveCapacity(count)
            for index in indices {
                guard Int(index) < dictionary.count else { throw .corrupt("dictionary index \(index) out of range") }
                values.append(dictionary[Int(index)])
            }
            return values
        case .rle:
            guard type == .boolean else { throw .unsupported("RLE encoding for \(type) values") }
            let length = Int(try cursor.readUInt32())
            try cursor.require(length, "RLE booleans")
            var decoder = RLEHybridDecoder(
                ParquetByteCursor(cursor.bytes, from: cursor.position, to: cursor.position + length), width: 1)
            var bits: [UInt32] = []
            try decoder.decode(count, into: &bits)
            return try converter.convert(.bool(bits.map { $0 != 0 }))
        case .deltaBinaryPacked:
            let decoded = try DeltaBinaryPackedDecoder.decode(&cursor)
            switch type {
            case .int32:
                return try converter.convert(.int32(decoded.map { Int32(truncatingIfNeeded: $0) }))
            case .int64: return try converter.convert(.int64(decoded))
            default: throw .unsupported("DELTA_BINARY_PACKED for \(type) values")
            }
        case .deltaLengthByteArray:
            guard type == .byteArray else { throw .unsupported("DELTA_LENGTH_BYTE_ARRAY for \(type) values") }
            return try converter.convert(.string(DeltaLengthByteArrayDecoder.decode(&cursor)))
        case .deltaByteArray:
            guard type == .byteArray else { throw .unsupported("DELTA_BYTE_ARRAY for \(type) values") }
            return try converter.convert(.string(DeltaByteArrayDecoder.decode(&cursor)))
        case .byteStreamSplit:
            return try converter.convert(ByteStreamSplitDecoder.decode(&cursor, count: count, type: type))
        case .bitPacked, nil:
            throw .unsupported("value encoding \(encoding)")
        }
    }
}
