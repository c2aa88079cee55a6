import TideCore
import TideDB

/// `GET /dbs`, `GET /dbs/{db}/tables`, `GET /dbs/{db}/tables/{table}`.
extension APIHandler {
    /// `{"code":0,"msg":"ok","dbs":[...]}`.
    func databases() -> APIReply {
        let names = database.databaseNames()
        return .ok { $0.member("dbs", strings: names) }
    }

    /// `{"code":0,"msg":"ok","tables":[TableInfo, ...]}`.
    func tables(in db: String) -> APIReply {
        guard database.databaseExists(db) else { return .failure("DB not found") }
        let tables = database.tables(in: db)
        return .ok { out in
            out.member("tables") {
                out.array {
                    for table in tables {
                        TableInfoJSON.write(table, tid: database.tableID(table.name, in: db), to: out)
                    }
                }
            }
        }
    }

    /// `{"code":0,"msg":"ok","table":TableInfo}`.
    func table(_ name: String, in db: String) -> APIReply {
        guard database.databaseExists(db) else { return .failure("DB not found") }
        guard let table = database.table(name, in: db) else { return .failure("Table not found") }
        return .ok { out in
            out.member("table") { TableInfoJSON.write(table, tid: database.tableID(table.name, in: db), to: out) }
        }
    }
}
