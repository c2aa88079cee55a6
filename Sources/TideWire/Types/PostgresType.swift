import TideCore

/// A PostgreSQL type as the wire protocol names it: OID and fixed size (-1: variable).
public struct PostgresType: Sendable, Hashable {
    public var oid: Int32
    public var size: Int16
    public var name: String

    public static let bool = PostgresType(oid: 16, size: 1, name: "bool")
    public static let bytea = PostgresType(oid: 17, size: -1, name: "bytea")
    public static let name = PostgresType(oid: 19, size: 64, name: "name")
    public static let int8 = PostgresType(oid: 20, size: 8, name: "int8")
    public static let int2 = PostgresType(oid: 21, size: 2, name: "int2")
    public static let int4 = PostgresType(oid: 23, size: 4, name: "int4")
    public static let text = PostgresType(oid: 25, size: -1, name: "text")
    public static let oid = PostgresType(oid: 26, size: 4, name: "oid")
    public static let float4 = PostgresType(oid: 700, size: 4, name: "float4")
    public static let float8 = PostgresType(oid: 701, size: 8, name: "float8")
    public static let bpchar = PostgresType(oid: 1042, size: -1, name: "bpchar")
    public static let varchar = PostgresType(oid: 1043, size: -1, name: "varchar")
    public static let date = PostgresType(oid: 1082, size: 4, name: "date")
    public static let timestamp = PostgresType(oid: 1114, size: 8, name: "timestamp")
    public static let timestamptz = PostgresType(oid: 1184, size: 8, name: "timestamptz")
    public static let numeric = PostgresType(oid: 1700, size: -1, name: "numeric")
    public static let char = PostgresType(oid: 18, size: 1, name: "char")
    public static let unknown = PostgresType(oid: 705, size: -2, name: "unknown")
    public static let json = PostgresType(oid: 114, size: -1, name: "json")
    public static let int2vector = PostgresType(oid: 22, size: -1, name: "int2vector")
    public static let regclass = PostgresType(oid: 2205, size: 4, name: "regclass")
    public static let boolArray = PostgresType(oid: 1000, size: -1, name: "_bool")
    public static let nameArray = PostgresType(oid: 1003, size: -1, name: "_name")
    public static let textArray = PostgresType(oid: 1009, size: -1, name: "_text")
    public static let int8Array = PostgresType(oid: 1016, size: -1, name: "_int8")

    /// The PostgreSQL type a TideDB column is sent as. Lists and maps go as text.
    public static func of(_ type: SQLType) -> PostgresType {
        switch type {
        case .scalar(let scalar): return of(scalar)
        case .array, .map, .null: return .text
        }
    }

    /// The PostgreSQL type of a TideDB scalar type.
    public static func of(_ type: DataType) -> PostgresType {
        switch type {
        case .bool: return .bool
        case .int16: return .int2
        case .int32: return .int4
        case .int64: return .int8
        case .float: return .float4
        case .double: return .float8
        case .string: return .text
        case .date: return .date
        case .timestamp: return .timestamp
        }
    }

    /// Types by OID, for parameters the client declares.
    static let byOID: [Int32: PostgresType] = Dictionary(
        uniqueKeysWithValues: [
            bool, bytea, name, int8, int2, int4, text, oid, float4, float8, bpchar, varchar, date, timestamp,
            timestamptz, numeric, char, unknown, json, int2vector, regclass, boolArray, nameArray, textArray,
            int8Array,
        ].map { ($0.oid, $0) })
}
