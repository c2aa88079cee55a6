import Foundation
import TideCore

/// How TideDB types meet PostgreSQL types in `LOAD DATA` and `INTO OUTFILE` with
/// `format='postgresql'`.
///
/// | TideDB    | PostgreSQL (written, and read)                    | also read from                      |
/// |-----------|---------------------------------------------------|-------------------------------------|
/// | bool      | boolean                                           |                                     |
/// | smallint  | smallint                                          | integer, bigint (range-checked)     |
/// | int       | integer                                           | smallint, bigint (range-checked)    |
/// | bigint    | bigint                                            | smallint, integer                   |
/// | float     | real                                              | double precision, numeric, integers |
/// | double    | double precision                                  | real, numeric, integers             |
/// | string    | text                                              | varchar, char, name, json, jsonb, uuid |
/// | date      | date                                              |                                     |
/// | timestamp | timestamp with time zone (ms since the epoch)     | timestamp (read as UTC), date       |
///
/// Columns are read with a cast to the written type, so PostgreSQL converts (and range-checks)
/// and the binary COPY data always has the written type's format.
enum PostgresTypes {
    static let bool: UInt32 = 16
    static let name: UInt32 = 19
    static let int8: UInt32 = 20
    static let int2: UInt32 = 21
    static let int4: UInt32 = 23
    static let text: UInt32 = 25
    static let json: UInt32 = 114
    static let float4: UInt32 = 700
    static let float8: UInt32 = 701
    static let bpchar: UInt32 = 1042
    static let varchar: UInt32 = 1043
    static let date: UInt32 = 1082
    static let timestamp: UInt32 = 1114
    static let timestamptz: UInt32 = 1184
    static let numeric: UInt32 = 1700
    static let uuid: UInt32 = 2950
    static let jsonb: UInt32 = 3802

    /// The PostgreSQL type TideDB writes for `type` (and casts to when reading).
    static func sqlName(_ type: DataType) -> String {
        switch type {
        case .bool: return "boolean"
        case .int16: return "smallint"
        case .int32: return "integer"
        case .int64: return "bigint"
        case .float: return "real"
        case .double: return "double precision"
        case .string: return "text"
        case .date: return "date"
        case .timestamp: return "timestamp with time zone"
        }
    }

    /// The OID of `sqlName(type)`.
    static func oid(_ type: DataType) -> UInt32 {
        switch type {
        case .bool: return bool
        case .int16: return int2
        case .int32: return int4
        case .int64: return int8
        case .float: return float4
        case .double: return float8
        case .string: return text
        case .date: return date
        case .timestamp: return timestamptz
        }
    }

    /// True if a PostgreSQL column of type `oid` can fill a TideDB column of `type`.
    static func canRead(_ oid: UInt32, into type: DataType) -> Bool {
        let integers = [int2, int4, int8]
        switch type {
        case .bool: return oid == bool
        case .int16, .int32, .int64: return integers.contains(oid)
        case .float, .double: return [float4, float8, numeric].contains(oid) || integers.contains(oid)
        case .string: return [text, varchar, bpchar, name, json, jsonb, uuid].contains(oid)
        case .date: return oid == date
        case .timestamp: return [timestamp, timestamptz, date].contains(oid)
        }
    }

    /// A readable name for an OID in messages.
    static func describe(_ oid: UInt32) -> String {
        let names: [UInt32: String] = [
            bool: "boolean", name: "name", int8: "bigint", int2: "smallint", int4: "integer", text: "text",
            json: "json", float4: "real", float8: "double precision", bpchar: "character", varchar: "varchar",
            date: "date", timestamp: "timestamp", timestamptz: "timestamptz", numeric: "numeric", uuid: "uuid",
            jsonb: "jsonb", 17: "bytea", 1083: "time", 1186: "interval",
        ]
        return names[oid] ?? "type oid \(oid)"
    }

    /// `name` quoted as a PostgreSQL identifier.
    static func quoted(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A table name as PostgreSQL reads it in SQL (`psql`'s `\copy` does the same): `orders`,
    /// `Orders` (folded to lower case) and `public.orders` as they are, `"MyTable"` as quoted;
    /// a name that is not a plain identifier (`my table`) is quoted part by part.
    static func quotedTable(_ name: String) -> String {
        if name.contains("\"") { return name }
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        if parts.allSatisfy(isPlainIdentifier) { return name }
        return parts.map { quoted(String($0)) }.joined(separator: ".")
    }

    private static func isPlainIdentifier(_ part: Substring) -> Bool {
        guard let first = part.unicodeScalars.first, first == "_" || first.properties.isAlphabetic else { return false }
        return part.unicodeScalars.allSatisfy {
            $0 == "_" || $0 == "$" || $0.properties.isAlphabetic || ("0"..."9").contains($0)
        }
    }
}
