import TideCore

/// Type OIDs of PostgreSQL's built-in types that catalog answers use.
enum PGOID {
    static let bool: Int32 = 16
    static let char: Int32 = 18
    static let name: Int32 = 19
    static let int8: Int32 = 20
    static let int2: Int32 = 21
    static let int2vector: Int32 = 22
    static let int4: Int32 = 23
    static let text: Int32 = 25
    static let oid: Int32 = 26
    static let json: Int32 = 114
    static let float4: Int32 = 700
    static let float8: Int32 = 701
    static let boolArray: Int32 = 1000
    static let nameArray: Int32 = 1003
    static let textArray: Int32 = 1009
    static let int8Array: Int32 = 1016
    static let date: Int32 = 1082
    static let timestamp: Int32 = 1114
    static let timestamptz: Int32 = 1184
    static let regclass: Int32 = 2205
}

/// A PostgreSQL type as the catalogs describe it (`pg_type`, `format_type`).
struct CatalogType: Sendable, Hashable {
    var oid: Int32
    /// `pg_type.typname` (`int8`).
    var typname: String
    /// `format_type()` and `regtype` text (`bigint`).
    var formatted: String
    /// `typlen`: bytes, -1 for variable length.
    var length: Int16
    /// `typarray`.
    var arrayOID: Int32
    /// `attstorage`: `p` plain, `x` extended.
    var storage: String {
        length < 0 ? "x" : "p"
    }

    /// The PostgreSQL type a TideDB column type is presented as.
    static func of(_ type: DataType) -> CatalogType {
        switch type {
        case .bool: return bool
        case .int16: return int2
        case .int32: return int4
        case .int64: return int8
        case .float: return float4
        case .double: return float8
        case .string: return text
        case .date: return date
        case .timestamp: return timestamp
        }
    }

    static let bool = CatalogType(oid: 16, typname: "bool", formatted: "boolean", length: 1, arrayOID: 1000)
    static let int2 = CatalogType(oid: 21, typname: "int2", formatted: "smallint", length: 2, arrayOID: 1005)
    static let int4 = CatalogType(oid: 23, typname: "int4", formatted: "integer", length: 4, arrayOID: 1007)
    static let int8 = CatalogType(oid: 20, typname: "int8", formatted: "bigint", length: 8, arrayOID: 1016)
    static let float4 = CatalogType(oid: 700, typname: "float4", formatted: "real", length: 4, arrayOID: 1021)
    static let float8 = CatalogType(
        oid: 701, typname: "float8", formatted: "double precision", length: 8, arrayOID: 1022)
    static let text = CatalogType(oid: 25, typname: "text", formatted: "text", length: -1, arrayOID: 1009)
    static let date = CatalogType(oid: 1082, typname: "date", formatted: "date", length: 4, arrayOID: 1182)
    static let timestamp = CatalogType(
        oid: 1114, typname: "timestamp", formatted: "timestamp without time zone", length: 8, arrayOID: 1115)

    /// Built-in types a client may look up by name (psycopg's `TypeInfo.fetch`): TideDB's own
    /// and the common ones drivers register adapters for.
    static let builtins: [CatalogType] = [
        bool, int2, int4, int8, float4, float8, text, date, timestamp,
        CatalogType(oid: 17, typname: "bytea", formatted: "bytea", length: -1, arrayOID: 1001),
        CatalogType(oid: 18, typname: "char", formatted: "\"char\"", length: 1, arrayOID: 1002),
        CatalogType(oid: 19, typname: "name", formatted: "name", length: 64, arrayOID: 1003),
        CatalogType(oid: 26, typname: "oid", formatted: "oid", length: 4, arrayOID: 1028),
        CatalogType(oid: 114, typname: "json", formatted: "json", length: -1, arrayOID: 199),
        CatalogType(oid: 1042, typname: "bpchar", formatted: "character", length: -1, arrayOID: 1014),
        CatalogType(oid: 1043, typname: "varchar", formatted: "character varying", length: -1, arrayOID: 1015),
        CatalogType(oid: 1083, typname: "time", formatted: "time without time zone", length: 8, arrayOID: 1183),
        CatalogType(
            oid: 1184, typname: "timestamptz", formatted: "timestamp with time zone", length: 8, arrayOID: 1185),
        CatalogType(oid: 1186, typname: "interval", formatted: "interval", length: 16, arrayOID: 1187),
        CatalogType(oid: 1700, typname: "numeric", formatted: "numeric", length: -1, arrayOID: 1231),
        CatalogType(oid: 2950, typname: "uuid", formatted: "uuid", length: 16, arrayOID: 2951),
        CatalogType(oid: 3802, typname: "jsonb", formatted: "jsonb", length: -1, arrayOID: 3807),
    ]

    /// Other spellings `regtype` accepts.
    private static let aliases: [String: String] = [
        "boolean": "bool", "smallint": "int2", "integer": "int4", "int": "int4", "bigint": "int8", "real": "float4",
        "float": "float8", "double precision": "float8", "character varying": "varchar", "character": "bpchar",
        "char": "bpchar", "decimal": "numeric", "timestamp without time zone": "timestamp",
        "timestamp with time zone": "timestamptz", "time without time zone": "time", "\"char\"": "char",
    ]

    /// The built-in type a `regtype` name denotes (`bigint`, `int8`, `pg_catalog.int8`), if any.
    static func named(_ name: String) -> CatalogType? {
        var key = name.trimmingPrefix("pg_catalog.").lowercased()
        key = aliases[key] ?? key
        return builtins.first { $0.typname == key }
    }
}
