/// One column of an index read, unboxed where its type allows: integer-like types as Int64
/// and floating types as Double (each with its NULLs), strings as codes into a dictionary of
/// the distinct strings (by String equality). `boxed` holds any column as values.
public enum ColumnValues: Sendable {
    /// bool, int16, int32, int64, date and timestamp values as Int64 (NULL rows 0).
    case integers([Int64], valid: [Bool], type: DataType)
    /// float and double values as Double (NULL rows 0).
    case floats([Double], valid: [Bool], type: DataType)
    /// Codes into `dictionary`, -1 for NULL. A byte sequence has one code (`ExactText`), so each
    /// row's string comes back byte for byte.
    case strings([Int32], dictionary: [String])
    case boxed([Value])

    public var count: Int {
        switch self {
        case .integers(let values, _, _): return values.count
        case .floats(let values, _, _): return values.count
        case .strings(let codes, _): return codes.count
        case .boxed(let values): return values.count
        }
    }

    /// The value of row `r`.
    public func value(_ r: Int) -> Value {
        switch self {
        case .integers(let values, let valid, let type):
            guard valid[r] else { return .null }
            return Self.integer(values[r], type)
        case .floats(let values, let valid, let type):
            guard valid[r] else { return .null }
            return type == .float ? .float(Float(values[r])) : .double(values[r])
        case .strings(let codes, let dictionary):
            return codes[r] < 0 ? .null : .string(dictionary[Int(codes[r])])
        case .boxed(let values):
            return values[r]
        }
    }

    /// Every row's value.
    public var values: [Value] {
        if case .boxed(let values) = self { return values }
        return (0..<count).map(value)
    }

    /// A column of strings coded by bytes (-1 for NULL), with the distinct strings; nil when a
    /// value is not a string.
    public static func stringCodes(_ values: [Value]) -> (codes: [Int32], dictionary: [String])? {
        var index: [ExactText: Int32] = [:]
        var dictionary: [String] = []
        var codes: [Int32] = []
        codes.reserveCapacity(values.count)
        for value in values {
            switch value {
            case .null: codes.append(-1)
            case .string(let text):
                if let code = index[ExactText(text)] {
                    codes.append(code)
                } else {
                    let code = Int32(dictionary.count)
                    index[ExactText(text)] = code
                    dictionary.append(text)
                    codes.append(code)
                }
            default: return nil
            }
        }
        return (codes, dictionary)
    }

    /// Rows `rows` of parts `parts` (`rows[i]` = (part, row)), in that order: unboxed when the
    /// parts have one representation and type, the dictionaries merged for strings.
    public static func gathering(_ parts: [ColumnValues], _ rows: [(part: Int, row: Int)]) -> ColumnValues {
        guard let first = parts.first else { return .boxed([]) }
        switch first {
        case .integers(_, _, let type):
            let unboxed = parts.map { part -> ([Int64], [Bool])? in
                guard case .integers(let v, let ok, let t) = part, t == type else { return nil }
                return (v, ok)
            }
            guard let (values, valid) = gather(unboxed, rows) else { return boxed(parts, rows) }
            return .integers(values, valid: valid, type: type)
        case .floats(_, _, let type):
            let unboxed = parts.map { part -> ([Double], [Bool])? in
                guard case .floats(let v, let ok, let t) = part, t == type else { return nil }
                return (v, ok)
            }
            guard let (values, valid) = gather(unboxed, rows) else { return boxed(parts, rows) }
            return .floats(values, valid: valid, type: type)
        case .strings(_, let dictionary):
            var codes: [[Int32]] = []
            var remaps: [[Int32]?] = []
            var merged = dictionary
            var index: [ExactText: Int32]?
            for (p, part) in parts.enumerated() {
                guard case .strings(let c, let d) = part else { return boxed(parts, rows) }
                codes.append(c)
                // The first part's dictionary is the merged one's start: nothing to compare.
                if p == 0
                    || (d.count == dictionary.count
                        && zip(d, dictionary).allSatisfy({ $0.utf8.elementsEqual($1.utf8) }))
                {
                    remaps.append(nil)
                    continue
                }
                if index == nil {
                    index = Dictionary(dictionary.enumerated().map { (ExactText($1), Int32($0)) }) { a, _ in a }
                }
                remaps.append(
                    d.map { text in
                        if let code = index?[ExactText(text)] { return code }
                        merged.append(text)
                        index?[ExactText(text)] = Int32(merged.count - 1)
                        return Int32(merged.count - 1)
                    })
            }
            return .strings(
                rows.map { place in
                    let code = codes[place.part][place.row]
                    guard code >= 0, let remap = remaps[place.part] else { return code }
                    return remap[Int(code)]
                }, dictionary: merged)
        case .boxed:
            return boxed(parts, rows)
        }
    }

    /// Rows `rows` of unboxed parts, nil when a part is not unboxed alike.
    private static func gather<T>(_ parts: [([T], [Bool])?], _ rows: [(part: Int, row: Int)]) -> ([T], [Bool])? {
        let present = parts.compactMap { $0 }
        guard present.count == parts.count else { return nil }
        return (rows.map { present[$0.part].0[$0.row] }, rows.map { present[$0.part].1[$0.row] })
    }

    private static func boxed(_ parts: [ColumnValues], _ rows: [(part: Int, row: Int)]) -> ColumnValues {
        .boxed(rows.map { parts[$0.part].value($0.row) })
    }

    /// The rows in reverse order, with room for `extra` more rows (appended without copying).
    public func reversed(reservingExtra extra: Int = 0) -> ColumnValues {
        reversed(0..<count, reservingExtra: extra)
    }

    /// Rows `range` in reverse order, with room for `extra` more rows (appended without copying).
    public func reversed(_ range: Range<Int>, reservingExtra extra: Int = 0) -> ColumnValues {
        switch self {
        case .integers(let values, let valid, let type):
            return .integers(
                Self.reversing(values, range, extra), valid: Self.reversing(valid, range, extra), type: type)
        case .floats(let values, let valid, let type):
            return .floats(
                Self.reversing(values, range, extra), valid: Self.reversing(valid, range, extra), type: type)
        case .strings(let codes, let dictionary):
            return .strings(Self.reversing(codes, range, extra), dictionary: dictionary)
        case .boxed(let values):
            return .boxed(Self.reversing(values, range, extra))
        }
    }

    /// `values[range]` reversed, with room for `extra` more. Inlined, so that each element type
    /// gets its own loop (no generic metadata looked up per call).
    @inline(__always)
    private static func reversing<T>(_ values: [T], _ range: Range<Int>, _ extra: Int) -> [T] {
        [T](unsafeUninitializedCapacity: range.count + extra) { buffer, initialized in
            let last = range.upperBound - 1
            for r in 0..<range.count { buffer.initializeElement(at: r, to: values[last - r]) }
            initialized = range.count
        }
    }

    /// Rows `range`, in order.
    public func slice(_ range: Range<Int>) -> ColumnValues {
        switch self {
        case .integers(let values, let valid, let type):
            return .integers(Array(values[range]), valid: Array(valid[range]), type: type)
        case .floats(let values, let valid, let type):
            return .floats(Array(values[range]), valid: Array(valid[range]), type: type)
        case .strings(let codes, let dictionary):
            return .strings(Array(codes[range]), dictionary: dictionary)
        case .boxed(let values):
            return .boxed(Array(values[range]))
        }
    }

    /// Appends `value`; a value the representation does not hold boxes the column.
    public mutating func append(_ value: Value) {
        let boxedWithValue = { (column: ColumnValues) in ColumnValues.boxed(column.values + [value]) }
        switch self {
        case .integers(var values, var valid, let type):
            let bits = value.isNull ? 0 : Self.integerBits(value, type)
            guard let bits else {
                self = boxedWithValue(self)
                return
            }
            self = .boxed([])  // the arrays are then unique and grow in place
            values.append(bits)
            valid.append(!value.isNull)
            self = .integers(values, valid: valid, type: type)
        case .floats(var values, var valid, let type):
            let number: Double?
            switch (value, type) {
            case (.null, _): number = 0
            case (.double(let d), .double): number = d
            case (.float(let f), .float): number = Double(f)
            default: number = nil
            }
            guard let number else {
                self = boxedWithValue(self)
                return
            }
            self = .boxed([])
            values.append(number)
            valid.append(!value.isNull)
            self = .floats(values, valid: valid, type: type)
        case .strings(var codes, var dictionary):
            let code: Int32
            switch value {
            case .null: code = -1
            case .string(let text):
                if let existing = dictionary.firstIndex(where: { $0.utf8.elementsEqual(text.utf8) }) {
                    code = Int32(existing)
                } else {
                    self = .boxed([])
                    dictionary.append(text)
                    code = Int32(dictionary.count - 1)
                }
            default:
                self = boxedWithValue(self)
                return
            }
            self = .boxed([])
            codes.append(code)
            self = .strings(codes, dictionary: dictionary)
        case .boxed(var values):
            self = .boxed([])
            values.append(value)
            self = .boxed(values)
        }
    }

    /// The Int64 form of a non-NULL value of integer-like `type`; nil for another type.
    static func integerBits(_ value: Value, _ type: DataType) -> Int64? {
        switch (value, type) {
        case (.int64(let v), .int64), (.timestamp(let v), .timestamp): return v
        case (.int32(let v), .int32), (.date(let v), .date): return Int64(v)
        case (.int16(let v), .int16): return Int64(v)
        case (.bool(let b), .bool): return b ? 1 : 0
        default: return nil
        }
    }

    /// The value of `type` whose Int64 form is `bits`.
    static func integer(_ bits: Int64, _ type: DataType) -> Value {
        switch type {
        case .bool: return .bool(bits != 0)
        case .int16: return .int16(Int16(truncatingIfNeeded: bits))
        case .int32: return .int32(Int32(truncatingIfNeeded: bits))
        case .date: return .date(Int32(truncatingIfNeeded: bits))
        case .timestamp: return .timestamp(bits)
        case .int64, .float, .double, .string: return .int64(bits)
        }
    }
}
