import TideCore
import TideDB

/// A statement's answer in wire terms: typed columns (nil: no result set), rows, the command
/// tag and notices.
struct WireResult: Sendable {
    struct Column: Sendable {
        var name: String
        var type: PostgresType
    }

    var columns: [Column]?
    var rows: [[Value]]
    var tag: String
    var notices: [String]

    init(columns: [Column]?, rows: [[Value]], tag: String, notices: [String] = []) {
        self.columns = columns
        self.rows = rows
        self.tag = tag
        self.notices = notices
    }

    /// A TideDB result with PostgreSQL's command tags (`SELECT n`, `INSERT 0 n`, `DELETE n`).
    init(_ result: StatementResult) {
        columns = result.columns.map { $0.map { Column(name: $0.name, type: .of($0.type)) } }
        rows = result.rows
        notices = result.warnings
        tag = result.commandTag
    }

    /// A compatibility answer's rows, typed by the OIDs it names.
    init(_ answer: CompatibilityAnswer) {
        switch answer {
        case .rows(let columns, let rows, let tag):
            self.columns = columns.map { Column(name: $0.name, type: PostgresType.byOID[$0.typeOID] ?? .text) }
            self.rows = rows.map { row in
                zip(columns, row).map { column, text in WireResult.value(text, oid: column.typeOID) }
            }
            self.tag = tag
        case .command(let tag), .set(_, _, let tag):
            self.columns = nil
            self.rows = []
            self.tag = tag
        }
        self.notices = []
    }

    /// A catalog value in TideDB terms, so that both formats encode it like any other.
    private static func value(_ text: String?, oid: Int32) -> Value {
        guard let text else { return .null }
        switch oid {
        case PostgresType.bool.oid: return .bool(text == "t" || text == "true")
        case PostgresType.int2.oid: return Int16(text).map(Value.int16) ?? .string(text)
        case PostgresType.int4.oid, PostgresType.oid.oid: return Int32(text).map(Value.int32) ?? .string(text)
        case PostgresType.int8.oid: return Int64(text).map(Value.int64) ?? .string(text)
        case PostgresType.float4.oid: return Float(text).map(Value.float) ?? .string(text)
        case PostgresType.float8.oid: return Double(text).map(Value.double) ?? .string(text)
        default: return .string(text)
        }
    }
}
