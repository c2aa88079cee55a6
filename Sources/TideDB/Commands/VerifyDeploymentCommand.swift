import TideBatch
import TideCore
import TideExec
import TidePlan
import TideSQL
import TideStore

/// `VERIFY DEPLOYMENT name [SAMPLE n] [SINCE ts]`: checks that a deployment still computes what
/// its SQL means on the stored data. For each sampled row of the request table (evenly spread
/// over the rows in arrival order, from SINCE on), the features are computed twice over the
/// same data, the table as it was when the row arrived, plus the row:
/// - online, through the request path (index reads, as of just before the row), and
/// - offline, by the batch engine over the table's row log up to the row (no index read).
/// Each feature column gets its mismatch count and the first mismatching row. Any mismatch
/// fails the statement with SQLSTATE XX001 (the report in the error's detail), so scripts and
/// `tide run` exit non-zero.
struct VerifyDeploymentCommand {
    let session: Session
    static let defaultSample: Int64 = 100

    func run(_ statement: VerifyDeploymentStatement) throws -> StatementResult {
        let name = statement.name
        let db = try TableCommands(session: session).currentDatabase(name.parts.count == 2 ? name.parts[0] : nil)
        let database = session.database
        let (deployment, reader): (PreparedDeployment, AsOfIndexReader)
        do {
            (deployment, reader) = try database.prepareAsOf(
                deployment: name.name.name, in: db, timeZone: session.timeZone)
        } catch let error as TideError where error.code == .undefinedObject {
            throw TideError(error.code, error.message, position: name.location.location)
        }
        defer { reader.hide(fromSeq: .max) }
        let table = deployment.requestTable
        let stored = try database.online.allRows(table: table)
        let since = try statement.since.map { try sinceMillis($0, table: table) }
        let candidates =
            since.map { bound in stored.indices.filter { i in rowTime(stored[i], since: bound) } }
            ?? Array(stored.indices)
        let sample = Self.spread(candidates, count: Int(statement.sample ?? Self.defaultSample))
        var report = VerifyReport(columns: deployment.columns.map(\.name))
        let context = session.functionContext
        for i in sample {
            try session.interrupt.check()
            let row = stored[i]
            reader.hide(fromSeq: row.seq)
            let online = try deployment.execute(row.values)
            let sources = PrefixSources(
                base: OnlineSources(database: database, rowLimit: .max), table: table,
                rows: stored[...i].map(\.values))
            let batch = try BatchEngine(sources: sources, context: context).execute(deployment.plan)
            // The batch output keeps the input's order: the sampled row, the last input row,
            // gives the last output row (unless the deployment's WHERE drops it).
            let offline = batch.count > 0 ? batch.row(batch.count - 1) : nil
            report.record(seq: row.seq, request: row.values, online: online, offline: offline)
        }
        if report.hasMismatches {
            throw TideError(
                .dataCorrupted,
                "deployment \(db).\(name.name.name) disagrees with its SQL on \(report.mismatchedRows) of "
                    + "\(report.checked) replayed rows",
                detail: report.detail(table: table),
                hint: "a stored row differs between the table's row log and its indexes, or request mode "
                    + "computes a feature differently; tide repair checks the store")
        }
        return .text(
            tag: "VERIFY", columns: ["feature", "rows_checked", "mismatches", "first_mismatch"],
            rows: report.rows())
    }

    /// `count` positions spread evenly over `indices` (all of them if there are fewer).
    static func spread(_ indices: [Int], count: Int) -> [Int] {
        guard indices.count > count, count > 0 else { return indices }
        return (0..<count).map { k in indices[k * indices.count / count + (indices.count / count - 1)] }
    }

    /// The time SINCE compares with: the TS column of the table's first index that has one,
    /// else its first timestamp column.
    private func timeColumn(_ table: TableDef) throws -> Int {
        let name = table.indexes.lazy.compactMap(\.tsColumn).first
        if let name, let i = table.columnIndex(name) { return i }
        if let i = table.columns.firstIndex(where: { $0.type == .timestamp }) { return i }
        throw TideError(
            .featureNotSupported, "VERIFY ... SINCE needs a time column: table \(table.name) has no index TS")
    }

    private func sinceMillis(_ expr: Expr, table: TableDef) throws -> (column: Int, ms: Int64) {
        let column = try timeColumn(table)
        let value = try RowEvaluator(try ConstantBinder().bind(expr), context: session.functionContext).evaluate([])
        switch value {
        case .timestamp(let ms), .int64(let ms): return (column, ms)
        case .int32(let n): return (column, Int64(n))
        case .string(let text):
            guard let parsed = DateTimeText.parse(text)?.timestamp(in: session.timeZone) else { break }
            return (column, parsed)
        default: break
        }
        throw TideError(
            .invalidParameterValue, "SINCE takes a timestamp, a date-time string or epoch milliseconds",
            position: expr.location.location)
    }

    private func rowTime(_ row: StoredRow, since: (column: Int, ms: Int64)) -> Bool {
        switch row.values[since.column] {
        case .timestamp(let ms), .int64(let ms): return ms >= since.ms
        case .int32(let n): return Int64(n) >= since.ms
        case .int16(let n): return Int64(n) >= since.ms
        default: return false
        }
    }
}

/// The batch engine's tables for one replayed row: the request table is its rows up to the
/// row, every other table reads as online preview reads it.
private struct PrefixSources: TableSourceProvider {
    let base: OnlineSources
    let table: TableDef
    let rows: [[Value]]

    func source(for table: TableDef) throws -> any TableSource {
        try source(for: ScanNode(table: table, alias: table.name))
    }

    func source(for scan: ScanNode) throws -> any TableSource {
        guard scan.table.database == table.database, scan.table.name == table.name else {
            return try base.source(for: scan)
        }
        // The deployment's plan has no index lookups: its filters run above the scan.
        return InMemoryTableSource(rows: rows, width: table.columns.count)
    }
}
