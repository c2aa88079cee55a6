import TideBatch
import TideCore
import TideExec
import TidePlan
import TideSQL
import TideStore

/// SELECT: binds the query, runs it on the engine the session's mode selects, and writes
/// INTO OUTFILE targets.
struct QueryCommand {
    let session: Session

    func run(_ statement: QueryStatement) throws -> StatementResult {
        var binder = Binder(catalog: session.database.catalog, database: session.currentDatabase)
        let bound = try binder.bind(statement)
        if let mode = try requestedMode(statement.config), mode == .request {
            throw TideError(
                .featureNotSupported, "request mode is not supported yet: it needs the online store",
                hint: "run the query in offline mode to compute features over history")
        }
        switch session.executeMode {
        case .offline:
            break
        case .online, .request:
            throw TideError(
                .featureNotSupported, "online queries are not supported yet: the online store is not available",
                hint: "SET @@execute_mode = 'offline' to query the offline store")
        }
        let engine = BatchEngine(
            sources: OfflineSources(store: session.database.offline), context: session.functionContext)
        let result = try engine.execute(bound.plan)
        let columns = bound.columns.map { ResultColumn(name: $0.name, type: $0.type) }
        if let outfile = statement.outfile {
            let written = try OutfileWriter(session: session).write(result, columns: columns, to: outfile)
            return StatementResult(tag: "SELECT", affectedRows: written, warnings: bound.warnings)
        }
        let rows = (0..<result.count).map(result.row)
        return StatementResult(tag: "SELECT", columns: columns, rows: rows, warnings: bound.warnings)
    }

    /// `CONFIG (execute_mode = '...')`, if given.
    private func requestedMode(_ config: OptionList?) throws -> ExecuteMode? {
        guard let value = config?.value("execute_mode") else { return nil }
        guard case .expr(let e) = value, case .literal(.string(let text)) = e.kind,
            let mode = ExecuteMode(rawValue: text.lowercased())
        else {
            throw TideError(.invalidParameterValue, "CONFIG execute_mode must be 'online', 'offline' or 'request'")
        }
        return mode
    }
}

/// The batch engine reads tables from the offline store.
struct OfflineSources: TableSourceProvider {
    let store: OfflineStore

    func source(for table: TableDef) throws -> any TableSource { try store.source(for: table) }
}
