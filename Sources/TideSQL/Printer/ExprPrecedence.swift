/// Binding strength of each expression form, lowest first; the parser's precedence table
/// (`Parser+Expr.swift`) in numbers, so the printer adds exactly the parentheses it needs.
enum ExprPrecedence {
    static let or = 1
    static let xor = 2
    static let and = 3
    static let not = 4
    static let comparison = 5
    static let bitwiseOr = 6
    static let bitwiseXor = 7
    static let bitwiseAnd = 8
    static let additive = 9
    static let multiplicative = 10
    static let unary = 11
    static let primary = 12

    static func of(_ op: BinaryOperator) -> Int {
        switch op {
        case .or: return or
        case .xor: return xor
        case .and: return and
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual: return comparison
        case .bitwiseOr: return bitwiseOr
        case .bitwiseXor: return bitwiseXor
        case .bitwiseAnd: return bitwiseAnd
        case .add, .subtract: return additive
        case .multiply, .divide, .integerDivide, .modulo: return multiplicative
        }
    }

    static func of(_ kind: ExprKind) -> Int {
        switch kind {
        case .binary(let op, _, _): return of(op)
        case .unary(.not, _): return not
        case .unary: return unary
        case .isTest, .between, .inList, .inQuery, .like: return comparison
        case .literal(let literal):
            // A negative number prints with a leading minus, which binds like a unary operator.
            switch literal {
            case .integer(let v), .long(let v): return v < 0 ? unary : primary
            case .double(let v): return v < 0 || v.sign == .minus ? unary : primary
            case .float(let v): return v < 0 || v.sign == .minus ? unary : primary
            case .null, .bool, .string, .interval: return primary
            }
        case .column, .parameter, .variable, .caseWhen, .cast, .function, .subquery, .exists, .array, .element:
            return primary
        }
    }
}
