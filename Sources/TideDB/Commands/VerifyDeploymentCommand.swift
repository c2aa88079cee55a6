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
/// - offline, by the batch engine over the table's row log up to the row (no index read):
///   one batch over the whole table serves every row that no later-arriving row precedes in
///   window order (`VerifyReplayPlan`), a batch over the rows up to it serves the others.
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
        let base = OnlineSources(database: database, rowLimit: .max)
        func batch(upTo end: Int) throws -> ColumnBatch {
            let sources = PrefixSources(base: base, table: table, rows: stored[..<end].map(\.values))
            return try BatchEngine(sources: sources, context: context).execute(deployment.plan)
        }
        let replay = try VerifyReplayPlan(plan: deployment.plan, table: table, rows: stored, context: context)
        var whole: ColumnBatch? = nil
        if sample.contains(where: { replay.unaffectedByLaterRows[$0] }) {
            let all = try batch(upTo: stored.count)
            // Only if the rows with an answer are exactly the output rows.
            if all.count == replay.answered?.lazy.filter({ $0 }).count { whole = all }
        }
        for i in sample {
            try session.interrupt.check()
            let row = stored[i]
            reader.hide(fromSeq: row.seq)
            let online = try deployment.execute(row.values)
            let offline: [Value]?
            if let whole, replay.unaffectedByLaterRows[i] {
                offline = replay.outputIndex(of: i).map(whole.row)
            } else if replay.answered != nil {
                offline = try replay.outputIndex(of: i).map { _ in
                    // The replayed row is the last input row: its answer is the last output row.
                    let prefix = try batch(upTo: i + 1)
                    return prefix.count > 0 ? prefix.row(prefix.count - 1) : []
                }
            } else {
                // Whether the row has an answer shows in the output counts with and without it.
                let prefix = try batch(upTo: i + 1)
                let before = try batch(upTo: i).count
                offline = prefix.count > before ? prefix.row(prefix.count - 1) : nil
            }
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
