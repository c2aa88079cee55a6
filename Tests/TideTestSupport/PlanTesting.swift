import TideCore
import TidePlan
import TideSQL

/// A catalog and binder for plan tests: tables are created from CREATE TABLE text.
public enum PlanTesting {
    /// A catalog holding the tables the statements create, in database `db`.
    public static func catalog(_ statements: [String], database: String = "db") throws -> InMemoryCatalog {
        var tables: [TableDef] = []
        for sql in statements {
            guard case .createTable(let create) = try Parser.parseStatement(sql) else {
                throw SQLAssertionFailure(description: "not CREATE TABLE: \(sql)")
            }
            let db = create.name.parts.count == 2 ? create.name.parts[0].name : database
            tables.append(try TableDefBuilder.build(create, database: db))
        }
        return InMemoryCatalog(databases: [database], tables: tables)
    }

    /// Parses and binds a query.
    public static func bind(_ sql: String, catalog: InMemoryCatalog, database: String = "db") throws -> BoundQuery {
        guard case .query(let query) = try Parser.parseStatement(sql) else {
            throw SQLAssertionFailure(description: "not a query: \(sql)")
        }
        var binder = Binder(catalog: catalog, database: database)
        return try binder.bind(query)
    }

    /// The EXPLAIN text of a query.
    public static func explain(_ sql: String, catalog: InMemoryCatalog, database: String = "db") throws -> String {
        PlanPrinter.print(try bind(sql, catalog: catalog, database: database).plan)
    }

    /// Binds `sql` expecting an error; returns it.
    public static func bindError(_ sql: String, catalog: InMemoryCatalog, database: String = "db") throws -> TideError {
        do {
            let bound = try bind(sql, catalog: catalog, database: database)
            throw SQLAssertionFailure(description: "expected a bind error, got:\n\(PlanPrinter.print(bound.plan))")
        } catch let error as TideError {
            return error
        }
    }
}
