import TideCore
import TideDB
import TideMetrics
import TidePlan

/// `POST /dbs/{db}`: ad-hoc SQL.
extension APIHandler {
    /// Runs `sql` in database `db`.
    ///
    /// Body: `{"mode": "online"|"offsync"|"offasync"|"onsync", "sql": "...",
    /// "input": {"schema": ["Int32", ...], "data": [...]}, "write_nan_and_inf_null": bool}`.
    /// `input.data` as one flat list gives the values of the `?` placeholders (OpenMLDB's
    /// parameterized query); as a list of rows (TideDB extension) it runs the SELECT in
    /// request mode, one output row per request row. Queries reply
    /// `{"code":0,"msg":"ok","data":{"schema":["Int32",...],"data":[[...]]}}` with
    /// capitalized type names; other statements reply `{"code":0,"msg":"ok"}`.
    func query(in db: String, body: [UInt8]) -> APIReply {
        reply {
            let json = try Self.parseObject(body)
            guard let modeText = json["mode"]?.stringValue else {
                throw APIFailure("Json parse failed: field mode is required")
            }
            guard let mode = Self.executeMode(modeText) else {
                throw APIFailure("Invalid mode \(modeText.lowercased())")
            }
            guard let sql = json["sql"]?.stringValue else {
                throw APIFailure("Json parse failed: field sql is required")
            }
            guard database.databaseExists(db) else {
                throw TideError(.invalidCatalogName, "database \"\(db)\" does not exist")
            }
            let nanAsNull = Self.flag(json, "write_nan_and_inf_null")
            let input = try QueryInput(json["input"])
            if case .requestRows(let rows) = input {
                return try runRequestQuery(sql, in: db, rows: rows, nanAsNull: nanAsNull)
            }
            let session = database.session()
            session.currentDatabase = db
            session.executeMode = mode
            let result: StatementResult
            do {
                if case .parameters(let values) = input {
                    result = try session.execute(sql, parameters: values)
                } else {
                    result = try session.execute(sql)
                }
                metrics.statementFinished(error: nil)
            } catch {
                metrics.statementFinished(error: Self.sqlState(of: error))
                throw error
            }
            guard let columns = result.columns else { return .ok() }
            return .ok(nanAndInfAsNull: nanAsNull) { out in
                out.member("data") {
                    out.object {
                        out.member("schema", strings: columns.map { Self.capitalizedTypeName($0.type.scalar) })
                        out.member("data") {
                            out.array { for row in result.rows { out.array { for value in row { out.value(value) } } } }
                        }
                    }
                }
            }
        }
    }

    /// Request mode for request rows given in `input.data`.
    private func runRequestQuery(_ sql: String, in db: String, rows: [RequestJSON], nanAsNull: Bool) throws -> APIReply
    {
        let output: [[Value]]
        let prepared: PreparedDeployment
        do {
            prepared = try database.prepare(requestQuery: sql, in: db)
            output = try compute(prepared, rows: rows).0
            metrics.statementFinished(error: nil)
        } catch {
            metrics.statementFinished(error: Self.sqlState(of: error))
            throw error
        }
        return .ok(nanAndInfAsNull: nanAsNull) { out in
            out.member("data") {
                out.object {
                    out.member("schema", strings: prepared.columns.map { Self.capitalizedTypeName($0.type.scalar) })
                    out.member("data") { Self.writeRows(output, columns: prepared.columns, .arrays, to: out) }
                }
            }
        }
    }

    /// The SQLSTATE a failed statement counts under: a request the API rejected is `22023`.
    static func sqlState(of error: any Error) -> SQLState {
        if let error = error as? TideError { return error.code }
        return error is APIFailure ? .invalidParameterValue : .internalError
    }

    /// OpenMLDB's modes: `offsync` and `offasync` run offline (TideDB's offline jobs are
    /// synchronous either way), `online` and `onsync` online.
    static func executeMode(_ text: String) -> ExecuteMode? {
        switch text.lowercased() {
        case "offsync", "offasync": return .offline
        case "online", "onsync": return .online
        default: return nil
        }
    }

    /// `Bool`, `Int16`, `Int32`, `Int64`, `Float`, `Double`, `String`, `Date`, `Timestamp`.
    static func capitalizedTypeName(_ type: DataType?) -> String {
        guard let type else { return "Unknown" }
        switch type {
        case .bool: return "Bool"
        case .int16: return "Int16"
        case .int32: return "Int32"
        case .int64: return "Int64"
        case .float: return "Float"
        case .double: return "Double"
        case .string: return "String"
        case .date: return "Date"
        case .timestamp: return "Timestamp"
        }
    }
}
