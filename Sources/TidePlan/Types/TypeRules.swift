import TideCore

/// OpenMLDB's type rules: implicit widening, arithmetic result types, comparability.
public enum TypeRules {
    /// Numeric widening order: a value may move right without an explicit CAST.
    static let numericOrder: [DataType] = [.int16, .int32, .int64, .float, .double]

    /// The cost of passing a value of type `from` where `to` is expected without a CAST, or
    /// nil if that needs an explicit CAST. 0 is an exact match.
    public static func implicitCastCost(from: SQLType, to: SQLType) -> Int? {
        if from == to { return 0 }
        switch (from, to) {
        case (.null, _): return 1
        case (.scalar(let f), .scalar(let t)):
            if let i = numericOrder.firstIndex(of: f), let j = numericOrder.firstIndex(of: t), i < j {
                // bool → number is allowed but never preferred over a numeric match.
                return (j - i) + (f == .bool ? 10 : 0)
            }
            // OpenMLDB semantics: a timestamp does not silently become a number
            // (`timestamp - timestamp` is an error); functions declare timestamp overloads.
            return nil
        case (.array(let f), .array(let t)):
            // An empty array literal (element type null) fits any array.
            return implicitCastCost(from: f, to: t)
        case (.scalar, _), (.array, _), (.map, _):
            return nil
        }
    }

    /// The common type two operands are widened to (arithmetic, comparison, CASE, IF_NULL).
    public static func commonType(_ a: SQLType, _ b: SQLType) -> SQLType? {
        if a == b { return a }
        if a == .null { return b }
        if b == .null { return a }
        if implicitCastCost(from: a, to: b) != nil { return b }
        if implicitCastCost(from: b, to: a) != nil { return a }
        // Mixed integer/float families meet at double (int64 + float → double).
        if let x = a.scalar, let y = b.scalar, x.isNumeric, y.isNumeric { return .double }
        return nil
    }

    /// The type the branches of a CASE meet at, as
    /// OpenMLDB infers it: the common type if there is one; a bool with a number is the number;
    /// int64 or double with float is double; timestamps take integers; any other two scalar
    /// types meet at string (each branch converted as `CAST(x AS string)` would). Collections
    /// must match exactly (nil otherwise).
    public static func branchType(_ a: SQLType, _ b: SQLType) -> SQLType? {
        if a == .null { return b }
        if b == .null { return a }
        guard let x = a.scalar, let y = b.scalar else { return commonType(a, b) }
        if x == y { return a }
        let floats: Set<DataType> = [.float, .double]
        if (x == .float && (y == .int64 || y == .double)) || (y == .float && (x == .int64 || x == .double)) {
            return .double
        }
        if x == .bool, y.isNumeric { return b }
        if y == .bool, x.isNumeric { return a }
        if x == .timestamp, y.isNumeric, !floats.contains(y) { return a }
        if y == .timestamp, x.isNumeric, !floats.contains(x) { return b }
        return commonType(a, b) ?? .scalar(.string)
    }

    /// Whether OpenMLDB accepts `CAST(x AS to)` for an `x` of type `from` at all. Numbers and
    /// bools cannot become dates; everything else is accepted, possibly producing NULL at run
    /// time (`CAST(date AS int)` is NULL).
    public static func castSupported(from: DataType, to: DataType) -> Bool {
        guard to == .date else { return true }
        switch from {
        case .string, .date, .timestamp: return true
        case .bool, .int16, .int32, .int64, .float, .double: return false
        }
    }

    /// Whether values of the two types can be compared with `= < >` (after widening).
    public static func comparable(_ a: SQLType, _ b: SQLType) -> Bool {
        if a == .null || b == .null { return true }
        if commonType(a, b) != nil { return true }
        // Strings compare with dates and timestamps by converting the string, and with numbers
        // and bools as text (OpenMLDB semantics).
        let convertible: Set<SQLType> = [.date, .timestamp, .bool, .int16, .int32, .int64, .float, .double]
        if (a == .string && convertible.contains(b)) || (b == .string && convertible.contains(a)) { return true }
        // A bool compares with a number as 0 or 1.
        return (a == .bool && (b.scalar?.isNumeric ?? false)) || (b == .bool && (a.scalar?.isNumeric ?? false))
    }
}
