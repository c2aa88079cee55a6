import TideCore

/// The binary arithmetic of the SQL operators, computed in the result type the binder chose.
/// OpenMLDB semantics: integer overflow wraps as in C++; division and modulo by zero give NULL.
enum Arithmetic {
    /// A binary arithmetic operator.
    enum Operator: Sendable {
        case add, subtract, multiply, divide, integerDivide, modulo
        case bitwiseAnd, bitwiseOr, bitwiseXor
    }

    /// `a op b` computed in `type`; NULL for a zero divisor or non-numeric operands.
    static func apply(_ op: Operator, _ a: Value, _ b: Value, as type: DataType) -> Value {
        if op == .divide {
            // OpenMLDB semantics: `/` always divides as double, even float / float.
            guard let x = NumericValues.double(a), let y = NumericValues.double(b), y != 0 else { return .null }
            return .double(x / y)
        }
        switch type {
        case .bool, .int16, .int32, .int64, .timestamp:
            guard let x = NumericValues.integer(a), let y = NumericValues.integer(b),
                let result = integer(op, x, y)
            else { return .null }
            return NumericValues.make(result, as: type)
        case .float:
            guard let x = NumericValues.float(a), let y = NumericValues.float(b),
                let result = floating(op, x, y)
            else { return .null }
            return .float(result)
        case .double:
            guard let x = NumericValues.double(a), let y = NumericValues.double(b),
                let result = floating(op, x, y)
            else { return .null }
            return .double(result)
        case .string, .date:
            return .null
        }
    }

    /// Two's-complement integer arithmetic (the caller truncates to the result width).
    static func integer(_ op: Operator, _ x: Int64, _ y: Int64) -> Int64? {
        switch op {
        case .add: return x &+ y
        case .subtract: return x &- y
        case .multiply: return x &* y
        case .divide, .integerDivide:
            guard y != 0 else { return nil }
            return x.dividedReportingOverflow(by: y).partialValue
        case .modulo:
            guard y != 0 else { return nil }
            return x.remainderReportingOverflow(dividingBy: y).partialValue
        case .bitwiseAnd: return x & y
        case .bitwiseOr: return x | y
        case .bitwiseXor: return x ^ y
        }
    }

    /// IEEE arithmetic; `%` is C's `fmod`. Integer-only operators give nil.
    static func floating<F: BinaryFloatingPoint>(_ op: Operator, _ x: F, _ y: F) -> F? {
        switch op {
        case .add: return x + y
        case .subtract: return x - y
        case .multiply: return x * y
        case .divide:
            guard y != 0 else { return nil }
            return x / y
        case .modulo:
            guard y != 0 else { return nil }
            return x.truncatingRemainder(dividingBy: y)
        case .integerDivide, .bitwiseAnd, .bitwiseOr, .bitwiseXor: return nil
        }
    }

    /// `-a` in `type` (wrapping; OpenMLDB's `-true` is `true`, as 1-bit arithmetic).
    static func negate(_ a: Value, as type: DataType) -> Value {
        switch type {
        case .bool, .int16, .int32, .int64, .timestamp:
            guard let x = NumericValues.integer(a) else { return .null }
            return NumericValues.make(0 &- x, as: type)
        case .float: return NumericValues.float(a).map { .float(-$0) } ?? .null
        case .double: return NumericValues.double(a).map { .double(-$0) } ?? .null
        case .string, .date: return .null
        }
    }

    /// OpenMLDB's `pmod`: `a % b`, plus `b` (mod `b` again) when that is negative.
    static func positiveModulo(_ a: Value, _ b: Value, as type: DataType) -> Value {
        let remainder = apply(.modulo, a, b, as: type)
        guard let sign = Value.compare(remainder, .int64(0)), sign < 0 else { return remainder }
        return apply(.modulo, apply(.add, remainder, b, as: type), b, as: type)
    }
}
