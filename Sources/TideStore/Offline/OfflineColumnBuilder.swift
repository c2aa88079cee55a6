import TideCore

/// Accumulates one column of a segment being written: a null bitmap plus fixed-width values,
/// or strings, numbered through a dictionary while they repeat enough (else offsets and bytes);
/// encoded as `OfflineSegment` describes, in the fewest bytes its encodings allow.
struct OfflineColumnBuilder {
    /// Strings stop being numbered when a column has more distinct values than this and more
    /// than half its rows are distinct (a dictionary would then save little).
    static let dictionaryGiveUp = 16_384

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
    private var nullCount = 0
    /// Strings are numbered (`codes`) until the dictionary stops paying; then `offsets`/`strings`.
    private var coding = true
    private var dictionary = SegmentStringDictionary()
    private var codes: [UInt32] = []

    init(column: ColumnDef) {
        type = column.type
        name = column.name
    }

    /// Bytes held for string values (the part of a segment that is not bounded by its rows).
    var stringBytes: Int { strings.count + dictionary.bytes.count }

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
                markRow(null: false)
                r += 1
            }
        case .string:
            reserveStrings(rows.count)
            while r < rows.upperBound {
                guard case .string(let text) = source[r] else {
                    try append(source[r])
                    r += 1
                    continue
                }
                try appendString(text)
                markRow(null: false)
                r += 1
            }
        case .bool, .int16, .int32, .float, .date:
            for r in rows { try append(source[r]) }
        }
    }

    /// Appends rows `rows` of `source`, a column of this builder's type.
    /// - Throws: 42804 if `source` has another type.
    mutating func append(_ source: TypedColumn, rows: Range<Int>) throws {
        guard source.type == type else {
            throw TideError.offlineColumnType(column: name, type: type, found: source.type)
        }
        switch type {
        case .string:
            reserveStrings(rows.count)
            try source.bytes.withUnsafeBufferPointer { bytes in
                for r in rows {
                    let null = source.isNull(r)
                    if null {
                        appendZero()
                    } else {
                        try appendString(utf8: UnsafeBufferPointer(rebasing: bytes[source.stringRange(r)]))
                    }
                    markRow(null: null)
                }
            }
            return
        case .int64, .timestamp, .double:
            fixed8.append(contentsOf: source.words[rows])
        case .int32, .date, .float:
            fixed4.append(contentsOf: source.words[rows].lazy.map { UInt32(truncatingIfNeeded: $0) })
        case .int16:
            fixed2.append(contentsOf: source.words[rows].lazy.map { UInt16(truncatingIfNeeded: $0) })
        case .bool:
            fixed1.append(contentsOf: source.words[rows].lazy.map { UInt8(truncatingIfNeeded: $0) })
        }
        if source.nullCount == 0 {
            markPresent(rows.count)
        } else {
            for r in rows { markRow(null: source.isNull(r)) }
        }
    }

    /// Makes room for `rows` more strings: codes while numbered, else offsets.
    private mutating func reserveStrings(_ rows: Int) {
        if coding {
            codes.reserveCapacity(codes.count + rows)
        } else {
            offsets.reserveCapacity(offsets.count + rows)
        }
    }

    /// Counts `rows` non-NULL values just appended.
    private mutating func markPresent(_ rows: Int) {
        let bitmapBytes = (count + rows + 7) >> 3
        if bitmapBytes > nulls.count { nulls.append(contentsOf: repeatElement(0, count: bitmapBytes - nulls.count)) }
        count += rows
    }

    /// Counts a row just appended, setting its bit in the NULL bitmap when it is NULL.
    private mutating func markRow(null: Bool) {
        if count & 7 == 0 { nulls.append(0) }
        if null {
            nulls[count >> 3] |= 1 << UInt8(count & 7)
            nullCount += 1
        }
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
            try appendString(s)
        case .array, .map:
            throw mismatch(value)
        }
        markRow(null: isNull)
    }

    /// Adds a string's code, or its bytes once the column is no longer numbered.
    private mutating func appendString(_ text: String) throws {
        if coding, try numbered(dictionary.code(of: text)) { return }
        try appendPlain(text.utf8)
    }

    /// `appendString(_:)` for a string's UTF-8 bytes.
    private mutating func appendString(utf8: UnsafeBufferPointer<UInt8>) throws {
        if coding, try numbered(dictionary.code(of: utf8)) { return }
        try appendPlain(utf8)
    }

    /// Appends `code` (a string's number, or nil when the dictionary is full) while strings
    /// are numbered; false when they no longer are, and the string's bytes are to be appended.
    private mutating func numbered(_ code: UInt32?) throws -> Bool {
        guard let code else {
            try stopCoding()
            return false
        }
        codes.append(code)
        let distinct = dictionary.count
        if distinct > Self.dictionaryGiveUp && distinct * 2 > codes.count { try stopCoding() }
        return true
    }

    /// Appends a string's bytes to a column that is not numbered.
    private mutating func appendPlain<Bytes: Collection<UInt8>>(_ utf8: Bytes) throws {
        guard strings.count + utf8.count <= Int(UInt32.max) else {
            throw TideError.offlineStringTooLong(column: name)
        }
        strings.append(contentsOf: utf8)
        offsets.append(UInt32(strings.count))
    }

    /// Writes the numbered strings out as offsets and bytes, and numbers no more.
    private mutating func stopCoding() throws {
        coding = false
        offsets.reserveCapacity(codes.count + 1)
        let rows = count
        try dictionary.offsets.withUnsafeBufferPointer { starts in
            try dictionary.bytes.withUnsafeBufferPointer { bytes in
                for (row, code) in codes.enumerated() {
                    // The row being added when coding stops has no bitmap bit yet: it is not NULL.
                    if row >= rows || !isNull(row) {
                        let k = Int(code)
                        let start = Int(starts[k])
                        let end = Int(starts[k + 1])
                        guard strings.count + (end - start) <= Int(UInt32.max) else {
                            throw TideError.offlineStringTooLong(column: name)
                        }
                        strings.append(contentsOf: bytes[start..<end])
                    }
                    offsets.append(UInt32(strings.count))
                }
            }
        }
        codes.removeAll()
        dictionary.removeAll()
    }

    private func isNull(_ row: Int) -> Bool { nulls[row >> 3] & (1 << UInt8(row & 7)) != 0 }

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
        case .string:
            if coding { codes.append(0) } else { offsets.append(UInt32(strings.count)) }
        }
    }

    /// How `encode(into:)` wrote a section (what its directory entry records).
    struct SectionFormat {
        var encoding: OfflineSegment.Encoding = .plain
        var width = 0
        var dictionaryCount = 0
    }

    /// The encoded section: padded bitmap, then the values in the fewest bytes: integers as
    /// deltas from their minimum when those are narrower than the type, numbered strings
    /// through their dictionary.
    func encode(into out: inout [UInt8]) -> SectionFormat {
        out.append(contentsOf: nulls)
        let padding = OfflineSegment.bitmapLength(rows: count) - nulls.count
        out.append(contentsOf: repeatElement(0, count: padding))
        switch type {
        case .bool: out.append(contentsOf: fixed1)
        case .float: Self.appendLittleEndian(fixed4, to: &out)
        case .double: Self.appendLittleEndian(fixed8, to: &out)
        case .int16: return encodeIntegers(fixed2, into: &out) { Int64(Int16(bitPattern: $0)) }
        case .int32, .date: return encodeIntegers(fixed4, into: &out) { Int64(Int32(bitPattern: $0)) }
        case .int64, .timestamp: return encodeIntegers(fixed8, into: &out) { Int64(bitPattern: $0) }
        case .string where coding && dictionary.count > 0:
            let width = Self.narrowestWidth(UInt64(dictionary.count - 1))
            Self.appendNarrowed(codes, width: width, to: &out)
            out.append(
                contentsOf: repeatElement(
                    0, count: OfflineSegment.ColumnSection.codesLength(rows: count, width: width) - count * width))
            Self.appendLittleEndian(dictionary.offsets, to: &out)
            out.append(contentsOf: dictionary.bytes)
            return SectionFormat(encoding: .dictionary, width: width, dictionaryCount: dictionary.count)
        case .string where coding:
            // Every row NULL: plain, every string empty.
            Self.appendLittleEndian([UInt32](repeating: 0, count: count + 1), to: &out)
        case .string:
            Self.appendLittleEndian(offsets, to: &out)
            out.append(contentsOf: strings)
        }
        return SectionFormat()
    }

    /// Integers as deltas from the smallest non-NULL one, when they fit in fewer bytes than
    /// the type's; else plain. NULL rows store delta 0.
    private func encodeIntegers<T: FixedWidthInteger & UnsignedInteger>(
        _ stored: [T], into out: inout [UInt8], signed: (T) -> Int64
    ) -> SectionFormat {
        var low = Int64.max
        var high = Int64.min
        if nullCount == 0 {
            for bits in stored {
                let v = signed(bits)
                low = min(low, v)
                high = max(high, v)
            }
        } else {
            for (row, bits) in stored.enumerated() where !isNull(row) {
                let v = signed(bits)
                low = min(low, v)
                high = max(high, v)
            }
        }
        let width = low <= high ? Self.narrowestWidth(UInt64(bitPattern: high &- low)) : 1
        guard width < MemoryLayout<T>.size else {
            Self.appendLittleEndian(stored, to: &out)
            return SectionFormat()
        }
        let base = low <= high ? low : 0
        withUnsafeBytes(of: base.littleEndian) { out.append(contentsOf: $0) }
        var deltas = [UInt32](repeating: 0, count: stored.count)
        for (row, bits) in stored.enumerated() where nullCount == 0 || !isNull(row) {
            deltas[row] = UInt32(truncatingIfNeeded: signed(bits) &- base)
        }
        Self.appendNarrowed(deltas, width: width, to: &out)
        return SectionFormat(encoding: .frameOfReference, width: width)
    }

    /// 1, 2 or 4 bytes for values up to `largest`; 8 when it needs more.
    private static func narrowestWidth(_ largest: UInt64) -> Int {
        largest <= 0xFF ? 1 : largest <= 0xFFFF ? 2 : largest <= 0xFFFF_FFFF ? 4 : 8
    }

    /// `values`, each in its low `width` bytes (1, 2 or 4), little-endian.
    private static func appendNarrowed(_ values: [UInt32], width: Int, to out: inout [UInt8]) {
        switch width {
        case 1: out.append(contentsOf: values.lazy.map { UInt8(truncatingIfNeeded: $0) })
        case 2: appendLittleEndian(values.map { UInt16(truncatingIfNeeded: $0) }, to: &out)
        default: appendLittleEndian(values, to: &out)
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
        nullCount = 0
        coding = true
        codes.removeAll(keepingCapacity: true)
        dictionary.removeAll()
    }

    private static func appendLittleEndian<T: FixedWidthInteger>(_ values: [T], to out: inout [UInt8]) {
        #if _endian(big)
            values.map(\.littleEndian).withUnsafeBytes { out.append(contentsOf: $0) }
        #else
            values.withUnsafeBytes { out.append(contentsOf: $0) }
        #endif
    }
}
