import TideCore
import TideExec

/// A deployment's output row as one JSON object (`{"column": value, ...}`), the sink's message
/// format: numbers as JSON numbers (NaN and infinities as null), booleans, strings, NULL as
/// null, timestamps as epoch milliseconds, dates as `"YYYY-MM-DD"`.
enum FeatureJSON {
    static func object(columns: [String], values: [Value]) -> [UInt8] {
        var text = "{"
        for (index, (name, value)) in zip(columns, values).enumerated() {
            if index > 0 { text += "," }
            JSONString.append(name, to: &text)
            text += ":"
            append(value, to: &text)
        }
        text += "}"
        return Array(text.utf8)
    }

    static func append(_ value: Value, to text: inout String) {
        switch value {
        case .null: text += "null"
        case .bool(let b): text += b ? "true" : "false"
        case .int16(let v): text += String(v)
        case .int32(let v): text += String(v)
        case .int64(let v), .timestamp(let v): text += String(v)
        case .float(let v): text += v.isFinite ? "\(v)" : "null"
        case .double(let v): text += v.isFinite ? "\(v)" : "null"
        case .string(let s): JSONString.append(s, to: &text)
        case .date, .array, .map: JSONString.append(Cast.text(value, timeZone: .utc), to: &text)
        }
    }
}
