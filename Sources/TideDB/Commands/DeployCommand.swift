import TideCore
import TideExec
import TideOnline
import TidePlan
import TideSQL
import TideStore

/// DEPLOY, DROP DEPLOYMENT and EXECUTE DEPLOYMENT.
///
/// DEPLOY checks that the query can run in request mode, creates the indexes its windows
/// and LAST JOINs need (back-filling them from the rows already stored) or lengthens the TTL
/// of existing ones, and stores the deployment's SQL (OpenMLDB's DEPLOY, SEMANTICS.md §3.11).
struct DeployCommand {
    let session: Session

    func deploy(_ statement: DeployStatement) throws -> StatementResult {
        let db = try TableCommands(session: session).currentDatabase(
            statement.name.parts.count == 2 ? statement.name.parts[0] : nil)
        let name = statement.name.name.name
        let catalog = session.database.catalog
        if catalog.deployment(database: db, name: name) != nil {
            if statement.ifNotExists { return StatementResult(tag: "DEPLOY") }
            throw TideError(
                .duplicateObject, "deployment \"\(name)\" already exists", position: statement.name.location.location)
        }
        if let option = statement.options?.value("long_windows") {
            try LongWindowRules.check(
                try StatementOptions.text(option), query: statement.query, database: session.database,
                currentDatabase: db)
        }
        var binder = Binder(catalog: catalog, database: db)
        let first = try binder.bind(statement.query)
        // Reject what request mode can never run before touching any index.
        try checkShape(first.plan)
        var created: [String] = []
        var lengthened: [String] = []
        for (n, need) in IndexRequirements.collect(first.plan).enumerated() {
            guard var table = catalog.table(database: need.database, name: need.table),
                let record = catalog.tableRecord(database: need.database, name: need.table)
            else { continue }
            if let existing = need.indexName, let i = table.indexes.firstIndex(where: { $0.name == existing }) {
                let merged = IndexRequirements.merge(table.indexes[i].ttl, need.requiredTTL)
                if merged != table.indexes[i].ttl {
                    let index = "\(table.name).\(existing)"
                    if !table.indexes[i].ttl.keepsEverything {
                        lengthened.append(
                            "lengthened the TTL of index \(index) from \(table.indexes[i].ttl) to \(merged)")
                    }
                    table.indexes[i].ttl = merged
                    _ = try catalog.replaceTable(table)
                }
                continue
            }
            // OpenMLDB semantics: a new index starts from the default TTL (keep everything),
            // which the requirement is merged into; only existing finite TTLs are lengthened.
            let index = IndexDef(
                name: "\(name)_index\(n + 1)", keyColumns: need.keyColumns, tsColumn: need.tsColumn,
                ttl: IndexRequirements.merge(TTL.forever, need.requiredTTL))
            if table.indexes.contains(where: { $0.serves(keys: index.keyColumns, ts: index.tsColumn) }) { continue }
            table.indexes.append(index)
            // Built first, recorded once complete (a kill meanwhile leaves no trace in the catalog).
            try session.database.online.backfill(index: index, table: table, tableID: record.id) {
                _ = try catalog.replaceTable(table)
            }
            created.append("\(table.name).\(index.name)")
        }
        var rebinder = Binder(catalog: catalog, database: db)
        let bound = try rebinder.bind(statement.query)
        try RequestModeValidator.validate(bound.plan)
        let sql = SQLPrinter.print(.query(statement.query))
        var metadata: [String: JSONValue] = ["created_indexes": .array(created.map(JSONValue.string))]
        if let options = statement.options {
            for entry in options.entries {
                metadata[entry.name.name.lowercased()] = .string((try? StatementOptions.text(entry.value)) ?? "")
            }
        }
        _ = try catalog.createDeployment(database: db, name: name, sql: sql, metadata: .object(metadata))
        return StatementResult(
            tag: "DEPLOY", warnings: bound.warnings + created.map { "created index \($0)" } + lengthened)
    }

    /// Request-mode rules that no index can fix (GROUP BY, a LAST JOIN without an equality,
    /// ...), checked up front; missing indexes are created afterwards.
    private func checkShape(_ plan: PhysicalPlan) throws {
        if let unindexable = try RequestModeValidator.analyze(plan).unindexable.first { throw unindexable }
    }

    func drop(_ name: QualifiedName, ifExists: Bool) throws -> StatementResult {
        let db = try TableCommands(session: session).currentDatabase(name.parts.count == 2 ? name.parts[0] : nil)
        _ = try session.database.catalog.dropDeployment(database: db, name: name.name.name, ifExists: ifExists)
        return StatementResult(tag: "DROP DEPLOYMENT")
    }

    /// `EXECUTE DEPLOYMENT d VALUES (...)`: the deployment's query in request mode, one
    /// output row per request row.
    func execute(_ name: QualifiedName, rows: [[Expr]]) throws -> StatementResult {
        let prepared = try deployment(name)
        let values = OptionValue.list(rows.map { .tuple($0.map(OptionValue.expr)) })
        return try run(
            prepared, RequestRows.parse(values, table: prepared.requestTable, context: session.functionContext))
    }

    /// `EXECUTE DEPLOYMENT d VALUES ($1, ...)` with its parameters bound: the rows are values
    /// already, converted to the request table's types as written values would be.
    func execute(_ name: QualifiedName, values: [[Value]]) throws -> StatementResult {
        let prepared = try deployment(name)
        let context = session.functionContext
        return try run(
            prepared, values.map { try RequestRows.convert($0, table: prepared.requestTable, context: context) })
    }

    private func deployment(_ name: QualifiedName) throws -> PreparedDeployment {
        let db = try TableCommands(session: session).currentDatabase(name.parts.count == 2 ? name.parts[0] : nil)
        do {
            return try session.database.deploymentCache.deployment(
                name.name.name, in: db, timeZone: session.timeZone
            ).prepared
        } catch let error as TideError where error.code == .undefinedObject {
            throw TideError(error.code, error.message, position: name.location.location)
        }
    }

    private func run(_ prepared: PreparedDeployment, _ requests: [[Value]]) throws -> StatementResult {
        let columns = prepared.columns.map { ResultColumn(name: $0.name, type: $0.type) }
        return StatementResult(
            tag: "EXECUTE", columns: columns,
            rows: try requests.compactMap { request in
                try session.interrupt.check()
                return try prepared.execute(request)
            })
    }
}
