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
        let (db, name, exists) = try checkedName(statement)
        if exists { return StatementResult(tag: "DEPLOY") }
        let catalog = session.database.catalog
        let changes = try indexChanges(statement, database: db, deployment: name, apply: true)
        var rebinder = Binder(catalog: catalog, database: db)
        let bound = try rebinder.bind(statement.query)
        try RequestModeValidator.validate(bound.plan)
        let sql = SQLPrinter.print(.query(statement.query))
        let created = changes.compactMap { $0.action == .createIndex ? $0.object : nil }
        var metadata: [String: JSONValue] = ["created_indexes": .array(created.map(JSONValue.string))]
        if let options = statement.options {
            for entry in options.entries {
                metadata[entry.name.name.lowercased()] = .string((try? StatementOptions.text(entry.value)) ?? "")
            }
        }
        // Tiles first (built from the stored rows, then kept by every write); a deployment
        // whose tiles a crash left unbuilt gets them when the directory opens.
        let tiles = try session.database.tilePlan(
            database: db, deployment: name, plan: bound.plan,
            longWindows: try statement.options?.value("long_windows").map(StatementOptions.text))
        try session.database.buildTiles(tiles, member: Database.tileMember(database: db, deployment: name))
        do {
            _ = try catalog.createDeployment(database: db, name: name, sql: sql, metadata: .object(metadata))
        } catch {
            try? session.database.dropTiles(database: db, deployment: name)
            throw error
        }
        let lengthened = changes.compactMap { change in
            change.action == .lengthenTTL && !change.wasUnbounded
                ? "lengthened the TTL of index \(change.object) \(change.detail)" : nil
        }
        return StatementResult(
            tag: "DEPLOY", warnings: bound.warnings + created.map { "created index \($0)" } + lengthened)
    }

    /// `EXPLAIN DEPLOY ...`: what DEPLOY would do — the indexes it would create (with the rows
    /// it would back-fill them from) and the TTLs it would lengthen — checked as DEPLOY checks
    /// the query, and nothing changed.
    func dryRun(_ statement: DeployStatement) throws -> StatementResult {
        let (db, name, _) = try checkedName(statement)
        let changes = try indexChanges(statement, database: db, deployment: name, apply: false)
        var rows = changes.map { change in
            [change.action.rawValue, change.object, change.backfillRows.map(String.init) ?? "", change.detail]
        }
        if let option = statement.options?.value("long_windows") {
            var binder = Binder(catalog: session.database.catalog, database: db)
            let plan = try session.database.tilePlan(
                database: db, deployment: name, plan: try binder.bind(statement.query).plan,
                longWindows: try StatementOptions.text(option))
            for (set, key, group, exists) in try session.database.tileGroupsAfterDeploy(plan) {
                let stored = try session.database.online.lastSeq(tableID: key.tableID)
                // Value-keeping aggregates over long frames also get coarse tiles (TileGroup);
                // deployments over the same index and bucket share their tiles.
                let coarse =
                    group.coarseLevels == 0
                    ? ""
                    : " and "
                        + TileGroup.coarseBuckets(set.bucketMs ?? 0).prefix(group.coarseLevels).map { "\($0) ms" }
                        .joined(separator: ", ") + " coarse tiles"
                rows.append([
                    exists ? "share tiles" : "build tiles", set.name, exists ? "0" : String(stored),
                    "index \(set.table.name).\(set.indexName), \(set.bucket.label) buckets\(coarse): "
                        + set.calls.map(\.column.name).joined(separator: ", "),
                ])
            }
            for line in plan.untiled { rows.append(["long window", line, "", ""]) }
        }
        rows.append(["create deployment", "\(db).\(name)", "", SQLPrinter.print(.query(statement.query))])
        return .text(tag: "EXPLAIN", columns: ["action", "object", "rows_to_backfill", "detail"], rows: rows)
    }

    /// The deployment's database and name, and whether it exists already (only with IF NOT
    /// EXISTS: otherwise that is 42710).
    private func checkedName(_ statement: DeployStatement) throws -> (String, String, exists: Bool) {
        let db = try TableCommands(session: session).currentDatabase(
            statement.name.parts.count == 2 ? statement.name.parts[0] : nil)
        let name = statement.name.name.name
        let exists = session.database.catalog.deployment(database: db, name: name) != nil
        if exists, !statement.ifNotExists {
            throw TideError(
                .duplicateObject, "deployment \"\(name)\" already exists", position: statement.name.location.location)
        }
        return (db, name, exists)
    }

    /// One change DEPLOY makes to an index.
    struct IndexChange {
        enum Action: String {
            case createIndex = "create index"
            case lengthenTTL = "lengthen TTL"
        }
        var action: Action
        /// `table.index`.
        var object: String
        var detail: String
        /// Rows stored in the table (an upper bound of the rows a new index is built from).
        var backfillRows: UInt64?
        /// A lengthened TTL that kept everything before (merged, not lengthened: no warning).
        var wasUnbounded = false
    }

    /// The index changes the query needs, in order; with `apply`, made as they are found
    /// (each new index built from the stored rows, then recorded in the catalog).
    private func indexChanges(_ statement: DeployStatement, database db: String, deployment name: String, apply: Bool)
        throws -> [IndexChange]
    {
        let catalog = session.database.catalog
        var binder = Binder(catalog: catalog, database: db)
        let first = try binder.bind(statement.query)
        if let option = statement.options?.value("long_windows") {
            _ = try LongWindowRules.check(try LongWindow.parse(try StatementOptions.text(option)), plan: first.plan)
        }
        // Reject what request mode can never run before touching any index.
        try checkShape(first.plan)
        var changes: [IndexChange] = []
        // Tables as the changes so far left them (a dry run writes nothing to the catalog).
        var planned: [String: TableDef] = [:]
        for (n, need) in IndexRequirements.collect(first.plan).enumerated() {
            let key = "\(need.database).\(need.table)"
            guard var table = planned[key] ?? catalog.table(database: need.database, name: need.table),
                let record = catalog.tableRecord(database: need.database, name: need.table)
            else { continue }
            if let existing = need.indexName, let i = table.indexes.firstIndex(where: { $0.name == existing }) {
                let merged = IndexRequirements.merge(table.indexes[i].ttl, need.requiredTTL)
                if merged != table.indexes[i].ttl {
                    changes.append(
                        IndexChange(
                            action: .lengthenTTL, object: "\(table.name).\(existing)",
                            detail: "from \(table.indexes[i].ttl) to \(merged)",
                            wasUnbounded: table.indexes[i].ttl.keepsEverything))
                    table.indexes[i].ttl = merged
                    if apply {
                        _ = try catalog.replaceTable(table)
                        try session.database.rebuildTiles(after: table, tableID: record.id)
                    }
                    planned[key] = table
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
            changes.append(
                IndexChange(
                    action: .createIndex, object: "\(table.name).\(index.name)",
                    detail: "KEY=(\(index.keyColumns.joined(separator: ", ")))"
                        + (index.tsColumn.map { ", TS=\($0)" } ?? "") + ", TTL=\(index.ttl)",
                    backfillRows: try session.database.online.lastSeq(tableID: record.id)))
            if apply {
                // Built first, recorded once complete (a kill meanwhile leaves no trace in the catalog).
                try session.database.online.backfill(index: index, table: table, tableID: record.id) {
                    _ = try catalog.replaceTable(table)
                }
            }
            planned[key] = table
        }
        return changes
    }

    /// Request-mode rules that no index can fix (GROUP BY, a LAST JOIN without an equality,
    /// ...), checked up front; missing indexes are created afterwards.
    private func checkShape(_ plan: PhysicalPlan) throws {
        if let unindexable = try RequestModeValidator.analyze(plan).unindexable.first { throw unindexable }
    }

    func drop(_ name: QualifiedName, ifExists: Bool) throws -> StatementResult {
        let db = try TableCommands(session: session).currentDatabase(name.parts.count == 2 ? name.parts[0] : nil)
        let dropped = try session.database.catalog.dropDeployment(
            database: db, name: name.name.name, ifExists: ifExists)
        if let dropped { try session.database.dropTiles(database: dropped.database, deployment: dropped.name) }
        return StatementResult(tag: "DROP DEPLOYMENT")
    }

    /// `EXECUTE DEPLOYMENT d VALUES (...)`: the deployment's query in request mode, one
    /// output row per request row.
    func execute(_ name: QualifiedName, rows: [[Expr]]) throws -> StatementResult {
        let entry = try deployment(name)
        let prepared = entry.prepared
        let values = OptionValue.list(rows.map { .tuple($0.map(OptionValue.expr)) })
        return try run(
            entry, RequestRows.parse(values, table: prepared.requestTable, context: session.functionContext))
    }

    /// `EXECUTE DEPLOYMENT d VALUES ($1, ...)` with its parameters bound: the rows are values
    /// already, converted to the request table's types as written values would be.
    func execute(_ name: QualifiedName, values: [[Value]]) throws -> StatementResult {
        let entry = try deployment(name)
        let context = session.functionContext
        return try run(
            entry, values.map { try RequestRows.convert($0, table: entry.prepared.requestTable, context: context) })
    }

    private func deployment(_ name: QualifiedName) throws -> DeploymentCache.Entry {
        let db = try TableCommands(session: session).currentDatabase(name.parts.count == 2 ? name.parts[0] : nil)
        do {
            return try session.database.deploymentCache.deployment(
                name.name.name, in: db, timeZone: session.timeZone)
        } catch let error as TideError where error.code == .undefinedObject {
            throw TideError(error.code, error.message, position: name.location.location)
        }
    }

    private func run(_ entry: DeploymentCache.Entry, _ requests: [[Value]]) throws -> StatementResult {
        let columns = entry.prepared.columns.map { ResultColumn(name: $0.name, type: $0.type) }
        let rows = try entry.execute(requests, beforeEach: { try session.interrupt.check() })
        return StatementResult(tag: "EXECUTE", columns: columns, rows: rows)
    }
}
