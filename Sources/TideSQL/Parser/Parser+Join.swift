import TideCore

extension Parser {
    /// table_ref: table_primary (join_clause)*
    mutating func parseTableRef() throws(TideError) -> TableRef {
        var left = try parseTablePrimary()
        var folds = 0
        defer { treeDepth -= folds }
        while let kind = try parseJoinKind() {
            try fold(&folds)
            left = .join(try parseJoinClause(kind: kind, left: left))
        }
        return left
    }

    /// table_primary: table_name [alias] | "(" query ")" [alias] | "(" table_ref ")"
    mutating func parseTablePrimary() throws(TideError) -> TableRef {
        let start = location
        if acceptSymbol("(") {
            if isKeyword("SELECT") || isKeyword("WITH") || isSymbol("(") {
                let query = try parseQuery()
                try expectSymbol(")")
                return .subquery(query, alias: try parseOptionalAlias(), location: start)
            }
            let inner = try parseTableRef()
            try expectSymbol(")")
            return inner
        }
        let name = try parseTableName()
        if isSymbol(".") { throw ParserErrors.tooManyNameParts("table name", max: 2, at: current) }
        return .table(name, alias: try parseOptionalAlias())
    }

    /// join_kind: LAST JOIN | LEFT [OUTER] JOIN | RIGHT [OUTER] JOIN | FULL [OUTER] JOIN
    ///   | [INNER] JOIN | CROSS JOIN
    private mutating func parseJoinKind() throws(TideError) -> JoinClause.Kind? {
        let kind: JoinClause.Kind
        if acceptKeyword("LAST") {
            kind = .last
        } else if acceptKeyword("LEFT") {
            kind = .left
            _ = acceptKeyword("OUTER")
        } else if acceptKeyword("RIGHT") {
            kind = .right
            _ = acceptKeyword("OUTER")
        } else if acceptKeyword("FULL") {
            kind = .full
            _ = acceptKeyword("OUTER")
        } else if acceptKeyword("INNER") {
            kind = .inner
        } else if acceptKeyword("CROSS") {
            kind = .cross
        } else if isKeyword("JOIN") {
            kind = .inner
        } else {
            return nil
        }
        try expectKeyword("JOIN")
        return kind
    }

    /// join_clause: join_kind table_primary [ORDER BY order_item ("," order_item)*] [ON expr]
    ///
    /// ORDER BY belongs to LAST JOIN; every kind but CROSS needs ON.
    private mutating func parseJoinClause(kind: JoinClause.Kind, left: TableRef) throws(TideError) -> JoinClause {
        let start = location
        let right = try parseTablePrimary()
        var join = JoinClause(kind: kind, left: left, right: right, condition: nil, location: start)
        if kind == .last, acceptKeywords("ORDER", "BY") {
            join.orderBy = try parseOrderItems()
        }
        if kind != .cross {
            try expectKeyword("ON")
            join.condition = try parseExpr()
        }
        return join
    }
}
