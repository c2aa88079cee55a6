import TideCore

/// One aggregate argument column without boxing: integers (and dates, timestamps, bools) as
/// Int64, floats and doubles as Double, other types as their NULL-ness alone; `valid[r]` is
/// false where the value is NULL.
public struct TypedColumn: Sendable {
    public enum Representation: Sendable {
        case integers
        case floats
        /// Only whether each value is NULL (what count needs of a string).
        case presence
    }

    public let representation: Representation
    public private(set) var valid: [Bool] = []
    public private(set) var integers: [Int64] = []
    public private(set) var floats: [Double] = []

    public init(representation: Representation) { self.representation = representation }

    /// Integer-like values already unboxed (NULL rows 0, `valid` false).
    public init(integers: [Int64], valid: [Bool]) {
        self.init(representation: .integers)
        self.integers = integers
        self.valid = valid
    }

    /// Floating values already unboxed (NULL rows 0, `valid` false).
    public init(floats: [Double], valid: [Bool]) {
        self.init(representation: .floats)
        self.floats = floats
        self.valid = valid
    }

    /// Only which rows are not NULL.
    public init(presence valid: [Bool]) {
        self.init(representation: .presence)
        self.valid = valid
    }

    /// The representation a column of `type` takes.
    public static func representation(of type: DataType) -> Representation {
        switch type {
        case .bool, .int16, .int32, .int64, .date, .timestamp: return .integers
        case .float, .double: return .floats
        case .string: return .presence
        }
    }

    /// `values` unboxed as `type` says; nil if a value is not of that type (the caller then
    /// keeps the boxed values).
    public init?(_ values: [Value], type: DataType) {
        self.init(representation: Self.representation(of: type))
        valid.reserveCapacity(values.count)
        switch representation {
        case .integers:
            integers.reserveCapacity(values.count)
            for value in values {
                guard let v = Self.integer(value, type) else { return nil }
                valid.append(!value.isNull)
                integers.append(v)
            }
        case .floats:
            floats.reserveCapacity(values.count)
            for value in values {
                switch (value, type) {
                case (.null, _):
                    valid.append(false)
                    floats.append(0)
                case (.double(let d), .double):
                    valid.append(true)
                    floats.append(d)
                case (.float(let f), .float):
                    valid.append(true)
                    floats.append(Double(f))
                default:
                    return nil
                }
            }
        case .presence:
            for value in values {
                guard value.isNull || value.dataType == type else { return nil }
                valid.append(!value.isNull)
            }
        }
    }

    /// The Int64 of a value of integer-like `type` (0 for NULL), nil for any other value.
    public static func integer(_ value: Value, _ type: DataType) -> Int64? {
        switch (value, type) {
        case (.null, _): return 0
        case (.int64(let v), .int64), (.timestamp(let v), .timestamp): return v
        case (.int32(let v), .int32), (.date(let v), .date): return Int64(v)
        case (.int16(let v), .int16): return Int64(v)
        case (.bool(let b), .bool): return b ? 1 : 0
        default: return nil
        }
    }

    public var count: Int { valid.count }

    /// The rows `rows` picks from `columns` (one per source), in that order.
    public static func gather(_ columns: [TypedColumn], rows: [PartitionRowRef]) -> TypedColumn {
        var out = TypedColumn(representation: columns[0].representation)
        out.valid.reserveCapacity(rows.count)
        for row in rows { out.valid.append(columns[Int(row.source)].valid[Int(row.index)]) }
        switch out.representation {
        case .integers:
            out.integers.reserveCapacity(rows.count)
            for row in rows { out.integers.append(columns[Int(row.source)].integers[Int(row.index)]) }
        case .floats:
            out.floats.reserveCapacity(rows.count)
            for row in rows { out.floats.append(columns[Int(row.source)].floats[Int(row.index)]) }
        case .presence:
            break
        }
        return out
    }

    /// Whether row `r` holds TRUE (a condition column; NULL and FALSE are not true).
    func isTrue(_ r: Int) -> Bool { valid[r] && integers[r] != 0 }
}
