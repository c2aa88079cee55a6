import Foundation
import Testing
import TideCore
import TidePlan
import TideSQL
import TideTestSupport

/// EXPLAIN of every query in `sql/examples/*.sql`, compared with `sql/examples/explain/<name>.explain`.
/// Run with `TIDE_UPDATE_GOLDEN=1` to rewrite the golden files, then review the diff.
@Suite struct ExplainGoldenTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let examples = root.appendingPathComponent("sql/examples")

    static var scripts: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: examples.path)) ?? []
        return names.filter { $0.hasSuffix(".sql") }.sorted()
    }

    /// EXPLAIN text for each query of a script, with the tables its DDL (and that of the
    /// examples before it, which the README runs in order) creates.
    static func explain(script: String, after earlier: [String]) throws -> String {
        var tables: [TableDef] = []
        var database = ""
        var out: [String] = []
        for previous in earlier {
            for entry in ScriptParser.parse(previous) {
                switch try entry.result.get() {
                case .use(let name): database = name.name
                case .createTable(let create): tables.append(try TableDefBuilder.build(create, database: database))
                default: continue
                }
            }
        }
        for entry in ScriptParser.parse(script) {
            let statement = try entry.result.get()
            switch statement {
            case .use(let name): database = name.name
            case .createDatabase(let name, _): if database.isEmpty { database = name.name }
            case .createTable(let create):
                tables.append(try TableDefBuilder.build(create, database: database))
            case .query(let query):
                try out.append(contentsOf: explain(query, entry: entry, tables: tables, database: database))
            case .deploy(let deploy):
                try out.append(contentsOf: explain(deploy.query, entry: entry, tables: tables, database: database))
            default:
                continue
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    static func explain(_ query: QueryStatement, entry: ScriptParser.Entry, tables: [TableDef], database: String) throws
        -> [String]
    {
        var binder = Binder(catalog: InMemoryCatalog(databases: [database], tables: tables), database: database)
        let bound = try binder.bind(query)
        let line = entry.piece.start.line
        return ["-- statement at line \(line)", PlanPrinter.print(bound.plan)] + bound.warnings.map { "WARNING: " + $0 }
    }

    @Test(arguments: scripts)
    func explainMatchesGolden(_ name: String) throws {
        let script = try String(contentsOf: Self.examples.appendingPathComponent(name), encoding: .utf8)
        var earlier: [String] = []
        for previous in Self.scripts.prefix(while: { $0 != name }) {
            earlier.append(try String(contentsOf: Self.examples.appendingPathComponent(previous), encoding: .utf8))
        }
        let actual = try Self.explain(script: script, after: earlier)
        let golden = Self.examples.appendingPathComponent("explain").appendingPathComponent(
            name.replacingOccurrences(of: ".sql", with: ".explain"))
        if ProcessInfo.processInfo.environment["TIDE_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(
                at: golden.deletingLastPathComponent(), withIntermediateDirectories: true)
            try actual.write(to: golden, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: golden, encoding: .utf8)
        #expect(actual == expected, "EXPLAIN of \(name) changed; rerun with TIDE_UPDATE_GOLDEN=1 and review the diff")
    }

    @Test func thereAreExamples() {
        #expect(Self.scripts.count >= 4)
    }
}
