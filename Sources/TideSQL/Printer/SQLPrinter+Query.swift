import TideCore

extension SQLPrinter {
    static func text(_ statement: QueryStatement) -> String {
        var s = text(statement.query)
        if let outfile = statement.outfile {
            s += " INTO OUTFILE " + quoted(outfile.path) + optionsSuffix(outfile.options)
        }
        if let config = statement.config { s += " CONFIG " + text(config) }
        return s
    }

    static func text(_ query: Query) -> String {
        var s = ""
        if !query.with.isEmpty {
            s += "WITH " + query.with.map { "\(text($0.name)) AS (\(text($0.query)))" }.joined(separator: ", ") + " "
        }
        s += text(query.body)
        if !query.orderBy.isEmpty { s += " ORDER BY " + text(query.orderBy) }
        if let limit = query.limit { s += " LIMIT \(limit)" }
        return s
    }

    static func text(_ body: QueryBody) -> String {
        switch body {
        case .select(let core): return text(core)
        case .nested(let query): return "(\(text(query)))"
        case .union(let op):
            // A union operand that is itself a union of the other kind needs its parentheses.
            let right: String
            if case .union = op.right { right = "(\(text(op.right)))" } else { right = text(op.right) }
            return "\(text(op.left)) UNION \(op.all ? "ALL" : "DISTINCT") \(right)"
        }
    }

    static func text(_ items: [OrderItem]) -> String {
        items.map { item in
            text(item.expr) + (item.descending.map { $0 ? " DESC" : " ASC" } ?? "")
        }.joined(separator: ", ")
    }

    static func text(_ core: SelectCore) -> String {
        var s = "SELECT "
        if let quantifier = core.quantifier { s += quantifier.rawValue + " " }
        s += core.items.map { item -> String in
            switch item {
            case .star(let qualifier, _): return qualifier.map { text($0) + ".*" } ?? "*"
            case .expr(let e, let alias): return text(e) + (alias.map { " AS " + text($0) } ?? "")
            }
        }.joined(separator: ", ")
        if let from = core.from { s += " FROM " + text(from) }
        if let condition = core.whereClause { s += " WHERE " + text(condition) }
        if !core.groupBy.isEmpty { s += " GROUP BY " + core.groupBy.map { text($0) }.joined(separator: ", ") }
        if let having = core.having { s += " HAVING " + text(having) }
        if !core.windows.isEmpty {
            s += " WINDOW " + core.windows.map { "\(text($0.name)) AS \(text($0.spec))" }.joined(separator: ", ")
        }
        return s
    }

    static func text(_ table: TableRef) -> String {
        switch table {
        case .table(let name, let alias):
            return text(name) + (alias.map { " AS " + text($0) } ?? "")
        case .subquery(let query, let alias, _):
            return "(\(text(query)))" + (alias.map { " AS " + text($0) } ?? "")
        case .join(let join):
            var s = text(join.left) + " \(join.kind.rawValue) JOIN "
            // A join nested on the right side keeps its parentheses.
            if case .join = join.right { s += "(\(text(join.right)))" } else { s += text(join.right) }
            if !join.orderBy.isEmpty { s += " ORDER BY " + text(join.orderBy) }
            if let condition = join.condition { s += " ON " + text(condition) }
            return s
        }
    }

    static func text(_ spec: WindowSpec) -> String {
        var parts: [String] = []
        if !spec.unions.isEmpty { parts.append("UNION " + spec.unions.map { text($0) }.joined(separator: ", ")) }
        if !spec.partitionBy.isEmpty {
            parts.append("PARTITION BY " + spec.partitionBy.map { text($0) }.joined(separator: ", "))
        }
        if !spec.orderBy.isEmpty { parts.append("ORDER BY " + text(spec.orderBy)) }
        if let frame = spec.frame {
            parts.append("\(frame.unit.rawValue) BETWEEN \(text(frame.start)) AND \(text(frame.end))")
        }
        if spec.excludeCurrentRow { parts.append("EXCLUDE CURRENT_ROW") }
        if spec.excludeCurrentTime { parts.append("EXCLUDE CURRENT_TIME") }
        if spec.instanceNotInWindow { parts.append("INSTANCE_NOT_IN_WINDOW") }
        if let maxSize = spec.maxSize { parts.append("MAXSIZE \(maxSize)") }
        return "(" + parts.joined(separator: " ") + ")"
    }

    static func text(_ bound: FrameBound) -> String {
        switch bound {
        case .unboundedPreceding: return "UNBOUNDED PRECEDING"
        case .unboundedFollowing: return "UNBOUNDED FOLLOWING"
        case .currentRow: return "CURRENT ROW"
        case .preceding(let offset, let open): return "\(text(offset)) \(open ? "OPEN " : "")PRECEDING"
        case .following(let offset, let open): return "\(text(offset)) \(open ? "OPEN " : "")FOLLOWING"
        }
    }

    static func text(_ offset: FrameOffset) -> String {
        "\(offset.value)" + (offset.unit?.rawValue ?? "")
    }
}
