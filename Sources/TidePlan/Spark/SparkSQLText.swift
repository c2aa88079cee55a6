import TideCore

/// Spark SQL spellings of TideDB's types and constants, for the Spark SQL emitter.
public enum SparkSQLText {
    static func typeName(_ type: DataType) -> String {
        switch type {
        case .bool: return "BOOLEAN"
        case .int16: return "SMALLINT"
        case .int32: return "INT"
        case .int64: return "BIGINT"
        case .float: return "FLOAT"
        case .double: return "DOUBLE"
        case .string: return "STRING"
        case .date: return "DATE"
        case .timestamp: return "TIMESTAMP"
        }
    }

    /// A view name made of letters, digits and underscores only, in backquotes.
    public static func identifierFor(view name: String) -> String {
        identifier(String(name.map { $0.isLetter || $0.isNumber ? $0 : "_" }))
    }

    /// A name in backquotes (Spark's identifier quoting).
    static func identifier(_ name: String) -> String {
        "`" + name.split(separator: "`", omittingEmptySubsequences: false).joined(separator: "``") + "`"
    }

    /// A string literal: Spark reads backslash escapes inside quotes, so both are escaped.
    public static func string(_ text: String) -> String {
        var out = "'"
        for character in text.unicodeScalars {
            switch character {
            case "\\": out += "\\\\"
            case "'": out += "\\'"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\0": out += "\\0"
            default: out.unicodeScalars.append(character)
            }
        }
        return out + "'"
    }

    /// A constant of `type` (its NULL when `value` is NULL).
    static func literal(_ value: Value, type: DataType?) throws(TideError) -> String {
        switch value {
        case .null: return type.map { "CAST(NULL AS \(typeName($0)))" } ?? "NULL"
        case .bool(let b): return b ? "TRUE" : "FALSE"
        case .int16(let v): return "CAST(\(v) AS SMALLINT)"
        case .int32(let v): return "CAST(\(v) AS INT)"
        case .int64(let v): return "CAST(\(v) AS BIGINT)"
        case .float(let v): return v.isFinite ? "CAST(\(v)D AS FLOAT)" : "CAST('\(v)' AS FLOAT)"
        case .double(let v): return v.isFinite ? "\(v)D" : "CAST('\(v)' AS DOUBLE)"
        case .string(let s): return string(s)
        case .date(let days): return "date_from_unix_date(\(days))"
        case .timestamp(let ms): return "timestamp_millis(CAST(\(ms) AS BIGINT))"
        case .array, .map: throw SparkLowering.unsupported("array and map constants")
        }
    }

    /// What a type's `distinct_count` counts a NULL as (SEMANTICS.md: the type's zero value).
    static func zero(_ type: DataType) -> String {
        switch type {
        case .bool: return "FALSE"
        case .int16, .int32, .int64, .float, .double: return "CAST(0 AS \(typeName(type)))"
        case .string: return "''"
        case .date: return "date_from_unix_date(0)"
        case .timestamp: return "timestamp_millis(CAST(0 AS BIGINT))"
        }
    }
}

/// The error for a plan the Spark emitter cannot lower (before Spark runs anything).
public enum SparkLowering {
    public static func unsupported(_ what: String) -> TideError {
        TideError(
            .featureNotSupported, "\(what) cannot run on Spark yet",
            hint: "SET @@offline_engine = 'local' runs the query on TideDB's own batch engine")
    }
}
