import TideCore
import TidePlan
import TideSQL
import TideStore

/// CREATE TABLE, DROP TABLE, TRUNCATE TABLE, DESC, and table lookup for other commands.
struct TableCommands {
    let session: Session

    /// The database a statement means: its qualifier, else the session's current one.
    func currentDatabase(_ qualifier: Identifier?) throws -> String {
        if let qualifier {
            guard session.database.catalog.databaseExists(qualifier.name) else {
                throw TideError(
                    .invalidCatalogName, "database \"\(qualifier)\" does not exist",
                    position: qualifier.location.location)
            }
            return qualifier.name
        }
        guard !session.currentDatabase.isEmpty else {
            throw TideError(.invalidCatalogName, "no database selected", hint: "run USE <database> first")
        }
        return session.currentDatabase
    }

    func table(_ name: QualifiedName) throws -> TableDef {
        let db = try currentDatabase(name.parts.count == 2 ? name.parts[0] : nil)
        guard let table = session.database.catalog.table(database: db, name: name.name.name) else {
            throw TideError(.undefinedTable, "table \"\(name)\" does not exist", position: name.location.location)
        }
        return table
    }

    func create(_ create: CreateTableStatement) throws -> StatementResult {
        // A drop that failed part-way is finished first, so a new table of the same name
        // never finds the old one's offline files.
        try session.database.finishPendingDrops()
        let db = try currentDatabase(create.name.parts.count == 2 ? create.name.parts[0] : nil)
        let table: TableDef
        switch create.like {
        case .table(let source):
            var copy = try self.table(source)
            copy.database = db
            copy.name = create.name.name.name
            table = copy
        case .external:
            throw TideError(.featureNotSupported, "CREATE TABLE ... LIKE a file format is not supported yet")
        case nil:
            table = try TableDefBuilder.build(create, database: db)
        }
        _ = try session.database.catalog.createTable(table, ifNotExists: create.ifNotExists)
        return StatementResult(tag: "CREATE TABLE")
    }

    func drop(_ name: QualifiedName, ifExists: Bool) throws -> StatementResult {
        let db = try currentDatabase(name.parts.count == 2 ? name.parts[0] : nil)
        guard let table = session.database.catalog.table(database: db, name: name.name.name) else {
            if ifExists { return StatementResult(tag: "DROP TABLE") }
            throw TideError(.undefinedTable, "table \"\(name)\" does not exist", position: name.location.location)
        }
        // As OpenMLDB: a table a deployment reads stays until the deployment is dropped,
        // rather than leaving a deployment that fails on every request.
        let readers = session.database.deployments(reading: table)
        if let first = readers.first {
            let names = readers.map { "\($0.database).\($0.name)" }.joined(separator: ", ")
            throw TideError(
                "2BP01", "cannot drop table \(table.database).\(table.name): deployment \(names) reads it",
                hint: "DROP DEPLOYMENT \(first.database).\(first.name) first", position: name.location.location)
        }
        // One catalog write drops the table and records it as dropping; removing its rows and
        // files follows and is finished at the next open if this process dies first.
        if let record = try session.database.catalog.dropTable(database: db, name: table.name, ifExists: ifExists) {
            try session.database.finishDrop(record)
        }
        return StatementResult(tag: "DROP TABLE")
    }

    func truncate(_ name: QualifiedName) throws -> StatementResult {
        let table = try table(name)
        try session.database.offline.truncate(table)
        if let record = session.database.catalog.tableRecord(database: table.database, name: table.name) {
            try session.database.online.truncate(tableID: record.id)
        }
        return StatementResult(tag: "TRUNCATE TABLE")
    }

    /// DESC: one row per column, then one per index.
    func describe(_ name: QualifiedName) throws -> StatementResult {
        let table = try table(name)
        var rows = table.columns.enumerated().map { i, c in
            [String(i + 1), c.name, c.type.rawValue, c.notNull ? "NO" : "YES", c.defaultValue ?? ""]
        }
        for index in table.indexes {
            rows.append([
                "index", index.name, "key=" + index.keyColumns.joined(separator: ","),
                "ts=" + (index.tsColumn ?? "-"), "ttl=" + index.ttl.description,
            ])
        }
        return .text(tag: "DESC", columns: ["#", "Field", "Type", "Null", "Default"], rows: rows)
    }
}

/// The canonical CREATE TABLE text of a table (SHOW CREATE TABLE).
enum TableDDL {
    static func text(_ table: TableDef) -> String {
        var parts = table.columns.map { c in
            "`\(c.name)` \(c.type.rawValue)" + (c.notNull ? " NOT NULL" : "")
                + (c.defaultValue.map { " DEFAULT \($0)" } ?? "")
        }
        for index in table.indexes {
            let keys =
                index.keyColumns.count == 1 ? index.keyColumns[0] : "(" + index.keyColumns.joined(separator: ", ") + ")"
            var items = ["KEY=\(keys)"]
            if let ts = index.tsColumn { items.append("TS=\(ts)") }
            switch index.ttl.kind {
            case .absolute: items.append("TTL=\(index.ttl.absoluteMs / 60_000)m")
            case .latest: items.append("TTL=\(index.ttl.latestCount)")
            case .absAndLat, .absOrLat:
                items.append("TTL=(\(index.ttl.absoluteMs / 60_000)m, \(index.ttl.latestCount))")
            }
            items.append("TTL_TYPE=\(index.ttl.kind.rawValue)")
            parts.append("INDEX \(index.name) (" + items.joined(separator: ", ") + ")")
        }
        return "CREATE TABLE `\(table.name)` (\n  " + parts.joined(separator: ",\n  ") + "\n)"
    }
}
