import TideCore
import TideDB

/// How values print: JSON (the `tide run --format json` contract) and text (tables, CSV).
public enum ValueRendering {
    /// A value as JSON: numbers exact (NaN and infinities as the strings "NaN", "Infinity",
    /// "-Infinity"), dates "YYYY-MM-DD", timestamps integer milliseconds.
    public static func json(_ value: Value) -> String {
        switch value {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int16(let v): return String(v)
        case .int32(let v): return String(v)
        case .int64(let v): return String(v)
        case .float(let v): return number(Double(v), text: v.description)
        case .double(let v): return number(v, text: v.description)
        case .string(let s): return JSONText.string(s)
        case .date(let d): return JSONText.string(CivilDate(days: Int64(d)).description)
        case .timestamp(let t): return String(t)
        case .array(let items): return "[" + items.map(json).joined(separator: ",") + "]"
        case .map(let keys, let values):
            return "{" + zip(keys, values).map { JSONText.string(text($0)) + ":" + json($1) }.joined(separator: ",")
                + "}"
        }
    }

    private static func number(_ v: Double, text: String) -> String {
        if v.isNaN { return "\"NaN\"" }
        if v.isInfinite { return v > 0 ? "\"Infinity\"" : "\"-Infinity\"" }
        return text
    }

    /// A value as text for tables and CSV: NULL prints as `NULL`.
    public static func text(_ value: Value) -> String {
        switch value {
        case .null: return "NULL"
        case .bool(let b): return b ? "true" : "false"
        case .int16(let v): return String(v)
        case .int32(let v): return String(v)
        case .int64(let v): return String(v)
        case .float(let v): return v.description
        case .double(let v): return v.description
        case .string(let s): return s
        case .date(let d): return CivilDate(days: Int64(d)).description
        case .timestamp(let t): return String(t)
        case .array(let items): return "[" + items.map(text).joined(separator: ", ") + "]"
        case .map(let keys, let values):
            return "{" + zip(keys, values).map { "\(text($0)): \(text($1))" }.joined(separator: ", ") + "}"
        }
    }
}
