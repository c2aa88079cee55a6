import Foundation
import TideCore

/// Appends values to a byte buffer in the CSV text forms `CSVReader` reads back unchanged.
///
/// | type       | text                                                                  |
/// |------------|-----------------------------------------------------------------------|
/// | NULL       | the `null_value` marker, unquoted                                     |
/// | string     | always quoted, quotes doubled (`"a ""b"""`)                            |
/// | bool       | `true` / `false`                                                      |
/// | integers   | decimal                                                               |
/// | float/double | shortest text that reads back to the same bits; `NaN`, `Infinity`, `-Infinity` |
/// | date       | `YYYY-MM-DD` (`-YYYY-MM-DD` before year 0)                            |
/// | timestamp  | integer milliseconds since the epoch (time-zone free, exact)           |
/// | array/map  | `[a, b]` / `{k: v}` text, quoted like a string                         |
struct CSVValueFormatter {
    let delimiter: UInt8
    let quote: UInt8?
    let nullMarker: [UInt8]

    /// Appends `value` to `out`.
    func append(_ value: Value, to out: ByteWriter) throws {
        switch value {
        case .null: out.append(contentsOf: nullMarker)
        case .bool(let b): out.append(contentsOf: b ? Self.trueText : Self.falseText)
        case .int16(let v): Self.appendInteger(Int64(v), to: out)
        case .int32(let v): Self.appendInteger(Int64(v), to: out)
        case .int64(let v): Self.appendInteger(v, to: out)
        case .timestamp(let v): Self.appendInteger(v, to: out)
        case .float(let v):
            if !Self.appendNonFinite(Double(v), to: out) { out.append(v.description) }
        case .double(let v):
            // DoubleText writes description's text without making a string.
            if !Self.appendNonFinite(v, to: out) {
                out.write(maximum: DoubleText.maximumLength) { DoubleText.write(v, to: $0) }
            }
        case .date(let days): Self.appendDate(days, to: out)
        case .string(let s): try appendString(s, to: out)
        case .array, .map: try appendString(Self.collectionText(value), to: out)
        }
    }

    /// Appends a string enclosed in quotes with inner quotes doubled; without a quote
    /// character, only text that cannot be misread is allowed.
    func appendString(_ s: String, to out: ByteWriter) throws {
        var text = s
        try text.withUTF8 { bytes in
            let raw = UnsafeRawBufferPointer(bytes)
            guard let quote else {
                let ambiguous =
                    bytes.isEmpty || bytes.elementsEqual(nullMarker)
                    || bytes.contains { $0 == delimiter || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }
                if ambiguous { throw TideError.csvNeedsQuote(s) }
                out.append(raw)
                return
            }
            out.append(quote)
            // Most text holds no quote character: copied in one go, not byte by byte.
            if let base = raw.baseAddress, memchr(base, Int32(quote), raw.count) != nil {
                _ = out.reserve(2 * raw.count)
                for byte in bytes {
                    out.append(byte)
                    if byte == quote { out.append(quote) }
                }
            } else {
                out.append(raw)
            }
            out.append(quote)
        }
    }

    // MARK: - Pieces

    private static let trueText = Array("true".utf8)
    private static let falseText = Array("false".utf8)

    static func appendInteger(_ value: Int64, to out: ByteWriter) {
        out.write(maximum: DecimalDigits.maximumCount + 1) { start in
            guard value < 0 else { return DecimalDigits.write(value.magnitude, to: start) }
            start[0] = UInt8(ascii: "-")
            return 1 + DecimalDigits.write(value.magnitude, to: start + 1)
        }
    }

    /// NaN and infinities by name; false, having written nothing, for a finite value.
    private static func appendNonFinite(_ value: Double, to out: ByteWriter) -> Bool {
        if value.isNaN {
            out.append("NaN")
        } else if value.isInfinite {
            out.append(value < 0 ? "-Infinity" : "Infinity")
        } else {
            return false
        }
        return true
    }

    static func appendDate(_ days: Int32, to out: ByteWriter) {
        let date = CivilDate(days: Int64(days))
        var year = date.year
        if year < 0 {
            out.append(UInt8(ascii: "-"))
            year = -year
        }
        out.write(maximum: DecimalDigits.maximumCount) {
            DecimalDigits.write(UInt64(year.magnitude), minimumCount: 4, to: $0)
        }
        out.append(UInt8(ascii: "-"))
        appendTwoDigits(date.month, to: out)
        out.append(UInt8(ascii: "-"))
        appendTwoDigits(date.day, to: out)
    }

    private static func appendTwoDigits(_ value: Int, to out: ByteWriter) {
        out.append(UInt8(ascii: "0") + UInt8(value / 10))
        out.append(UInt8(ascii: "0") + UInt8(value % 10))
    }

    /// `[1, 2]`, `{"a": 1}`: a readable text form for collection values.
    private static func collectionText(_ value: Value) -> String {
        switch value {
        case .null: return "null"
        case .string(let s): return "\"" + s + "\""
        case .array(let items): return "[" + items.map(collectionText).joined(separator: ", ") + "]"
        case .map(let keys, let values):
            let pairs = zip(keys, values).map { collectionText($0) + ": " + collectionText($1) }
            return "{" + pairs.joined(separator: ", ") + "}"
        case .bool, .int16, .int32, .int64, .float, .double, .date, .timestamp:
            let bytes = ByteWriter(capacity: 32)
            let formatter = CSVValueFormatter(delimiter: 0, quote: nil, nullMarker: [])
            try? formatter.append(value, to: bytes)
            return String(decoding: bytes.bytes, as: UTF8.self)
        }
    }
}
