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

    /// The chunk's bytes and metadata, with page offsets relative to the chunk's start. The
    /// column's values come in pieces (the batches they arrived in), written in order without
    /// being copied into one array; each piece starts a page.
    func write(_ input: [ArraySlice<Value>], name: String) throws(ParquetError) -> (
        bytes: [UInt8], meta: ParquetColumnMetaData
    ) {
        var pieces: [ArraySlice<Value>] = []
        pieces.reserveCapacity(input.count)
        for piece in input where !piece.isEmpty { pieces.append(try normalized(piece, name: name)) }
        if pieces.isEmpty { pieces = [[]] }
        var statistics = ParquetColumnStatistics()
        var valueCount = 0
        for piece in pieces {
            for value in piece { statistics.add(value) }
            valueCount += piece.count
        }
        var out: [UInt8] = []
        var uncompressedTotal: Int64 = 0
        var dictionaryOffset: Int64?
        var codes: [UInt32]?
        var dictionarySize = 0
        var nextCode = 0
        if type == .string, let dictionary = Self.dictionary(pieces, valueCount: valueCount) {
            dictionaryOffset = 0
            var plain: [UInt8] = []
            for text in dictionary.order { PlainEncoder.append(.string(text), to: &plain) }
            uncompressedTotal += try appendPage(
                &out, body: plain,
                header: ParquetPageHeader(
                    type: ParquetPageType.dictionaryPage.rawValue, uncompressedSize: 0, compressedSize: 0,
                    dictionaryValueCount: Int32(dictionary.order.count),
                    dictionaryEncoding: ParquetEncoding.plain.rawValue))
            codes = dictionary.codes
            dictionarySize = dictionary.order.count
        }
        let dataOffset = Int64(out.count)
        for values in pieces {
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
                if let codes {
                    encoding = .rleDictionary
                    let largest = UInt32(dictionarySize - 1)
                    let width = largest.bitWidth - largest.leadingZeroBitCount
                    body.append(UInt8(width))
                    var encoder = RLEHybridEncoder(width: width)
                    for value in page where !value.isNull {
                        encoder.append(codes[nextCode])
                        nextCode += 1
                    }
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
        }
        let element = Self.schemaElement(name: name, type: type)
        let meta = ParquetColumnMetaData(
            type: element.type ?? .byteArray,
            encodings: codes == nil ? [.plain, .rle] : [.plain, .rle, .rleDictionary],
            pathInSchema: [name], codec: codec.rawValue, valueCount: Int64(valueCount),
            uncompressedSize: uncompressedTotal, compressedSize: Int64(out.count), dataPageOffset: dataOffset,
            dictionaryPageOffset: dictionaryOffset, statistics: statistics.thrift)
        return (out, meta)
    }

    /// `values` with every non-NULL value of the column's type (the engine may hand an int
    /// in a bigint column, for instance); a copy only if some value needs converting.
    private func normalized(_ values: ArraySlice<Value>, name: String) throws(ParquetError) -> ArraySlice<Value> {
        guard values.contains(where: { !$0.isNull && $0.dataType != type }) else { return values }
        var out: [Value] = []
        out.reserveCapacity(values.count)
        for value in values {
            if value.isNull || value.dataType == type {
                out.append(value)
            } else if let converted = converted(value) {
                out.append(converted)
            } else {
                throw .mismatch("column \"\(name)\" holds a value that is not \(type); cast it in the query")
            }
        }
        return out[...]
    }

    private func converted(_ value: Value) -> Value? {
        switch type {
        case .int64: return value.int64Value.map(Value.int64)
        case .int32: return value.int64Value.flatMap { Int32(exactly: $0) }.map(Value.int32)
        case .int16: return value.int64Value.flatMap { Int16(exactly: $0) }.map(Value.int16)
        case .double: return value.doubleValue.map(Value.double)
        case .float: return value.doubleValue.map { .float(Float($0)) }
        case .timestamp: return value.int64Value.map(Value.timestamp)
        case .bool: return value.boolValue.map(Value.bool)
        case .string: return value.stringValue.map(Value.string)
        case .date: return nil
        }
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

    /// The distinct strings in first-seen order and the code of every non-NULL value, if
    /// there are few enough (at most 1/2 of the values and 65536) for a dictionary to pay.
    private static func dictionary(_ pieces: [ArraySlice<Value>], valueCount: Int) -> (
        order: [String], codes: [UInt32]
    )? {
        var builder = StringDictionaryBuilder(limit: min(65_536, max(1, valueCount / 2)))
        for values in pieces {
            for case .string(let text) in values {
                guard builder.insert(text) else { return nil }
            }
        }
        guard !builder.order.isEmpty else { return nil }
        return (builder.order, builder.codes)
    }
}
