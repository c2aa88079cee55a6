import TideCore
import TidePlan

/// SQL's three-valued logic and comparisons, shared by both engines.
public enum Predicates {
    /// Truth of a value in a condition: a true bool, a non-zero number or timestamp, a
    /// non-empty string, any date (OpenMLDB semantics for AND/OR/NOT over other types).
    public static func isTrue(_ v: Value) -> Bool {
        switch v {
        case .bool(let b): return b
        case .int16, .int32, .int64, .float, .double, .timestamp: return (v.doubleValue ?? 0) != 0
        case .string(let s): return !s.isEmpty
        case .date: return true
        case .null, .array, .map: return false
        }
    }

    /// `a op b`; NULL if either side is NULL or they cannot be compared.
    public static func compare(_ op: ComparisonOperator, _ a: Value, _ b: Value) -> Value {
        guard let c = Value.compare(a, b) else { return .null }
        switch op {
        case .equal: return .bool(c == 0)
        case .notEqual: return .bool(c != 0)
        case .less: return .bool(c < 0)
        case .lessOrEqual: return .bool(c <= 0)
        case .greater: return .bool(c > 0)
        case .greaterOrEqual: return .bool(c >= 0)
        }
    }

    /// Three-valued AND / OR / XOR / NOT.
    public static func logical(_ op: LogicalOperator, _ values: [Value]) -> Value {
        switch op {
        case .and:
            var sawNull = false
            for v in values {
                if v.isNull { sawNull = true } else if !isTrue(v) { return .bool(false) }
            }
            return sawNull ? .null : .bool(true)
        case .or:
            var sawNull = false
            for v in values {
                if v.isNull { sawNull = true } else if isTrue(v) { return .bool(true) }
            }
            return sawNull ? .null : .bool(false)
        case .xor:
            guard !values.contains(where: \.isNull) else { return .null }
            return .bool(values.reduce(false) { $0 != isTrue($1) })
        case .not:
            guard let v = values.first, !v.isNull else { return .null }
            return .bool(!isTrue(v))
        }
    }

    public static func isTest(_ v: Value, _ kind: IsTestKind, negated: Bool) -> Value {
        let result: Bool
        switch kind {
        case .null: result = v.isNull
        case .true: result = !v.isNull && isTrue(v)
        case .false: result = !v.isNull && !isTrue(v)
        }
        return .bool(result != negated)
    }

    /// `v IN (items)`: TRUE on a match, NULL if no match but a NULL is involved, else FALSE.
    public static func inList(_ v: Value, _ items: [Value], negated: Bool) -> Value {
        guard !v.isNull else { return .null }
        var sawNull = false
        for item in items {
            if item.isNull {
                sawNull = true
            } else if Value.compare(v, item) == 0 {
                return .bool(!negated)
            }
        }
        return sawNull ? .null : .bool(negated)
    }
}
