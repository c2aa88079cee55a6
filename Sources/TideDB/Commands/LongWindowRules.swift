import Foundation
import TideCore
import TidePlan
import TideSQL
import TideStore

/// OpenMLDB's restrictions on `DEPLOY ... OPTIONS(long_windows = 'w1:1d,w2:1000')`
/// (SEMANTICS.md §3.12). TideDB computes long windows like any other window (no
/// pre-aggregation yet), but rejects what OpenMLDB rejects so deployments stay portable,
/// except OpenMLDB's empty-table rule, which only its pre-aggregation needs.
enum LongWindowRules {
    static let functions: Set<String> = [
        "sum", "avg", "count", "min", "max", "count_where", "sum_where", "avg_where", "min_where", "max_where",
    ]

    static func check(_ option: String, query: QueryStatement, database: Database, currentDatabase: String) throws {
        let names = try option.split(separator: ",").map { item -> String in
            let parts = item.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count <= 2, let name = parts.first, !name.isEmpty else {
                throw TideError(.invalidParameterValue, "long_windows must look like 'w1:1d,w2:1000', got '\(option)'")
            }
            let window = name.trimmingCharacters(in: .whitespaces).lowercased()
            // The bucket: a row count, or a time span in s, m, h or d (default 1d).
            if parts.count == 2 { try checkBucket(String(parts[1])) }
            return window
        }
        guard case .select(let core) = query.query.body else {
            throw unsupported("long windows need a single SELECT")
        }
        let defined = Set(core.windows.map { $0.name.name.lowercased() })
        for name in names where !defined.contains(name) {
            throw TideError(.windowingError, "long window \"\(name)\" is not defined in the query")
        }
        if case .join = core.from { throw unsupported("long windows need a single table: no JOIN") }
        for window in core.windows where names.contains(window.name.name.lowercased()) && !window.spec.unions.isEmpty {
            throw unsupported("long window \(window.name) cannot have UNION sources")
        }
        guard case .table(let name, _) = core.from else { throw unsupported("long windows need a single table") }
        let db = name.parts.count == 2 ? name.parts[0].name : currentDatabase
        guard let table = database.catalog.table(database: db, name: name.name.name) else { return }
        for item in core.items {
            guard case .expr(let expr, _) = item else { continue }
            try checkCalls(expr, longWindows: Set(names), table: table)
        }
        // OpenMLDB also requires an empty table (its pre-aggregates start with the table).
        // TideDB reads long windows from the index like any window, so existing rows count.
    }

    private static func unsupported(_ message: String) -> TideError { TideError(.featureNotSupported, message) }

    /// A bucket is a positive row count (`1000`) or a positive time span (`30s`, `10m`, `2h`,
    /// `1d`); anything else (`2y`, `0`, `abc`) is 22023.
    static func checkBucket(_ text: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        if let count = Int64(trimmed), count > 0 { return }
        if let unit = trimmed.last, "smhd".contains(unit), let span = Int64(trimmed.dropLast()), span > 0 { return }
        throw TideError(
            .invalidParameterValue,
            "long window bucket '\(text)' is neither a row count nor a time span in s, m, h or d (such as 1d)")
    }

    private static func checkCalls(_ expr: Expr, longWindows: Set<String>, table: TableDef) throws {
        guard case .function(let call) = expr.kind else {
            switch expr.kind {
            case .binary(_, let a, let b):
                try checkCalls(a, longWindows: longWindows, table: table)
                try checkCalls(b, longWindows: longWindows, table: table)
            case .unary(_, let e), .cast(let e, _):
                try checkCalls(e, longWindows: longWindows, table: table)
            default: break
            }
            return
        }
        guard case .named(let window) = call.over, longWindows.contains(window.name.lowercased()) else { return }
        let name = call.name.description.lowercased()
        guard functions.contains(name) else {
            throw unsupported(
                "\(name) cannot run over long window \(window.name): only \(functions.sorted().joined(separator: ", "))"
            )
        }
        if name.hasSuffix("_where"), call.arguments.count == 2 {
            try checkCondition(call.arguments[1], table: table)
        }
    }

    /// A `_where` condition over a long window must be `column op constant` (or reversed),
    /// on a column that is not a date or timestamp.
    private static func checkCondition(_ condition: Expr, table: TableDef) throws {
        guard case .binary(let op, let a, let b) = condition.kind,
            [.less, .lessOrEqual, .greater, .greaterOrEqual, .equal, .notEqual].contains(op)
        else { throw unsupported("a long-window condition must be `column op constant`") }
        let column: QualifiedName
        switch (a.kind, b.kind) {
        case (.column(let c), .literal), (.literal, .column(let c)): column = c
        default: throw unsupported("a long-window condition must compare a column with a constant")
        }
        let type = table.columnIndex(column.name.name).map { table.columns[$0].type }
        if type == .date || type == .timestamp {
            throw unsupported("a long-window condition cannot test a date or timestamp column")
        }
    }
}
