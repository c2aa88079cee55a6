/// Encoding the footer and page headers in Thrift's compact protocol.
extension ParquetFileMetaData {
    func write(into w: inout ThriftCompactWriter) {
        w.beginStruct()
        w.i32(1, version)
        w.listField(2, .structure, count: schema.count)
        for element in schema { element.write(into: &w) }
        w.i64(3, rowCount)
        w.listField(4, .structure, count: rowGroups.count)
        for group in rowGroups { group.write(into: &w) }
        if let createdBy { w.string(6, createdBy) }
        // column_orders: TYPE_ORDER for every leaf, so readers trust min_value / max_value.
        let leafCount = schema.count - 1
        w.listField(7, .structure, count: leafCount)
        for _ in 0..<leafCount {
            w.beginStruct()
            w.structField(1)
            w.endStruct()
            w.endStruct()
        }
        w.endStruct()
    }
}

extension ParquetSchemaElement {
    func write(into w: inout ThriftCompactWriter) {
        w.beginStruct()
        if let type { w.i32(1, type.rawValue) }
        if let typeLength { w.i32(2, typeLength) }
        if let repetition { w.i32(3, repetition.rawValue) }
        w.string(4, name)
        if childCount > 0 { w.i32(5, childCount) }
        if let convertedType { w.i32(6, convertedType) }
        if let logicalType { logicalType.write(field: 10, into: &w) }
        w.endStruct()
    }
}

extension ParquetLogicalType {
    func write(field: Int16, into w: inout ThriftCompactWriter) {
        w.structField(field)
        switch self {
        case .string:
            w.structField(1)
            w.endStruct()
        case .date:
            w.structField(6)
            w.endStruct()
        case .json:
            w.structField(12)
            w.endStruct()
        case .timestamp(let unitsPerMilli, let utc):
            w.structField(8)
            w.bool(1, utc)
            w.structField(2)
            w.structField(unitsPerMilli == 1 ? 1 : unitsPerMilli == 1000 ? 2 : 3)
            w.endStruct()
            w.endStruct()
            w.endStruct()
        case .integer(let width, let signed):
            w.structField(10)
            w.byte(1, width)
            w.bool(2, signed)
            w.endStruct()
        case .other(let id):
            w.structField(id)
            w.endStruct()
        }
        w.endStruct()
    }
}

extension ParquetRowGroup {
    func write(into w: inout ThriftCompactWriter) {
        w.beginStruct()
        w.listField(1, .structure, count: columns.count)
        for column in columns {
            w.beginStruct()
            w.i64(2, column.dictionaryPageOffset ?? column.dataPageOffset)
            w.structField(3)
            column.writeFields(into: &w)
            w.endStruct()
            w.endStruct()
        }
        w.i64(2, totalByteSize)
        w.i64(3, rowCount)
        w.endStruct()
    }
}

extension ParquetColumnMetaData {
    /// The fields of a ColumnMetaData struct (the caller opens and closes it).
    func writeFields(into w: inout ThriftCompactWriter) {
        w.i32(1, type.rawValue)
        w.listField(2, .i32, count: encodings.count)
        for encoding in encodings { w.writeZigzag(Int64(encoding.rawValue)) }
        w.listField(3, .binary, count: pathInSchema.count)
        for part in pathInSchema {
            w.writeVarint(UInt64(part.utf8.count))
            w.appendRaw(Array(part.utf8))
        }
        w.i32(4, codec)
        w.i64(5, valueCount)
        w.i64(6, uncompressedSize)
        w.i64(7, compressedSize)
        w.i64(9, dataPageOffset)
        if let dictionaryPageOffset { w.i64(11, dictionaryPageOffset) }
        if let statistics {
            w.structField(12)
            if let nullCount = statistics.nullCount { w.i64(3, nullCount) }
            if let max = statistics.maxValue { w.binary(5, max) }
            if let min = statistics.minValue { w.binary(6, min) }
            w.endStruct()
        }
    }
}

extension ParquetPageHeader {
    func write(into w: inout ThriftCompactWriter) {
        w.beginStruct()
        w.i32(1, type)
        w.i32(2, uncompressedSize)
        w.i32(3, compressedSize)
        if let dataPage {
            w.structField(5)
            w.i32(1, dataPage.valueCount)
            w.i32(2, dataPage.encoding)
            w.i32(3, dataPage.definitionLevelEncoding)
            w.i32(4, ParquetEncoding.rle.rawValue)
            w.endStruct()
        }
        if let dictionaryValueCount {
            w.structField(7)
            w.i32(1, dictionaryValueCount)
            w.i32(2, dictionaryEncoding ?? ParquetEncoding.plain.rawValue)
            w.endStruct()
        }
        w.endStruct()
    }
}
