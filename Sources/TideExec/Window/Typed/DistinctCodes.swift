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

    /// The codes of `values`; nil (no value coded) if a value is not of the coder's type.
    /// NULL has the code of the type's zero ("" for strings). Large inputs are coded on
    /// every core (`FirstAppearanceNumbering`).
    public mutating func codes(_ values: [Value]) throws -> [Int32]? {
        let rows = values.count
        switch type {
        case .string:
            return try FirstAppearanceNumbering.number(rows: rows, create: true, numbers: &strings, count: &count) {
                switch values[$0] {
                case .null: return ""
                case .string(let s): return s
                default: return nil
                }
            }
        case .float, .double:
            let type = self.type
            return try FirstAppearanceNumbering.number(rows: rows, create: true, numbers: &floats, count: &count) {
                switch (values[$0], type) {
                case (.null, _): return Self.floatKey(0)
                case (.double(let d), .double): return Self.floatKey(d)
                case (.float(let f), .float): return Self.floatKey(Double(f))
                default: return nil
                }
            }
        default:
            let type = self.type
            return try FirstAppearanceNumbering.number(rows: rows, create: true, numbers: &integers, count: &count) {
                TypedColumn.integer(values[$0], type)
            }
        }
    }

    /// One key for both zeros and for every NaN, as SQL equality has it.
    private static func floatKey(_ float: Double) -> UInt64 {
        float.isNaN ? Double.nan.bitPattern : (float == 0 ? 0 : float.bitPattern)
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
