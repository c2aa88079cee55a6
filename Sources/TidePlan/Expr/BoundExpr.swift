import TideCore

/// A resolved, typed expression: names are input positions, calls are chosen overloads.
/// Plain data (no closures): TideExec compiles it into evaluators for both engines.
public indirect enum BoundExpr: Sendable, Hashable {
    case literal(Value, SQLType)
    /// Column `index` of the input row.
    case column(ColumnReference)
    /// A `?` / `$n` parameter (1-based) of the given type.
    case parameter(Int, SQLType)
    /// A scalar function or operator (`$add`, `$divide`, ...).
    case call(FunctionSignature, [BoundExpr])
    case cast(BoundExpr, DataType)
    /// `=`, `!=`, `<`, `<=`, `>`, `>=` after widening both sides to a common type.
    case compare(ComparisonOperator, BoundExpr, BoundExpr)
    /// Three-valued AND / OR / XOR / NOT.
    case logical(LogicalOperator, [BoundExpr])
    /// `IS [NOT] NULL | TRUE | FALSE`.
    case isTest(BoundExpr, IsTestKind, negated: Bool)
    /// `x [NOT] IN (list)`.
    case inList(BoundExpr, [BoundExpr], negated: Bool)
    /// Searched CASE: the first true condition's result, else `otherwise` (NULL if absent).
    case caseWhen([CaseBranch], otherwise: BoundExpr?, type: SQLType)
    /// An array literal with an element that is not a constant (`[col1, 10]`, `[timestamp(1)]`):
    /// the elements, widened to `elementType`, evaluated for each row.
    case array([BoundExpr], elementType: SQLType)
    /// CAST of an array or map to another array or map type: each element (key, value) cast
    /// to the target's element types, as a scalar CAST would.
    case castCollection(BoundExpr, SQLType)

    /// The static type of the expression.
    public var type: SQLType {
        switch self {
        case .literal(_, let t), .parameter(_, let t): return t
        case .column(let c): return c.type
        case .call(let signature, _): return signature.returnType
        case .cast(_, let t): return .scalar(t)
        case .compare, .logical, .isTest, .inList: return .bool
        case .caseWhen(_, _, let t): return t
        case .array(_, let elementType): return .array(elementType)
        case .castCollection(_, let type): return type
        }
    }

    /// A constant written in the statement.
    public var isLiteral: Bool {
        if case .literal = self { return true }
        return false
    }
}

/// A reference to an input column, with its name kept for EXPLAIN.
public struct ColumnReference: Sendable, Hashable {
    public var index: Int
    public var name: String
    public var type: SQLType

    public init(index: Int, name: String, type: SQLType) {
        self.index = index
        self.name = name
        self.type = type
    }
}

public enum ComparisonOperator: String, Sendable, Hashable {
    case equal = "="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
}

public enum LogicalOperator: String, Sendable, Hashable {
    case and = "AND"
    case or = "OR"
    case xor = "XOR"
    case not = "NOT"
}

public enum IsTestKind: String, Sendable, Hashable {
    case null = "NULL"
    case `true` = "TRUE"
    case `false` = "FALSE"
}

/// `WHEN condition THEN result`.
public struct CaseBranch: Sendable, Hashable {
    public var condition: BoundExpr
    public var result: BoundExpr

    public init(condition: BoundExpr, result: BoundExpr) {
        self.condition = condition
        self.result = result
    }
}
