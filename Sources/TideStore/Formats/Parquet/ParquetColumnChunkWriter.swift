import TideCore

/// Writes one column of one row group: an optional dictionary page (strings with few
/// distinct values), then data pages (v1) of at most `pageRows` values, each with RLE
/// definition levels (every column is OPTIONAL) and PLAIN or RLE_DICTIONARY values.
struct ParquetColumnChunkWriter {
    let type: DataType
    let codec: ParquetCodec
    var pageRows = 65_536

    /// The column's schema element.
    static func schemaElement(name: String, type: DataType) -> ParquetSchemaElement {
        var element = ParquetSchemaElement(name: name, repetition: .optional)
        switch type {
        case .bool: element.type = .boolean
        case .int16:
            element.type = .int32
            element.convertedType = ParquetConvertedType.int16
            element.logicalType = .integer(bitWidth: 16, signed: true)
        case .int32: element.type = .int32
        case .int64: element.type = .int64
        case .float: element.type = .float
        case .double: element.type = .double
        case .string:
            element.type = .byteArray
            element.convertedType = ParquetConvertedType.utf8
            element.logicalType = .string
        case .date:
            element.type = .int32
            element.convertedType = ParquetConvertedType.date
            element.logicalType = .date
        case .timestamp:
            element.type = .int64
            element.convertedType = ParquetConvertedType.timestampMillis
            element.logicalType = .timestamp(unitsPerMilli: 1, adjustedToUTC: true)
        }
        return element
    }

    /// The chunk's bytes and metadata, for a chunk starting at file offset `offset`.
    func write(_ values: ArraySlice<Value>, name: String, at offset: Int64) throws(ParquetError) -> (
        bytes: [UInt8], meta: ParquetColumnMetaData
    ) {
        var statistics = ParquetColumnStatistics()
        for value in values { statistics.add(value) }
        var out: [UInt8] = []
        var uncompressedTotal: Int64 = 0
        var dictionaryOffset: Int64?
        var indices: [String: UInt32]?
        if type == .string, let dictionary = Self.dictionary(values) {
            dictionaryOffset = offset
            var plain: [UInt8] = []
            for text in dictionary.order { PlainEncoder.append(.string(text), to: &plain) }
            uncompressedTotal += try appendPage(
                &out, body: plain,
                header: ParquetPageHeader(
                    type: ParquetPageType.dictionaryPage.rawValue, uncompressedSize: 0, compressedSize: 0,
                    dictionaryValueCount: Int32(dictionary.order.count),
                    dictionaryEncoding: ParquetEncoding.plain.rawValue))
            indices = dictionary.index
        }
        let dataOffset = offset + Int64(out.count)
        var start = values.startIndex
        repeat {
            let end = min(start + pageRows, values.endIndex)
            let page = values[start..<end]
            var body: [UInt8] = []
            var levels = RLEHybridEncoder(width: 1)
            for value in page { levels.append(value.isNull ? 0 : 1) }
            let levelBytes = levels.finish()
            PlainEncoder.appendLE(UInt32(levelBytes.count), to: &body)
            body.append(contentsOf: levelBytes)
            let encoding: ParquetEncoding
            if let indices {
                encoding = .rleDictionary
                let width = indices.count <= 1 ? 0 : UInt32(indices.count - 1).bitWidth - UInt32(indices.count - 1).leadingZeroBitCount
                body.append(UInt8(width))
                var encoder = RLEHybridEncoder(width: width)
                for case .string(let text) in page { encoder.append(indices[text] ?? 0) }
                body.append(contentsOf: encoder.finish())
            } else {
                encoding = .plain
                if type == .bool {
                    PlainEncoder.appendBools(page.filter { !$0.isNull }, to: &body)
                } else {
                    for value in page { PlainEncoder.append(value, to: &body) }
                }
            }
            uncompressedTotal += try appendPage(
                &out, body: body,
                header: ParquetPageHeader(
                    type: ParquetPageType.dataPage.rawValue, uncompressedSize: 0, compressedSize: 0,
                    dataPage: ParquetDataPageHeader(
                        valueCount: Int32(page.count), encoding: encoding.rawValue,
                        definitionLevelEncoding: ParquetEncoding.rle.rawValue)))
            start = end
        } while start < values.endIndex
        let element = Self.schemaElement(name: name, type: type)
        let meta = ParquetColumnMetaData(
            type: element.type ?? .byteArray,
            encodings: indices == nil ? [.plain, .rle] : [.plain, .rle, .rleDictionary],
            pathInSchema: [name], codec: codec.rawValue, valueCount: Int64(values.count),
            uncompressedSize: uncompressedTotal, compressedSize: Int64(out.count), dataPageOffset: dataOffset,
            dictionaryPageOffset: dictionaryOffset, statistics: statistics.thrift)
        return (out, meta)
    }

    /// Compresses `body`, writes its header and body to `out`; returns the uncompressed size
    /// (header included) for the chunk's metadata.
    private func appendPage(_ out: inout [UInt8], body: [UInt8], header: ParquetPageHeader) throws(ParquetError)
        -> Int64
    {
        let compressed = try ParquetCompression.compress(body, codec: codec)
        guard body.count <= Int(Int32.max), compressed.count <= Int(Int32.max) else {
            throw .unsupported("a page of more than 2 GB (use a smaller row_group_rows)")
        }
        var full = header
        full.uncompressedSize = Int32(body.count)
        full.compressedSize = Int32(compressed.count)
        var thrift = ThriftCompactWriter()
        full.write(into: &thrift)
        out.append(contentsOf: thrift.bytes)
        out.append(contentsOf: compressed)
        return Int64(thrift.bytes.count + body.count)
    }

    /// The distinct strings in first-seen order and their indices, if there are few enough
    /// (at most 1/2 of the values and 65536) for a dictionary to pay.
    private static func dictionary(_ values: ArraySlice<Value>) -> (order: [String], index: [String: UInt32])? {
        var index: [String: UInt32] = [:]
        var order: [String] = []
        var present = 0
        for case .string in values { present += 1 }
        let limit = min(65_536, max(1, present / 2))
        for case .string(let text) in values where index[text] == nil {
            guard order.count < limit else { return nil }
            index[text] = UInt32(order.count)
            order.append(text)
        }
        guard !order.isEmpty else { return nil }
        return (order, index)
    }
}
