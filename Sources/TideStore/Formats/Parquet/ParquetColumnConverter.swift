import TideCore

/// Turns a column's decoded physical values into TideDB values of the table column's type,
/// and decides at open time whether a file column can fill a table column at all.
///
/// | Parquet column                                   | TideDB column                                   |
/// |--------------------------------------------------|-------------------------------------------------|
/// | BOOLEAN                                          | bool                                            |
/// | INT32 / INT64 (plain or INT annotation)          | smallint, int, bigint (range-checked), float, double, timestamp (as ms) |
/// | INT64 TIMESTAMP millis/micros/nanos, INT96       | timestamp, bigint (ms; finer units floored)     |
/// | INT32 DATE                                       | date, timestamp (midnight UTC)                  |
/// | FLOAT / DOUBLE                                   | float, double                                   |
/// | BYTE_ARRAY (STRING, JSON, ENUM or unannotated)   | string (must be valid UTF-8)                    |
struct ParquetColumnConverter {
    private enum Source {
        case bool
        case integer
        case timestamp(unitsPerMilli: Int64)
        case date
        case floating
        case string
    }

    let target: DataType
    private let source: Source

    /// The converter for `leaf` into a column of `target` type, or nil if it cannot fill one;
    /// throws for annotations TideDB does not read at all (decimal, time, ...).
    init?(leaf: ParquetLeaf, target: DataType) throws(ParquetError) {
        self.target = target
        let logical = leaf.element.logicalType
        if case .other = logical { throw .unsupported("column \"\(leaf.name)\" has a \(leaf.annotationName) type") }
        switch leaf.physicalType {
        case .boolean:
            source = .bool
            guard target == .bool else { return nil }
        case .int32, .int64:
            if logical == .date || leaf.element.convertedType == ParquetConvertedType.date {
                source = .date
                guard target == .date || target == .timestamp else { return nil }
            } else if case .timestamp(let units, _) = logical {
                source = .timestamp(unitsPerMilli: units)
                guard target == .timestamp || target == .int64 else { return nil }
            } else if leaf.element.convertedType == ParquetConvertedType.timestampMillis
                || leaf.element.convertedType == ParquetConvertedType.timestampMicros
            {
                source = .timestamp(
                    unitsPerMilli: leaf.element.convertedType == ParquetConvertedType.timestampMicros ? 1000 : 1)
                guard target == .timestamp || target == .int64 else { return nil }
            } else if let converted = leaf.element.convertedType, converted != ParquetConvertedType.int8,
                converted != ParquetConvertedType.int16, converted != ParquetConvertedType.int32,
                converted != ParquetConvertedType.int64
            {
                throw .unsupported("column \"\(leaf.name)\" has a \(leaf.annotationName) type")
            } else {
                source = .integer
                switch target {
                case .int16, .int32, .int64, .float, .double, .timestamp: break
                case .bool, .string, .date: return nil
                }
            }
        case .int96:
            source = .timestamp(unitsPerMilli: 1)
            guard target == .timestamp || target == .int64 else { return nil }
        case .float, .double:
            source = .floating
            guard target == .float || target == .double else { return nil }
        case .byteArray:
            source = .string
            guard target == .string else { return nil }
        case .fixedLenByteArray:
            throw .unsupported("column \"\(leaf.name)\" is FIXED_LEN_BYTE_ARRAY (\(leaf.annotationName))")
        }
    }

    /// The values of `decoded` as TideDB values.
    func convert(_ decoded: ParquetValues) throws(ParquetError) -> [Value] {
        switch decoded {
        case .bool(let values): return values.map(Value.bool)
        case .string(let values): return values.map(Value.string)
        case .float(let values):
            return target == .float ? values.map(Value.float) : values.map { .double(Double($0)) }
        case .double(let values):
            return target == .double ? values.map(Value.double) : values.map { .float(Float($0)) }
        case .int32(let values):
            var out: [Value] = []
            out.reserveCapacity(values.count)
            for v in values { out.append(try integer(Int64(v))) }
            return out
        case .int64(let values):
            var out: [Value] = []
            out.reserveCapacity(values.count)
            switch (source, target) {
            case (.integer, .int64), (.timestamp(1), .int64):
                for v in values { out.append(.int64(v)) }
            case (.integer, .timestamp), (.timestamp(1), .timestamp):
                for v in values { out.append(.timestamp(v)) }
            default:
                for v in values { out.append(try integer(v)) }
            }
            return out
        }
    }

    private func integer(_ raw: Int64) throws(ParquetError) -> Value {
        switch source {
        case .date:
            guard let days = Int32(exactly: raw) else { throw .outOfRange("date \(raw) days") }
            return target == .date ? .date(days) : .timestamp(Int64(days) * 86_400_000)
        case .timestamp(let units):
            let millis = raw.dividedRoundingDown(by: units)
            return target == .timestamp ? .timestamp(millis) : .int64(millis)
        case .integer, .bool, .floating, .string:
            switch target {
            case .int64: return .int64(raw)
            case .int32:
                guard let v = Int32(exactly: raw) else { throw .outOfRange("\(raw) does not fit an int") }
                return .int32(v)
            case .int16:
                guard let v = Int16(exactly: raw) else { throw .outOfRange("\(raw) does not fit a smallint") }
                return .int16(v)
            case .double: return .double(Double(raw))
            case .float: return .float(Float(raw))
            case .timestamp: return .timestamp(raw)
            case .bool, .string, .date: throw .corrupt("integer values for a \(target) column")
            }
        }
    }
}
