import TideBatch
import TideCore
import TideExec
import TidePlan
import TideSQL
import TideTestSupport

/// Tables in memory and a way to run queries on them with the batch engine.
struct BatchTestDatabase: TableSourceProvider {
    var catalog: InMemoryCatalog
    var rows: [String: [[Value]]]

    /// A database without tables.
    static var empty: BatchTestDatabase {
        BatchTestDatabase(catalog: InMemoryCatalog(), rows: [:])
    }

    init(catalog: InMemoryCatalog, rows: [String: [[Value]]]) {
        self.catalog = catalog
        self.rows = rows
    }

    init(_ ddl: [String]) throws {
        catalog = try PlanTesting.catalog(ddl)
        rows = [:]
    }

    mutating func insert(_ table: String, _ values: [[Value]]) {
        rows[table, default: []].append(contentsOf: values)
    }

    func source(for table: TableDef) throws -> any TableSource {
        InMemoryTableSource(rows: rows[table.name] ?? [], width: table.columns.count)
    }

    func query(_ sql: String, timeZone: SessionTimeZone = .utc) throws -> [[Value]] {
        let bound = try PlanTesting.bind(sql, catalog: catalog)
        return try BatchEngine(sources: self, context: FunctionContext(timeZone: timeZone)).rows(bound.plan)
    }
}
