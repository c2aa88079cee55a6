/// A query: `[WITH ctes] body [ORDER BY ...] [LIMIT n]`.
public struct Query: Sendable, Hashable {
    public var with: [CommonTableExpr]
    public var body: QueryBody
    public var orderBy: [OrderItem]
    public var limit: Int64?

    public init(with: [CommonTableExpr] = [], body: QueryBody, orderBy: [OrderItem] = [], limit: Int64? = nil) {
        self.with = with
        self.body = body
        self.orderBy = orderBy
        self.limit = limit
    }
}

/// The body of a query: one SELECT, a UNION of bodies, or a parenthesized query.
public indirect enum QueryBody: Sendable, Hashable {
    case select(SelectCore)
    case union(SetOperation)
    case nested(Query)
}

/// `left UNION ALL|DISTINCT right`. OpenMLDB requires the quantifier.
public struct SetOperation: Sendable, Hashable {
    public var left: QueryBody
    public var all: Bool
    public var right: QueryBody

    public init(left: QueryBody, all: Bool, right: QueryBody) {
        self.left = left
        self.all = all
        self.right = right
    }
}

/// `name AS (query)` in a WITH clause.
public struct CommonTableExpr: Sendable, Hashable {
    public var name: Identifier
    public var query: Query

    public init(name: Identifier, query: Query) {
        self.name = name
        self.query = query
    }
}

/// `SELECT [DISTINCT|ALL] items [FROM t] [WHERE] [GROUP BY] [HAVING] [WINDOW]`.
public struct SelectCore: Sendable, Hashable {
    public enum Quantifier: String, Sendable, Hashable {
        case all = "ALL"
        case distinct = "DISTINCT"
    }

    public var quantifier: Quantifier?
    public var items: [SelectItem]
    public var from: TableRef?
    public var whereClause: Expr?
    public var groupBy: [Expr]
    public var having: Expr?
    public var windows: [WindowDefinition]
    public var location: NodeLocation

    public init(
        quantifier: Quantifier? = nil, items: [SelectItem], from: TableRef? = nil, whereClause: Expr? = nil,
        groupBy: [Expr] = [], having: Expr? = nil, windows: [WindowDefinition] = [], location: NodeLocation = .none
    ) {
        self.quantifier = quantifier
        self.items = items
        self.from = from
        self.whereClause = whereClause
        self.groupBy = groupBy
        self.having = having
        self.windows = windows
        self.location = location
    }
}

/// One entry of the select list.
public enum SelectItem: Sendable, Hashable {
    /// `expr [[AS] alias]`.
    case expr(Expr, alias: Identifier?)
    /// `*` (qualifier nil) or `t.*` / `db.t.*`.
    case star(qualifier: QualifiedName?, location: NodeLocation)
}

/// A table in FROM, a JOIN's side or a WINDOW UNION source.
public indirect enum TableRef: Sendable, Hashable {
    /// `[db.]table [[AS] alias]`.
    case table(QualifiedName, alias: Identifier?)
    /// `(query) [[AS] alias]`.
    case subquery(Query, alias: Identifier?, location: NodeLocation)
    case join(JoinClause)
}

/// `left <kind> JOIN right [ORDER BY ...] [ON condition]`.
public struct JoinClause: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// OpenMLDB's LAST JOIN: at most one right row, the last by ORDER BY.
        case last = "LAST"
        case left = "LEFT"
        case right = "RIGHT"
        case full = "FULL"
        case inner = "INNER"
        case cross = "CROSS"
    }

    public var kind: Kind
    public var left: TableRef
    public var right: TableRef
    /// LAST JOIN's `ORDER BY`: which right row is "last".
    public var orderBy: [OrderItem]
    public var condition: Expr?
    public var location: NodeLocation

    public init(
        kind: Kind, left: TableRef, right: TableRef, orderBy: [OrderItem] = [], condition: Expr?,
        location: NodeLocation = .none
    ) {
        self.kind = kind
        self.left = left
        self.right = right
        self.orderBy = orderBy
        self.condition = condition
        self.location = location
    }
}
