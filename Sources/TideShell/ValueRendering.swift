import TideCore
import TideDB

/// How values print: JSON (the `tide run --format json` contract) and text (tables, CSV).
public enum ValueRendering {
    /// A value as JSON: numbers exact (NaN and infinities as the strings "NaN", "Infinity",
    /// "-Infinity"), dates "YYYY-MM-DD", timestamps integer milliseconds.
    public static func json(_ value: Value) -> String {
        var text = ""
        appendJSON(value, to: &text)
        return text
    }

    /// Appends `value` as JSON (`json(_:)`) to `text`, with no string of its own.
    public static func appendJSON(_ value: Value, to text: inout String) {
        switch value {
        case .null: text += "null"
        case .bool(let b): text += b ? "true" : "false"
        case .int16(let v): text += String(v)
        case .int32(let v): text += String(v)
        case .int64(let v): text += String(v)
        case .float(let v): appendNumber(Double(v), text: v.description, to: &text)
        case .double(let v): appendNumber(v, text: v.description, to: &text)
        case .string(let s): JSONString.append(s, to: &text)
        case .date(let d): JSONString.append(CivilDate(days: Int64(d)).description, to: &text)
        case .timestamp(let t): text += String(t)
        case .array(let items):
            text += "["
            for (i, item) in items.enumerated() {
                if i > 0 { text += "," }
                appendJSON(item, to: &text)
            }
            text += "]"
        case .map(let keys, let values):
            text += "{"
            for (i, (key, item)) in zip(keys, values).enumerated() {
                if i > 0 { text += "," }
                JSONString.append(self.text(key), to: &text)
                text += ":"
                appendJSON(item, to: &text)
            }
            text += "}"
        }
    }

    private static func appendNumber(_ v: Double, text number: String, to text: inout String) {
        if v.isNaN {
            text += "\"NaN\""
        } else if v.isInfinite {
            text += v > 0 ? "\"Infinity\"" : "\"-Infinity\""
        } else {
            text += number
        }
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
