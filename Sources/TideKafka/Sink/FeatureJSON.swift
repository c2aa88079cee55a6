import TideCore
import TideExec

/// A deployment's output row as one JSON object (`{"column": value, ...}`), the sink's message
/// format: numbers as JSON numbers (NaN and infinities as null), booleans, strings, NULL as
/// null, timestamps as epoch milliseconds, dates as `"YYYY-MM-DD"`.
enum FeatureJSON {
    static func object(columns: [String], values: [Value]) -> [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "{")]
        for (index, (name, value)) in zip(columns, values).enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            appendString(name, to: &out)
            out.append(UInt8(ascii: ":"))
            append(value, to: &out)
        }
        out.append(UInt8(ascii: "}"))
        return out
    }

    static func append(_ value: Value, to out: inout [UInt8]) {
        switch value {
        case .null: out += Array("null".utf8)
        case .bool(let b): out += Array((b ? "true" : "false").utf8)
        case .int16(let v): out += Array(String(v).utf8)
        case .int32(let v): out += Array(String(v).utf8)
        case .int64(let v), .timestamp(let v): out += Array(String(v).utf8)
        case .float(let v): out += Array((v.isFinite ? "\(v)" : "null").utf8)
        case .double(let v): out += Array((v.isFinite ? "\(v)" : "null").utf8)
        case .string(let s): appendString(s, to: &out)
        case .date, .array, .map: appendString(Cast.text(value, timeZone: .utc), to: &out)
        }
    }

    static func appendString(_ text: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case 0x0A: out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case 0x0D: out += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case 0x09: out += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out += Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 15)]]
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
