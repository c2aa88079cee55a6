/// The parts of a Parquet footer (FileMetaData) and page headers that TideDB reads and writes.
/// Field numbers are parquet.thrift's; `ParquetMetadata+Reading` and `+Writing` do the coding.
struct ParquetSchemaElement: Sendable {
    var name: String
    var type: ParquetPhysicalType?
    var typeLength: Int32?
    var repetition: ParquetRepetition?
    var childCount: Int32 = 0
    var convertedType: Int32?
    var logicalType: ParquetLogicalType?
}

struct ParquetStatistics: Sendable {
    var nullCount: Int64?
    var minValue: [UInt8]?
    var maxValue: [UInt8]?
}

struct ParquetColumnMetaData: Sendable {
    var type: ParquetPhysicalType
    var encodings: [ParquetEncoding]
    var pathInSchema: [String]
    var codec: Int32
    var valueCount: Int64
    var uncompressedSize: Int64
    var compressedSize: Int64
    var dataPageOffset: Int64
    var dictionaryPageOffset: Int64?
    var statistics: ParquetStatistics?
}

struct ParquetRowGroup: Sendable {
    var columns: [ParquetColumnMetaData]
    var totalByteSize: Int64
    var rowCount: Int64
}

struct ParquetFileMetaData: Sendable {
    var version: Int32
    var schema: [ParquetSchemaElement]
    var rowCount: Int64
    var rowGroups: [ParquetRowGroup]
    var createdBy: String?
}

struct ParquetDataPageHeader: Sendable {
    var valueCount: Int32
    var encoding: Int32
    var definitionLevelEncoding: Int32
}

struct ParquetDataPageHeaderV2: Sendable {
    var valueCount: Int32
    var nullCount: Int32
    var rowCount: Int32
    var encoding: Int32
    var definitionLevelsLength: Int32
    var repetitionLevelsLength: Int32
    var isCompressed: Bool
}

struct ParquetPageHeader: Sendable {
    var type: Int32
    var uncompressedSize: Int32
    var compressedSize: Int32
    var dataPage: ParquetDataPageHeader?
    var dictionaryValueCount: Int32?
    var dictionaryEncoding: Int32?
    var dataPageV2: ParquetDataPageHeaderV2?
}
