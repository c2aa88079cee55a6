import TideCore

/// The enumerations of the Parquet format (parquet.thrift), by their wire numbers.
enum ParquetPhysicalType: Int32, Sendable {
    case boolean = 0
    case int32 = 1
    case int64 = 2
    case int96 = 3
    case float = 4
    case double = 5
    case byteArray = 6
    case fixedLenByteArray = 7

    /// The name parquet.thrift gives the type.
    var name: String {
        switch self {
        case .boolean: return "BOOLEAN"
        case .int32: return "INT32"
        case .int64: return "INT64"
        case .int96: return "INT96"
        case .float: return "FLOAT"
        case .double: return "DOUBLE"
        case .byteArray: return "BYTE_ARRAY"
        case .fixedLenByteArray: return "FIXED_LEN_BYTE_ARRAY"
        }
    }
}

enum ParquetRepetition: Int32, Sendable {
    case required = 0
    case optional = 1
    case repeated = 2
}

enum ParquetEncoding: Int32, Sendable {
    case plain = 0
    case plainDictionary = 2
    case rle = 3
    case bitPacked = 4
    case deltaBinaryPacked = 5
    case deltaLengthByteArray = 6
    case deltaByteArray = 7
    case rleDictionary = 8
    case byteStreamSplit = 9
}

enum ParquetCodec: Int32, Sendable {
    case uncompressed = 0
    case snappy = 1
    case gzip = 2
    case lzo = 3
    case brotli = 4
    case lz4 = 5
    case zstd = 6
    case lz4Raw = 7
}

extension ParquetCodec {
    /// The codec a `compression` option names (snappy when nil): snappy, zstd, gzip or none.
    /// - Throws: 22023 for another name.
    init(option: String?) throws {
        switch option ?? "snappy" {
        case "snappy": self = .snappy
        case "zstd": self = .zstd
        case "gzip": self = .gzip
        case "none", "uncompressed": self = .uncompressed
        default:
            throw TideError(
                .invalidParameterValue, "unknown Parquet compression \"\(option ?? "")\"",
                hint: "use 'snappy', 'zstd', 'gzip' or 'none'")
        }
    }

    /// The option's canonical spelling (what Spark's Parquet writer takes too).
    var optionName: String {
        switch self {
        case .uncompressed: return "none"
        case .snappy: return "snappy"
        case .gzip: return "gzip"
        case .zstd: return "zstd"
        case .lzo: return "lzo"
        case .brotli: return "brotli"
        case .lz4, .lz4Raw: return "lz4"
        }
    }
}

enum ParquetPageType: Int32, Sendable {
    case dataPage = 0
    case indexPage = 1
    case dictionaryPage = 2
    case dataPageV2 = 3
}

/// The legacy ConvertedType annotations TideDB reads (others are kept as their number).
enum ParquetConvertedType {
    static let utf8: Int32 = 0
    static let date: Int32 = 6
    static let timestampMillis: Int32 = 9
    static let timestampMicros: Int32 = 10
    static let int8: Int32 = 15
    static let int16: Int32 = 16
    static let int32: Int32 = 17
    static let int64: Int32 = 18
    static let json: Int32 = 19
}

/// The LogicalType union, reduced to what decides how TideDB reads a column.
enum ParquetLogicalType: Sendable, Hashable {
    case string
    case date
    /// Units per millisecond: 1 (millis), 1000 (micros) or 1_000_000 (nanos).
    case timestamp(unitsPerMilli: Int64, adjustedToUTC: Bool)
    case integer(bitWidth: Int8, signed: Bool)
    case json
    /// Any other annotation (decimal, time, uuid, enum, ...), by its union field id.
    case other(Int16)
}

/// The magic bytes at both ends of a Parquet file.
let parquetMagic: [UInt8] = Array("PAR1".utf8)
