import TideCore

extension Parser {
    /// query_statement: query [INTO OUTFILE string [OPTIONS options]] [CONFIG options]
    mutating func parseQueryStatement() throws(TideError) -> QueryStatement {
        let query = try parseQuery()
        var statement = QueryStatement(query: query)
        if acceptKeyword("INTO") {
            try expectKeyword("OUTFILE")
            let path = try parseStringLiteral("a file path")
            let options = isKeyword("OPTIONS") ? try parseOptionsClause() : nil
            statement.outfile = Outfile(path: path, options: options)
        }
        if acceptKeyword("CONFIG") {
            statement.config = try parseOptionList()
        }
        return statement
    }

    /// query: [WITH cte ("," cte)*] query_body [ORDER BY order_item ("," order_item)*] [LIMIT integer]
    mutating func parseQuery() throws(TideError) -> Query {
        try enter()
        defer { leave() }
        var ctes: [CommonTableExpr] = []
        if acceptKeyword("WITH") {
            repeat {
                let name = try parseIdentifier("common table expression name")
                try expectKeyword("AS")
                try expectSymbol("(")
                let query = try parseQuery()
                try expectSymbol(")")
                ctes.append(CommonTableExpr(name: name, query: query))
            } while acceptSymbol(",")
        }
        let body = try parseQueryBody()
        var query = Query(with: ctes, body: body)
        if acceptKeywords("ORDER", "BY") { query.orderBy = try parseOrderItems() }
        if acceptKeyword("LIMIT") { query.limit = try parseIntegerLiteral("a row count after LIMIT") }
        return query
    }

    /// query_body: query_term (UNION (ALL | DISTINCT) query_term)*
    ///
    /// OpenMLDB requires ALL or DISTINCT and one kind per chain (mixing needs parentheses).
    mutating func parseQueryBody() throws(TideError) -> QueryBody {
        var body = try parseQueryTerm()
        var chainKind: Bool?
        var folds = 0
        defer { treeDepth -= folds }
        while isKeyword("UNION") {
            let unionToken = current
            advance()
            try fold(&folds)
            let all: Bool
            if acceptKeyword("ALL") {
                all = true
            } else if acceptKeyword("DISTINCT") {
                all = false
            } else {
                throw ParserErrors.expected("ALL or DISTINCT after UNION", found: current)
            }
            if let chainKind, chainKind != all {
                throw ParserErrors.message(
                    "UNION ALL and UNION DISTINCT cannot be mixed without parentheses", at: unionToken)
            }
            chainKind = all
            body = .union(SetOperation(left: body, all: all, right: try parseQueryTerm()))
        }
        return body
    }

    /// query_term: select_core | "(" query ")"
    mutating func parseQueryTerm() throws(TideError) -> QueryBody {
        if acceptSymbol("(") {
            let inner = try parseQuery()
            try expectSymbol(")")
            return .nested(inner)
        }
        return .select(try parseSelectCore())
    }

    /// select_core: SELECT [ALL | DISTINCT] select_item ("," select_item)* [","]
    ///   [FROM table_ref] [WHERE expr] [GROUP BY expr ("," expr)*] [HAVING expr]
    ///   [WINDOW window_definition ("," window_definition)*]
    mutating func parseSelectCore() throws(TideError) -> SelectCore {
        let start = location
        try expectKeyword("SELECT")
        var core = SelectCore(items: [], location: start)
        if acceptKeyword("DISTINCT") {
            core.quantifier = .distinct
        } else if acceptKeyword("ALL") {
            core.quantifier = .all
        }
        core.items.append(try parseSelectItem())
        while acceptSymbol(",") {
            // OpenMLDB accepts a trailing comma at the end of the select list.
            if atSelectListEnd { break }
            core.items.append(try parseSelectItem())
        }
        if acceptKeyword("FROM") { core.from = try parseTableRef() }
        if acceptKeyword("WHERE") { core.whereClause = try parseExpr() }
        if acceptKeywords("GROUP", "BY") {
            repeat { core.groupBy.append(try parseExpr()) } while acceptSymbol(",")
        }
        if acceptKeyword("HAVING") { core.having = try parseExpr() }
        if acceptKeyword("WINDOW") {
            repeat {
                let name = try parseIdentifier("window name")
                try expectKeyword("AS")
                core.windows.append(WindowDefinition(name: name, spec: try parseWindowSpec()))
            } while acceptSymbol(",")
        }
        return core
    }

    /// True where a select list may end: before FROM, a later clause, ")" or the end.
    private var atSelectListEnd: Bool {
        if atEnd || isSymbol(";") || isSymbol(")") { return true }
        return ["FROM", "WHERE", "GROUP", "HAVING", "WINDOW", "ORDER", "LIMIT", "UNION", "INTO", "CONFIG"]
            .contains { isKeyword($0) }
    }

    /// select_item: "*" | qualified_name "." "*" | expr [[AS] alias]
    mutating func parseSelectItem() throws(TideError) -> SelectItem {
        let start = location
        if acceptSymbol("*") { return .star(qualifier: nil, location: start) }
        if let parts = starQualifierLength() {
            var names: [Identifier] = []
            for _ in 0..<parts {
                names.append(try parseIdentifier("table name"))
                try expectSymbol(".")
            }
            try expectSymbol("*")
            return .star(qualifier: QualifiedName(names), location: start)
        }
        let expr = try parseExpr()
        return .expr(expr, alias: try parseOptionalAlias())
    }

    /// How many name parts precede `.*` here (`t.*` → 1, `db.t.*` → 2), or nil.
    private func starQualifierLength() -> Int? {
        var ahead = 0
        for parts in 1...2 {
            switch token(at: ahead).kind {
            case .word(let w) where !Keywords.isReserved(w): break
            case .quotedIdentifier: break
            default: return nil
            }
            guard isSymbol(".", ahead: ahead + 1) else { return nil }
            if isSymbol("*", ahead: ahead + 2) { return parts }
            ahead += 2
        }
        return nil
    }

    /// alias: AS identifier | identifier (a non-reserved word)
    mutating func parseOptionalAlias() throws(TideError) -> Identifier? {
        if acceptKeyword("AS") {
            if case .string(let s) = current.kind {
                let alias = Identifier(s, location: location)
                advance()
                return alias
            }
            return try parseIdentifier("an alias")
        }
        return atIdentifier ? try parseIdentifier("an alias") : nil
    }

    /// order_item: expr [ASC | DESC]
    mutating func parseOrderItems() throws(TideError) -> [OrderItem] {
        var items: [OrderItem] = []
        repeat {
            let expr = try parseExpr()
            var descending: Bool?
            if acceptKeyword("ASC") {
                descending = false
            } else if acceptKeyword("DESC") {
                descending = true
            }
            items.append(OrderItem(expr: expr, descending: descending))
        } while acceptSymbol(",")
        return items
    }
}
