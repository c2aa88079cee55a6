import TideCore

/// Dense Int32 codes for the values of one column, equal exactly when distinct_count counts
/// the values as one (SQL equality: strings by String equality, -0.0 = 0.0, NaN = NaN), with
/// NULL coded as its type's zero value as distinct_count counts it. One coder serves the main
/// input and every union source of a window, so their codes agree.
public struct DistinctCoder: Sendable {
    public let type: DataType
    private var strings: [String: Int32] = [:]
    private var integers: [Int64: Int32] = [:]
    private var floats: [UInt64: Int32] = [:]
    /// How many distinct values have a code.
    public private(set) var count: Int32 = 0

    public init(type: DataType) { self.type = type }

    /// The codes of `values`; nil if a value is not of the coder's type.
    public mutating func codes(_ values: [Value]) -> [Int32]? {
        var out: [Int32] = []
        out.reserveCapacity(values.count)
        for value in values {
            guard let code = code(value) else { return nil }
            out.append(code)
        }
        return out
    }

    private mutating func code(_ value: Value) -> Int32? {
        switch (value, type) {
        case (.null, .string): return code(string: "")
        case (.null, .float), (.null, .double): return code(float: 0)
        case (.null, _): return code(integer: 0)
        case (.string(let s), .string): return code(string: s)
        case (.double(let d), .double): return code(float: d)
        case (.float(let f), .float): return code(float: Double(f))
        case (.int64(let v), .int64), (.timestamp(let v), .timestamp): return code(integer: v)
        case (.int32(let v), .int32), (.date(let v), .date): return code(integer: Int64(v))
        case (.int16(let v), .int16): return code(integer: Int64(v))
        case (.bool(let b), .bool): return code(integer: b ? 1 : 0)
        default: return nil
        }
    }

    private mutating func next() -> Int32 {
        count += 1
        return count - 1
    }

    private mutating func code(string: String) -> Int32 {
        if let c = strings[string] { return c }
        let c = next()
        strings[string] = c
        return c
    }

    private mutating func code(integer: Int64) -> Int32 {
        if let c = integers[integer] { return c }
        let c = next()
        integers[integer] = c
        return c
    }

    private mutating func code(float: Double) -> Int32 {
        // One key for both zeros and for every NaN, as SQL equality has it.
        let key = float.isNaN ? Double.nan.bitPattern : (float == 0 ? 0 : float.bitPattern)
        if let c = floats[key] { return c }
        let c = next()
        floats[key] = c
        return c
    }
}

/// Renumbers the codes of one partition densely from 0, so that a distinct_count state
/// needs an array only as large as the partition's distinct values.
public struct LocalCodes {
    private var local: [Int32]

    /// For codes below `count`.
    public init(count: Int32) { local = [Int32](repeating: -1, count: Int(count)) }

    /// The partition's codes renumbered, and how many distinct ones there are.
    public mutating func renumber(_ codes: [Int32]) -> (codes: [Int32], count: Int32) {
        var next: Int32 = 0
        var out: [Int32] = []
        out.reserveCapacity(codes.count)
        for code in codes {
            var l = local[Int(code)]
            if l < 0 {
                l = next
                local[Int(code)] = l
                next += 1
            }
            out.append(l)
        }
        for code in codes { local[Int(code)] = -1 }
        return (out, next)
    }
}
