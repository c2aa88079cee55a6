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
    func append(_ value: Value, to out: inout [UInt8]) throws {
        switch value {
        case .null: out.append(contentsOf: nullMarker)
        case .bool(let b): out.append(contentsOf: b ? Self.trueText : Self.falseText)
        case .int16(let v): Self.appendInteger(Int64(v), to: &out)
        case .int32(let v): Self.appendInteger(Int64(v), to: &out)
        case .int64(let v): Self.appendInteger(v, to: &out)
        case .timestamp(let v): Self.appendInteger(v, to: &out)
        case .float(let v):
            if !Self.appendNonFinite(Double(v), to: &out) { out.append(contentsOf: v.description.utf8) }
        case .double(let v):
            // DoubleText writes description's text without making a string.
            if !Self.appendNonFinite(v, to: &out) { DoubleText.append(v, to: &out) }
        case .date(let days): Self.appendDate(days, to: &out)
        case .string(let s): try appendString(s, to: &out)
        case .array, .map: try appendString(Self.collectionText(value), to: &out)
        }
    }

    /// Appends a string enclosed in quotes with inner quotes doubled; without a quote
    /// character, only text that cannot be misread is allowed.
    func appendString(_ s: String, to out: inout [UInt8]) throws {
        guard let quote else {
            let utf8 = s.utf8
            let ambiguous =
                utf8.isEmpty || utf8.elementsEqual(nullMarker)
                || utf8.contains { $0 == delimiter || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }
            if ambiguous { throw TideError.csvNeedsQuote(s) }
            out.append(contentsOf: utf8)
            return
        }
        out.append(quote)
        // Most text holds no quote character: copied in one go, not byte by byte.
        let copied = s.utf8.withContiguousStorageIfAvailable { bytes in
            guard !bytes.contains(quote) else { return false }
            out.append(contentsOf: bytes)
            return true
        }
        if copied != true {
            for byte in s.utf8 {
                out.append(byte)
                if byte == quote { out.append(quote) }
            }
        }
        out.append(quote)
    }

    // MARK: - Pieces

    private static let trueText = Array("true".utf8)
    private static let falseText = Array("false".utf8)

    static func appendInteger(_ value: Int64, to out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        // Write digits backwards into a small stack buffer, then copy them forwards.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { buffer in
            var i = 20
            repeat {
                i -= 1
                buffer[i] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[i..<20]))
        }
    }

    /// NaN and infinities by name; false, having written nothing, for a finite value.
    private static func appendNonFinite(_ value: Double, to out: inout [UInt8]) -> Bool {
        if value.isNaN {
            out.append(contentsOf: "NaN".utf8)
        } else if value.isInfinite {
            out.append(contentsOf: (value < 0 ? "-Infinity" : "Infinity").utf8)
        } else {
            return false
        }
        return true
    }

    static func appendDate(_ days: Int32, to out: inout [UInt8]) {
        let date = CivilDate(days: Int64(days))
        var year = date.year
        if year < 0 {
            out.append(UInt8(ascii: "-"))
            year = -year
        }
        var yearDigits: [UInt8] = []
        appendInteger(Int64(year), to: &yearDigits)
        out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: max(0, 4 - yearDigits.count)))
        out.append(contentsOf: yearDigits)
        out.append(UInt8(ascii: "-"))
        appendTwoDigits(date.month, to: &out)
        out.append(UInt8(ascii: "-"))
        appendTwoDigits(date.day, to: &out)
    }

    private static func appendTwoDigits(_ value: Int, to out: inout [UInt8]) {
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
            var bytes: [UInt8] = []
            let formatter = CSVValueFormatter(delimiter: 0, quote: nil, nullMarker: [])
            try? formatter.append(value, to: &bytes)
            return String(decoding: bytes, as: UTF8.self)
        }
    }
}
