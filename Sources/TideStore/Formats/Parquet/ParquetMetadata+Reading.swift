/// Decoding the footer and page headers from Thrift's compact protocol.
extension ParquetFileMetaData {
    /// Parses a footer.
    static func read(_ bytes: UnsafeRawBufferPointer) throws(ParquetError) -> ParquetFileMetaData {
        var reader = ThriftCompactReader(bytes)
        var version: Int32 = 1
        var schema: [ParquetSchemaElement]?
        var rowCount: Int64?
        var rowGroups: [ParquetRowGroup] = []
        var createdBy: String?
        try reader.readStruct { r, id, _ throws(ParquetError) in
            switch id {
            case 1: version = try r.readI32()
            case 2: schema = try r.readList { e throws(ParquetError) in try ParquetSchemaElement.read(&e) }
            case 3: rowCount = try r.readI64()
            case 4: rowGroups = try r.readList { e throws(ParquetError) in try ParquetRowGroup.read(&e) }
            case 6: createdBy = try r.readString()
            default: return false
            }
            return true
        }
        guard let schema, let rowCount else { throw .corrupt("footer lacks its schema or row count") }
        return ParquetFileMetaData(
            version: version, schema: schema, rowCount: rowCount, rowGroups: rowGroups, createdBy: createdBy)
    }
}

extension ParquetSchemaElement {
    static func read(_ r: inout ThriftCompactReader) throws(ParquetError) -> ParquetSchemaElement {
        var element = ParquetSchemaElement(name: "")
        var named = false
        try r.readStruct { r, id, _ throws(ParquetError) in
            switch id {
            case 1: element.type = ParquetPhysicalType(rawValue: try r.readI32())
            case 2: element.typeLength = try r.readI32()
            case 3: element.repetition = ParquetRepetition(rawValue: try r.readI32())
            case 4:
                element.name = try r.readString()
                named = true
            case 5: element.childCount = try r.readI32()
            case 6: element.convertedType = try r.readI32()
            case 10: element.logicalType = try ParquetLogicalType.read(&r)
            default: return false
            }
            return true
        }
        guard named else { throw .corrupt("schema element without a name") }
        return element
    }
}

extension ParquetLogicalType {
    static func read(_ r: inout ThriftCompactReader) throws(ParquetError) -> ParquetLogicalType? {
        var result: ParquetLogicalType?
        try r.readStruct { r, id, _ throws(ParquetError) in
            switch id {
            case 1: result = .string
            case 6: result = .date
            case 12: result = .json
            case 8:
                var unitsPerMilli: Int64 = 1
                var utc = false
                try r.readStruct { r, id, _ throws(ParquetError) in
                    switch id {
                    case 1: utc = try r.readBool()
                    case 2:
                        try r.readStruct { _, unit, _ throws(ParquetError) in
                            unitsPerMilli = unit == 3 ? 1_000_000 : unit == 2 ? 1000 : 1
                            return false
                        }
                    default: return false
                    }
                    return true
                }
                result = .timestamp(unitsPerMilli: unitsPerMilli, adjustedToUTC: utc)
                return true
            case 10:
                var width: Int8 = 64
                var signed = true
                try r.readStruct { r, id, _ throws(ParquetError) in
                    switch id {
                    case 1: width = Int8(bitPattern: try r.readByte())
                    case 2: signed = try r.readBool()
                    default: return false
                    }
                    return true
                }
                result = .integer(bitWidth: width, signed: signed)
                return true
            default:
                result = .other(id)
            }
            return false
        }
        return result
    }
}

extension ParquetRowGroup {
    static func read(_ r: inout ThriftCompactReader) throws(ParquetError) -> ParquetRowGroup {
        var columns: [ParquetColumnMetaData] = []
        var totalByteSize: Int64 = 0
        var rowCount: Int64?
        try r.readStruct { r, id, _ throws(ParquetError) in
            switch id {
            case 1: columns = try r.readList { e throws(ParquetError) in try ParquetColumnMetaData.readChunk(&e) }
            case 2: totalByteSize = try r.readI64()
            case 3: rowCount = try r.readI64()
            default: return false
            }
            return true
        }
        guard let rowCount, rowCount >= 0 else { throw .corrupt("row group without a row count") }
        return ParquetRowGroup(columns: columns, totalByteSize: totalByteSize, rowCount: rowCount)
    }
}

extension ParquetColumnMetaData {
    /// Reads a ColumnChunk, returning its (required here) inline ColumnMetaData.
    static func readChunk(_ r: inout ThriftCompactReader) throws(ParquetError) -> ParquetColumnMetaData {
        var meta: ParquetColumnMetaData?
        var externalFile = false
        try r.readStruct { r, id, _ throws(ParquetError) in
            switch id {
            case 1:
                _ = try r.readString()
                externalFile = true
            case 3: meta = try read(&r)
            default: return false
            }
            return true
        }
        if externalFile { throw .unsupported("column chunks stored in other files are not supported") }
        guard let meta else { throw .corrupt("column chunk without metadata") }
        return meta
    }

    static func read(_ r: inout ThriftCompactReader) throws(ParquetError) -> ParquetColumnMetaData {
        var type: ParquetPhysicalType?
        var encodings: [ParquetEncoding] = []
        var path: [String] = []
        var codec: Int32 = 0
        var valueCount: Int64 = 0
        var uncompressed: Int64 = 0
        var compressed: Int64 = 0
        var dataPageOffset: Int64?
        var dictionaryPageOffset: Int64?
        var statistics: ParquetStatistics?
        try r.readStruct { r, id, _ throws(ParquetError) in
            switch id {
            case 1: type = ParquetPhysicalType(rawValue: try r.readI32())
            case 2:
                encodings = try r.readList { e throws(ParquetError) in ParquetEncoding(rawValue: try e.readI32()) }
                    .compactMap { $0 }
            case 3: path = try r.readList { e throws(ParquetError) in try e.readString() }
            case 4: codec = try r.readI32()
            case 5: valueCount = try r.readI64()
            case 6: uncompressed = try r.readI64()
            case 7: compressed = try r.readI64()
            case 9: dataPageOffset = try r.readI64()
            case 11: dictionaryPageOffset = try r.readI64()
            case 12: statistics = try ParquetStatistics.read(&r)
            default: return false
            }
            return true
        }
        guard let type, let dataPageOffset else { throw .corrupt("column metadata lacks its type or data offset") }
        return ParquetColumnMetaData(
            type: type, encodings: encodings, pathInSchema: path, codec: codec, valueCount: valueCount,
            uncompressedSize: uncompressed, compressedSize: compressed, dataPageOffset: dataPageOffset,
            dictionaryPageOffset: dictionaryPageOffset, statistics: statistics)
    }
}

extension ParquetStatistics {
    static func read(_ r: inout ThriftCompactReader) throws(ParquetError) -> ParquetStatistics {
        var stats = ParquetStatistics()
        try r.readStruct { r, id, _ throws(ParquetError) in
            switch id {
            case 3: stats.nullCount = try r.readI64()
            case 5: stats.maxValue = try r.readBinary()
            case 6: stats.minValue = try r.readBinary()
            default: return false
            }
            return true
        }
        return stats
    }
}

extension ParquetPageHeader {
    /// Reads a page header at `reader`'s position.
    static func read(_ r: inout ThriftCompactReader) throws(ParquetError) -> ParquetPageHeader {
        var type: Int32?
        var uncompressed: Int32?
        var compressed: Int32?
        var header = ParquetPageHeader(type: 0, uncompressedSize: 0, compressedSize: 0)
        try r.readStruct { r, id, _ throws(ParquetError) in
            switch id {
            case 1: type = try r.readI32()
            case 2: uncompressed = try r.readI32()
            case 3: compressed = try r.readI32()
            case 5: header.dataPage = try readDataPage(&r)
            case 7:
                try r.readStruct { r, id, _ throws(ParquetError) in
                    switch id {
                    case 1: header.dictionaryValueCount = try r.readI32()
                    case 2: header.dictionaryEncoding = try r.readI32()
                    default: return false
                    }
                    return true
                }
            case 8: header.dataPageV2 = try readDataPageV2(&r)
            default: return false
            }
            return true
        }
        guard let type, let uncompressed, let compressed, uncompressed >= 0, compressed >= 0 else {
            throw .corrupt("page header lacks its type or sizes")
        }
        header.type = type
        header.uncompressedSize = uncompressed
        header.compressedSize = compressed
        return header
    }

    private static func readDataPage(_ r: inout ThriftCompactReader) throws(ParquetError) -> ParquetDataPageHeader {
        var page = ParquetDataPageHeader(valueCount: -1, encoding: 0, definitionLevelEncoding: 3)
        try r.readStruct { r, id, _ throws(ParquetError) in
            switch id {
            case 1: page.valueCount = try r.readI32()
            case 2: page.encoding = try r.readI32()
            case 3: page.definitionLevelEncoding = try r.readI32()
            default: return false
            }
            return true
        }
        guard page.valueCount >= 0 else { throw .corrupt("data page without a value count") }
        return page
    }

    private static func readDataPageV2(_ r: inout ThriftCompactReader) throws(ParquetError) -> ParquetDataPageHeaderV2 {
        var page = ParquetDataPageHeaderV2(
            valueCount: -1, nullCount: 0, rowCount: 0, encoding: 0, definitionLevelsLength: 0,
            repetitionLevelsLength: 0, isCompressed: true)
        try r.readStruct { r, id, _ throws(ParquetError) in
            switch id {
            case 1: page.valueCount = try r.readI32()
            case 2: page.nullCount = try r.readI32()
            case 3: page.rowCount = try r.readI32()
            case 4: page.encoding = try r.readI32()
            case 5: page.definitionLevelsLength = try r.readI32()
            case 6: page.repetitionLevelsLength = try r.readI32()
            case 7: page.isCompressed = try r.readBool()
            default: return false
            }
            return true
        }
        guard page.valueCount >= 0, page.definitionLevelsLength >= 0, page.repetitionLevelsLength >= 0 else {
            throw .corrupt("data page v2 header has negative counts")
        }
        return page
    }
}
