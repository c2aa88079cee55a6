import TideCore
import TideDB
import TidePlan
import TideTestSupport

/// Runs one reference case through a real `Database` in all three modes: offline (offline
/// store, batch engine), online preview (online store, batch engine) and request mode (each
/// main row sent as a request before it is stored online). Each case gets a database of its
/// own, whose tables are dropped afterwards, so one data directory serves every case.
struct ReferenceCaseRunner {
    let database: Database
    let session: Session

    /// What one mode returned: its rows, or the error it threw.
    typealias Outcome = Result<[[Value]], any Error>

    /// The outcome per mode name (`offline`, `online`, `request`).
    func run(_ number: Int, tables: ReferenceTables, query: ReferenceQuery) throws -> [String: Outcome] {
        let name = "ref\(number)"
        let sql = ReferenceSQL.query(query)
        for statement in ["CREATE DATABASE \(name)", "USE \(name)"] + ReferenceSQL.createTables {
            _ = try session.execute(statement)
        }
        defer { drop(name) }
        _ = try session.execute("SET @@execute_mode = 'offline'")
        for statement in Self.inserts(tables, main: true) { _ = try session.execute(statement) }
        _ = try session.execute("SET @@execute_mode = 'online'")
        for statement in Self.inserts(tables, main: false) { _ = try session.execute(statement) }
        var outcomes: [String: Outcome] = [:]
        outcomes["request"] = try replay(tables.main, sql: sql, in: name)
        outcomes["online"] = Result { try session.execute(sql).rows }
        _ = try session.execute("SET @@execute_mode = 'offline'")
        outcomes["offline"] = Result { try session.execute(sql).rows }
        return outcomes
    }

    /// Sends every main row as a request, then stores it online; the rows of the requests
    /// that returned one. The rows are stored whatever happens, for the online preview.
    private func replay(_ main: [[Value]], sql: String, in name: String) throws -> Outcome {
        var stored = 0
        defer {
            if stored < main.count { _ = try? database.insert(Array(main[stored...]), into: "t", in: name) }
        }
        return Result {
            let prepared = try database.prepare(requestQuery: sql, in: name)
            // Every read goes through an index, as OpenMLDB's request mode requires (§3.11).
            try RequestModeValidator.validate(prepared.plan)
            var rows: [[Value]] = []
            for row in main {
                if let output = try prepared.execute(row) { rows.append(output) }
                _ = try database.insert([row], into: "t", in: name)
                stored += 1
            }
            return rows
        }
    }

    private func drop(_ name: String) {
        for table in ReferenceSQL.tableNames { _ = try? session.execute("DROP TABLE \(name).\(table)") }
        _ = try? session.execute("DROP DATABASE \(name)")
    }

    /// INSERT statements for the main table (offline) or the other tables (offline and online).
    static func inserts(_ tables: ReferenceTables, main: Bool) -> [String] {
        let others =
            zip(ReferenceSchema.unionNames, tables.unions).compactMap { ReferenceSQL.insert($1, into: $0) }
            + [ReferenceSQL.insert(tables.right, into: "p")].compactMap { $0 }
        return main ? [ReferenceSQL.insert(tables.main, into: "t")].compactMap { $0 } + others : others
    }

    /// A script that reproduces the case by hand.
    static func script(_ tables: ReferenceTables, query: ReferenceQuery) -> String {
        let sql = ReferenceSQL.query(query)
        var lines = ReferenceSQL.createTables.map { $0 + ";" }
        lines.append("SET @@execute_mode = 'offline';")
        lines += inserts(tables, main: true).map { $0 + ";" }
        lines.append("SET @@execute_mode = 'online';")
        lines += inserts(tables, main: false).map { $0 + ";" }
        lines.append("-- request mode: each t row in this order as a request, then stored online:")
        for row in tables.main {
            let values = ReferenceSQL.tuple(row).dropFirst().dropLast()
            lines.append("\(sql) CONFIG (execute_mode = 'request', values = (\(values)));")
            lines.append("INSERT INTO t VALUES \(ReferenceSQL.tuple(row));")
        }
        lines.append("-- online preview, then offline:")
        lines.append("\(sql);")
        lines.append("SET @@execute_mode = 'offline';")
        lines.append("\(sql);")
        return lines.joined(separator: "\n")
    }
}
