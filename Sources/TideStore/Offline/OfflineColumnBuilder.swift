import TideCore

/// Accumulates one column of a segment being written: a null bitmap plus fixed-width values
/// or string offsets and bytes, encoded as `OfflineSegment` describes.
struct OfflineColumnBuilder {
    let type: DataType
    let name: String
    private(set) var count = 0
    private var nulls: [UInt8] = []
    private var fixed1: [UInt8] = []
    private var fixed2: [UInt16] = []
    private var fixed4: [UInt32] = []
    private var fixed8: [UInt64] = []
    private var offsets: [UInt32] = [0]
    private var strings: [UInt8] = []

    init(column: ColumnDef) {
        type = column.type
        name = column.name
    }

    /// Bytes held for string values (the part of a segment that is not bounded by its rows).
    var stringBytes: Int { strings.count }

    /// Appends values of `source` for rows `rows`.
    /// - Throws: 42804 if a value has another type (integers widen, float widens to double).
    mutating func append(_ source: [Value], rows: Range<Int>) throws {
        // The common exact-type cases in one tight loop each; anything else value by value.
        var r = rows.lowerBound
        switch type {
        case .int64, .timestamp, .double:
            fixed8.reserveCapacity(fixed8.count + rows.count)
            while r < rows.upperBound {
                switch source[r] {
                case .int64(let v) where type == .int64: fixed8.append(UInt64(bitPattern: v))
                case .timestamp(let v) where type == .timestamp: fixed8.append(UInt64(bitPattern: v))
                case .double(let v) where type == .double: fixed8.append(v.bitPattern)
                default:
                    try append(source[r])
                    r += 1
                    continue
                }
                markPresent()
                r += 1
            }
        case .string:
            offsets.reserveCapacity(offsets.count + rows.count)
            while r < rows.upperBound {
                guard case .string(let text) = source[r], strings.count + text.utf8.count <= Int(UInt32.max) else {
                    try append(source[r])
                    r += 1
                    continue
                }
                strings.append(contentsOf: text.utf8)
                offsets.append(UInt32(strings.count))
                markPresent()
                r += 1
            }
        case .bool, .int16, .int32, .float, .date:
            for r in rows { try append(source[r]) }
        }
    }

    /// Counts a non-NULL value just appended (its bit in the NULL bitmap stays 0).
    private mutating func markPresent() {
        if count & 7 == 0 { nulls.append(0) }
        count += 1
    }

    private mutating func append(_ value: Value) throws {
        var isNull = false
        switch value {
        case .null:
            isNull = true
            appendZero()
        case .bool(let v):
            try expect(.bool, value)
            fixed1.append(v ? 1 : 0)
        case .int16(let v):
            switch type {
            case .int16: fixed2.append(UInt16(bitPattern: v))
            case .int32: fixed4.append(UInt32(bitPattern: Int32(v)))
            case .int64: fixed8.append(UInt64(bitPattern: Int64(v)))
            case .bool, .float, .double, .string, .date, .timestamp: throw mismatch(value)
            }
        case .int32(let v):
            switch type {
            case .int32: fixed4.append(UInt32(bitPattern: v))
            case .int64: fixed8.append(UInt64(bitPattern: Int64(v)))
            case .bool, .int16, .float, .double, .string, .date, .timestamp: throw mismatch(value)
            }
        case .int64(let v):
            try expect(.int64, value)
            fixed8.append(UInt64(bitPattern: v))
        case .float(let v):
            switch type {
            case .float: fixed4.append(v.bitPattern)
            case .double: fixed8.append(Double(v).bitPattern)
            case .bool, .int16, .int32, .int64, .string, .date, .timestamp: throw mismatch(value)
            }
        case .double(let v):
            try expect(.double, value)
            fixed8.append(v.bitPattern)
        case .date(let v):
            try expect(.date, value)
            fixed4.append(UInt32(bitPattern: v))
        case .timestamp(let v):
            try expect(.timestamp, value)
            fixed8.append(UInt64(bitPattern: v))
        case .string(let s):
            try expect(.string, value)
            guard strings.count + s.utf8.count <= Int(UInt32.max) else {
                throw TideError.offlineStringTooLong(column: name)
            }
            strings.append(contentsOf: s.utf8)
            offsets.append(UInt32(strings.count))
        case .array, .map:
            throw mismatch(value)
        }
        if count & 7 == 0 { nulls.append(0) }
        if isNull { nulls[count >> 3] |= 1 << UInt8(count & 7) }
        count += 1
    }

    private func expect(_ expected: DataType, _ value: Value) throws {
        guard type == expected else { throw mismatch(value) }
    }

    private func mismatch(_ value: Value) -> TideError {
        TideError.offlineValueType(column: name, type: type, value: value)
    }

    private mutating func appendZero() {
        switch type {
        case .bool: fixed1.append(0)
        case .int16: fixed2.append(0)
        case .int32, .date, .float: fixed4.append(0)
        case .int64, .timestamp, .double: fixed8.append(0)
        case .string: offsets.append(UInt32(strings.count))
        }
    }

    /// The encoded section: padded bitmap, then values.
    func encode(into out: inout [UInt8]) {
        out.append(contentsOf: nulls)
        let padding = OfflineSegment.bitmapLength(rows: count) - nulls.count
        out.append(contentsOf: repeatElement(0, count: padding))
        switch type {
        case .bool: out.append(contentsOf: fixed1)
        case .int16: Self.appendLittleEndian(fixed2, to: &out)
        case .int32, .date, .float: Self.appendLittleEndian(fixed4, to: &out)
        case .int64, .timestamp, .double: Self.appendLittleEndian(fixed8, to: &out)
        case .string:
            Self.appendLittleEndian(offsets, to: &out)
            out.append(contentsOf: strings)
        }
    }

    /// Empties the builder, keeping its capacity.
    mutating func reset() {
        count = 0
        nulls.removeAll(keepingCapacity: true)
        fixed1.removeAll(keepingCapacity: true)
        fixed2.removeAll(keepingCapacity: true)
        fixed4.removeAll(keepingCapacity: true)
        fixed8.removeAll(keepingCapacity: true)
        offsets.removeAll(keepingCapacity: true)
        offsets.append(0)
        strings.removeAll(keepingCapacity: true)
    }

    private static func appendLittleEndian<T: FixedWidthInteger>(_ values: [T], to out: inout [UInt8]) {
        #if _endian(big)
            values.map(\.littleEndian).withUnsafeBytes { out.append(contentsOf: $0) }
        #else
            values.withUnsafeBytes { out.append(contentsOf: $0) }
        #endif
    }
}
