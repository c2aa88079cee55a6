import Foundation
import Synchronization
import TideCore
import TideDB
import TidePlan
import TideStore

/// Runs offline queries on Apache Spark through Spark Connect (issue 15): the plan is
/// lowered to Spark SQL first (a plan that cannot be lowered fails with 0A000 before any
/// work), the tables it scans are exported once per snapshot (`SparkTableExport`) and
/// registered as temporary views of the Spark session, the session's time zone is set to
/// TideDB's, and the rows come back as Arrow.
///
/// One Spark Connect session per server address for the whole process; statements that use
/// it are serialized, as TideDB's sessions would otherwise race on its views.
public final class SparkOfflineEngine: RemoteOfflineEngine {
    private let export: SparkTableExport
    private let sessions = Mutex<[SparkEndpoint: SparkSession]>([:])
    /// Held while a statement uses Spark (exports and view definitions are shared).
    private let running = Mutex<Void>(())

    /// Where spooled results are written (`runSpooled`), one directory per statement.
    private let spoolRoot: String

    /// - Parameter exportDirectory: where table snapshots are written for Spark to read; Spark
    ///   must see the same path (a local Spark, or a shared file system).
    public init(exportDirectory: String) {
        export = SparkTableExport(root: exportDirectory)
        spoolRoot = exportDirectory + "/spooled-results"
        // Left over by a process that stopped while Spark was writing.
        try? FileManager.default.removeItem(atPath: spoolRoot)
    }

    public func explain(_ query: RemoteOfflineQuery) throws -> String {
        let domains = SparkCategoryDomains()
        let sql = try emitter(domains).emit(query.plan)
        if domains.pending.isEmpty { return sql }
        // The categories are read when the query runs; until then the array form is shown.
        let notes = domains.pending.map { "-- categories read first: \($0)" }
        return
            ([
                sql,
                "-- with at most \(SparkCategoryDomains.limit) categories, each *_cate aggregate is computed "
                    + "as one conditional window aggregate per category",
            ] + notes).joined(separator: "\n")
    }

    public func run(_ query: RemoteOfflineQuery, batch: (ColumnBatch) throws -> Void) throws {
        let width = query.plan.columns.count
        try withPrepared(query, lower: { try $0.emit(query.plan) }) { session, views, zone, sql in
            // Spark's batches reach `batch` on this thread as they arrive.
            try BlockingCall.stream(
                interrupt: query.interrupt,
                produce: { send in
                    try await session.prepare(views: views, timeZone: zone)
                    try await session.client.query(sql, interrupt: query.interrupt) { reader in
                        guard reader.columns.count == max(width, 1) else {
                            throw TideError.internal("Spark returned \(reader.columns.count) columns for \(width)")
                        }
                        send(ColumnBatch(columns: width == 0 ? [] : reader.columns, count: reader.rowCount))
                    }
                }, consume: batch)
        }
    }

    public func runSpooled(_ query: RemoteOfflineQuery, batch: (ColumnBatch) throws -> Void) throws {
        var types: [DataType] = []
        for column in query.plan.columns {
            guard case .scalar(let type) = column.type else {
                // Spark's Parquet writer takes neither NULL-typed nor nested columns.
                return try run(query, batch: batch)
            }
            types.append(type)
        }
        guard !types.isEmpty else { return try run(query, batch: batch) }
        let directory = "\(spoolRoot)/\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let names = types.indices.map { "c\($0)" }
        // Small row groups: they are what this process holds while it reads the spool back.
        try write(
            query, names: names, directory: directory,
            options: [("compression", "snappy"), ("parquet.block.size", String(Self.spoolRowGroupBytes))])
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        // An empty result may leave no part file at all.
        guard files.contains(where: { $0.hasSuffix(".parquet") && !$0.hasPrefix(".") }) else { return }
        let result = TableDef(
            database: "", name: "result", columns: zip(names, types).map { ColumnDef(name: $0, type: $1) })
        let reader = try ParquetReader(path: directory, table: result)
        while let rows = try reader.next() {
            try query.interrupt.check()
            try batch(rows)
        }
    }

    /// The row group size of spooled results (Spark's default, 128 MB, would be read back
    /// as several times that in memory).
    static let spoolRowGroupBytes = 8 << 20

    public func writeParquet(
        _ query: RemoteOfflineQuery, names: [String], directory: String, compression: String
    ) throws {
        try write(query, names: names, directory: directory, options: [("compression", compression)])
    }

    /// Has Spark write the plan's rows as Parquet into the new `directory`, with the Parquet
    /// writer's `options`.
    private func write(
        _ query: RemoteOfflineQuery, names: [String], directory: String, options: [(String, String)]
    ) throws {
        try withPrepared(query, lower: { try $0.emit(query.plan, names: names) }) { session, views, zone, select in
            let settings = options.map { "\(SparkSQLText.string($0)) = \(SparkSQLText.string($1))" }
            let sql =
                "INSERT OVERWRITE DIRECTORY \(SparkSQLText.string(directory)) USING parquet "
                + "OPTIONS (\(settings.joined(separator: ", "))) \(select)"
            try BlockingCall.stream(
                interrupt: query.interrupt,
                produce: { (_: @Sendable (Int) -> Void) in
                    try await session.prepare(views: views, timeZone: zone)
                    try await session.client.command(sql, interrupt: query.interrupt)
                }, consume: { _ in })
        }
    }

    /// Lowers the query with `lower` before anything runs (a refusal costs nothing), then,
    /// holding `running`, prepares Spark for it and calls `body` with the session, the views,
    /// the time zone and the final SQL (lowered again when categories were read).
    private func withPrepared(
        _ query: RemoteOfflineQuery, lower: (SparkSQLEmitter) throws -> String,
        body: (SparkSession, [(name: String, directory: String)], String, String) throws -> Void
    ) throws {
        let domains = SparkCategoryDomains()
        let firstPass = try lower(emitter(domains))
        try running.withLock { _ in
            let (session, views, zone, readCategories) = try prepare(query, domains: domains)
            try body(session, views, zone, readCategories ? try lower(emitter(domains)) : firstPass)
        }
    }

    /// What a statement needs before its query runs: the session, the tables it scans
    /// exported and named as views, and the categories its first lowering asked for
    /// (`domains.pending`) read into `domains`; `readCategories` says whether the query must
    /// be lowered again. Called holding `running`.
    private func prepare(_ query: RemoteOfflineQuery, domains: SparkCategoryDomains) throws -> (
        session: SparkSession, views: [(name: String, directory: String)], timeZone: String, readCategories: Bool
    ) {
        let session = try session(for: query.endpoint)
        var views: [(name: String, directory: String)] = []
        for table in Self.scannedTables(query.plan) {
            let source = try query.source(table)
            let directory = try export.directory(for: source, interrupt: query.interrupt)
            views.append((Self.viewName(table), directory))
        }
        let zone = query.timeZone.description
        let tableViews = views
        let pending = domains.pending
        if !pending.isEmpty {
            try BlockingCall.stream(
                interrupt: query.interrupt,
                produce: { send in
                    try await session.prepare(views: tableViews, timeZone: zone)
                    for categoriesQuery in pending {
                        let values = Mutex<[Value]>([])
                        try await session.client.query(categoriesQuery, interrupt: query.interrupt) { reader in
                            values.withLock { $0 += reader.columns.first ?? [] }
                        }
                        send((categoriesQuery, values.withLock { $0 }))
                    }
                }, consume: { domains.record(query: $0.0, values: $0.1) })
        }
        return (session, views, zone, !pending.isEmpty)
    }

    private func emitter(_ domains: SparkCategoryDomains) -> SparkSQLEmitter {
        SparkSQLEmitter(view: Self.viewName, categoryDomains: domains)
    }

    private func session(for endpoint: SparkEndpoint) throws -> SparkSession {
        try sessions.withLock { sessions in
            if let session = sessions[endpoint] { return session }
            let session = SparkSession(client: try SparkConnectClient(endpoint: endpoint))
            sessions[endpoint] = session
            return session
        }
    }

    /// The temporary view a table is read through: `tide_<database>__<table>`.
    static func viewName(_ table: TableDef) -> String {
        SparkSQLText.identifierFor(view: "tide_\(table.database)__\(table.name)")
    }

    /// Every table a plan scans, each once.
    static func scannedTables(_ plan: PhysicalPlan) -> [TableDef] {
        var seen = Set<String>()
        var tables: [TableDef] = []
        func visit(_ plan: PhysicalPlan) {
            if case .scan(let scan) = plan, seen.insert("\(scan.table.database).\(scan.table.name)").inserted {
                tables.append(scan.table)
            }
            plan.children.forEach(visit)
        }
        visit(plan)
        return tables
    }
}

/// A Spark Connect session and the views and settings it has been given.
final class SparkSession: Sendable {
    let client: SparkConnectClient
    private let state = Mutex<(views: [String: String], timeZone: String?)>(([:], nil))

    init(client: SparkConnectClient) {
        self.client = client
    }

    /// Points each view at its snapshot directory and sets the time zone, where they changed.
    func prepare(views: [(name: String, directory: String)], timeZone: String) async throws {
        if state.withLock({ $0.timeZone }) != timeZone {
            try await client.setConfig([
                ("spark.sql.session.timeZone", timeZone),
                // TideDB's arithmetic: x / 0 is NULL, not an error.
                ("spark.sql.ansi.enabled", "false"),
                // Parquet written by Spark (a directory OUTFILE) keeps TideDB's millisecond
                // timestamps in the standard logical type (Spark's default is legacy INT96).
                ("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MILLIS"),
            ])
            state.withLock { $0.timeZone = timeZone }
        }
        for view in views where state.withLock({ $0.views[view.name] }) != view.directory {
            try await client.command(
                "CREATE OR REPLACE TEMPORARY VIEW \(view.name) USING parquet OPTIONS (path \(SparkSQLText.string(view.directory)))"
            )
            state.withLock { $0.views[view.name] = view.directory }
        }
    }
}
