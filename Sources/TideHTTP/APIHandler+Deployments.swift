import TideCore
import TideDB
import TideMetrics
import TidePlan

/// `POST` and `GET /dbs/{db}/deployments/{name}`, and the legacy `/procedures/{name}`.
extension APIHandler {
    /// Computes the deployment's features for each `input` row.
    ///
    /// Body: `{"input": [[...], ...] | [{...}, ...], "need_schema": bool,
    /// "write_nan_and_inf_null": bool}` (legacy procedures also take `"common_cols": []`;
    /// deployments have no common columns, so it must be empty). Reply:
    /// `{"code":0,"msg":"ok","data":{["schema":[...],]"data":[...]}}`.
    func executeDeployment(_ name: String, in db: String, body: [UInt8], legacy: Bool) -> APIReply {
        reply {
            let json = try Self.parseObject(body)
            if legacy, let common = json["common_cols"] {
                guard let values = common.arrayValue else { throw APIFailure("common_cols is not array") }
                guard values.isEmpty else {
                    throw APIFailure("Invalid common cols size: deployment \(name) has no common columns")
                }
            }
            guard let rows = json["input"]?.arrayValue, !rows.isEmpty else {
                throw APIFailure("Field input is invalid: it must be a non-empty array of rows")
            }
            let entry = try deployments.deployment(name, in: db)
            let clock = ContinuousClock()
            let start = clock.now
            let outcome = Result { () throws -> ([[Value]], RequestRowDecoder.Shape) in
                // As one call of the cached deployment, so its call times are kept.
                let (requests, shape) = try RequestRowDecoder.decode(rows, table: entry.prepared.requestTable)
                return (try entry.execute(requests), shape)
            }
            metrics.deploymentRequest(
                database: entry.info.database, deployment: entry.info.name, duration: start.duration(to: clock.now),
                failed: (try? outcome.get()) == nil)
            let (output, shape) = try outcome.get()
            return .ok(nanAndInfAsNull: Self.flag(json, "write_nan_and_inf_null")) { out in
                out.member("data") {
                    out.object {
                        if Self.flag(json, "need_schema") {
                            out.member("schema") { Self.writeSchema(entry.prepared.columns, to: out) }
                        }
                        out.member("data") { Self.writeRows(output, columns: entry.prepared.columns, shape, to: out) }
                        if legacy { out.member("common_cols_data") { out.array {} } }
                    }
                }
            }
        }
    }

    /// The deployment's name, SQL, input and output schemas and the tables it reads.
    func deploymentInfo(_ name: String, in db: String) -> APIReply {
        reply {
            let entry = try deployments.deployment(name, in: db)
            let tables = entry.tables
            var databases: [String] = []
            for table in tables where !databases.contains(table.database) { databases.append(table.database) }
            return .ok { out in
                out.member("data") {
                    out.object {
                        out.member("name", string: entry.info.name)
                        out.member("procedure", string: entry.info.sql)
                        out.member("input_schema") {
                            out.array {
                                for column in entry.prepared.requestTable.columns {
                                    out.object {
                                        out.member("name", string: column.name)
                                        out.member("type", string: column.type.rawValue)
                                    }
                                }
                            }
                        }
                        out.member("input_common_cols", strings: [])
                        out.member("output_schema") { Self.writeSchema(entry.prepared.columns, to: out) }
                        out.member("output_common_cols", strings: [])
                        out.member("dbs", strings: databases)
                        out.member("tables", strings: tables.map(\.name))
                    }
                }
            }
        }
    }

    /// Decodes the rows for the request table and runs each; rows the deployment's WHERE
    /// drops produce no output row.
    func compute(_ prepared: PreparedDeployment, rows: [RequestJSON]) throws -> ([[Value]], RequestRowDecoder.Shape) {
        let (requests, shape) = try RequestRowDecoder.decode(rows, table: prepared.requestTable)
        return (try requests.compactMap { try prepared.execute($0) }, shape)
    }

    /// `[{"name":"c1","type":"string"},...]` with lowercase type names.
    static func writeSchema(_ columns: [PlanColumn], to out: JSONOutput) {
        out.array {
            for column in columns {
                out.object {
                    out.member("name", string: column.name)
                    out.member("type", string: column.type.description)
                }
            }
        }
    }

    /// Rows as arrays, or as objects keyed by column name.
    static func writeRows(
        _ rows: [[Value]], columns: [PlanColumn], _ shape: RequestRowDecoder.Shape, to out: JSONOutput
    ) {
        out.array {
            for row in rows {
                switch shape {
                case .arrays:
                    out.array { for value in row { out.value(value) } }
                case .objects:
                    out.object {
                        for (column, value) in zip(columns, row) { out.member(column.name) { out.value(value) } }
                    }
                }
            }
        }
    }
}
