import TideCore

/// OpenMLDB's type rules: implicit widening, arithmetic result types, comparability.
public enum TypeRules {
    /// Numeric widening order: a value may move right without an explicit CAST.
    static let numericOrder: [DataType] = [.bool, .int16, .int32, .int64, .float, .double]

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
            // A timestamp is its int64 milliseconds when a number is wanted.
            if f == .timestamp, t == .int64 { return 8 }
            if f == .timestamp, t == .double { return 9 }
            return nil
        case (.array(let f), .array(let t)):
            return implicitCastCost(from: f, to: t)
        case (.array(.null), .array), (.map, .map):
            return nil
        default:
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

    /// The result type of `+ - *` on numbers: the common numeric type, at least int32
    /// (OpenMLDB promotes int16 arithmetic to int32).
    public static func arithmeticType(_ a: SQLType, _ b: SQLType) -> SQLType? {
        guard let common = commonType(numericView(a), numericView(b)),
            let t = common.scalar ?? (common == .null ? .int32 : nil),
            t.isNumeric || t == .bool
        else { return nil }
        switch t {
        case .bool, .int16: return .int32
        case .int32, .int64, .float, .double: return .scalar(t)
        case .string, .date, .timestamp: return nil
        }
    }

    /// A timestamp takes part in arithmetic as its int64 milliseconds.
    private static func numericView(_ t: SQLType) -> SQLType { t == .timestamp ? .int64 : t }

    /// Whether values of the two types can be compared with `= < >` (after widening).
    public static func comparable(_ a: SQLType, _ b: SQLType) -> Bool {
        if a == .null || b == .null { return true }
        if commonType(a, b) != nil { return true }
        // Strings compare with dates and timestamps by converting the string.
        let temporal: Set<SQLType> = [.date, .timestamp]
        return (a == .string && temporal.contains(b)) || (b == .string && temporal.contains(a))
    }
}
