/// An expression with the location where it starts.
public struct Expr: Sendable, Hashable {
    public var kind: ExprKind
    public var location: NodeLocation

    public init(_ kind: ExprKind, location: NodeLocation = .none) {
        self.kind = kind
        self.location = location
    }
}

/// The expression forms of the dialect.
public indirect enum ExprKind: Sendable, Hashable {
    case literal(Literal)
    /// `c`, `t.c`, `db.t.c`.
    case column(QualifiedName)
    /// `?` (numbered by position at parse time) or `$n`.
    case parameter(Int)
    /// `@@name` or `@@global.name`.
    case variable(name: String, system: Bool)
    case unary(UnaryOperator, Expr)
    case binary(BinaryOperator, Expr, Expr)
    /// `x IS [NOT] NULL | TRUE | FALSE`.
    case isTest(Expr, IsTest, negated: Bool)
    /// `x [NOT] BETWEEN low AND high`.
    case between(Expr, low: Expr, high: Expr, negated: Bool)
    /// `x [NOT] IN (a, b, ...)`.
    case inList(Expr, [Expr], negated: Bool)
    /// `x [NOT] IN (SELECT ...)`: parsed, rejected by the binder.
    case inQuery(Expr, Query, negated: Bool)
    /// `x [NOT] LIKE | ILIKE | RLIKE pattern [ESCAPE e]`.
    case like(LikeExpr)
    case caseWhen(CaseExpr)
    /// `CAST(x AS type)`.
    case cast(Expr, TypeName)
    case function(FunctionCall)
    /// A scalar subquery `(SELECT ...)`.
    case subquery(Query)
    /// `EXISTS (SELECT ...)`.
    case exists(Query)
    /// `[a, b]`, `ARRAY[a, b]` or `ARRAY<T>[a, b]`.
    case array(elementType: TypeName?, elements: [Expr])
    /// `x[i]` (UDF script bodies).
    case element(Expr, Expr)
}

/// Prefix operators.
public enum UnaryOperator: String, Sendable, Hashable {
    case minus = "-"
    case plus = "+"
    case bitwiseNot = "~"
    /// `NOT x` and `!x`.
    case not = "NOT"
}

/// Infix operators. Each has one canonical spelling; `==` parses as `.equal`, `!=` as
/// `.notEqual`, `%` as `.modulo`.
public enum BinaryOperator: String, Sendable, Hashable {
    case or = "OR"
    case xor = "XOR"
    case and = "AND"
    case equal = "="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
    case bitwiseOr = "|"
    case bitwiseXor = "^"
    case bitwiseAnd = "&"
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    case divide = "/"
    case integerDivide = "DIV"
    case modulo = "%"
}

/// The right-hand side of `IS [NOT]`.
public enum IsTest: String, Sendable, Hashable {
    case null = "NULL"
    case `true` = "TRUE"
    case `false` = "FALSE"
}

/// `x [NOT] LIKE pattern [ESCAPE e]` and its ILIKE / RLIKE variants.
public struct LikeExpr: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case like = "LIKE"
        case ilike = "ILIKE"
        case rlike = "RLIKE"
    }

    public var kind: Kind
    public var negated: Bool
    public var value: Expr
    public var pattern: Expr
    public var escape: Expr?

    public init(kind: Kind, negated: Bool, value: Expr, pattern: Expr, escape: Expr?) {
        self.kind = kind
        self.negated = negated
        self.value = value
        self.pattern = pattern
        self.escape = escape
    }
}

/// `CASE [operand] WHEN a THEN b ... [ELSE c] END`.
public struct CaseExpr: Sendable, Hashable {
    public struct When: Sendable, Hashable {
        public var condition: Expr
        public var result: Expr

        public init(condition: Expr, result: Expr) {
            self.condition = condition
            self.result = result
        }
    }

    public var operand: Expr?
    public var whens: [When]
    public var otherwise: Expr?

    public init(operand: Expr?, whens: [When], otherwise: Expr?) {
        self.operand = operand
        self.whens = whens
        self.otherwise = otherwise
    }
}
