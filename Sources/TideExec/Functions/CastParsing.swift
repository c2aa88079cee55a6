import TideCore

/// Parsing strings for CAST, following OpenMLDB's `string_to_*` conversions.
enum CastParsing {
    /// OpenMLDB semantics: `t`, `true`, `y`, `yes`, `1` are true and `f`, `false`, `n`, `no`, `0`
    /// are false (any letter case); anything else, the empty string included, is NULL.
    static func bool(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "t", "true", "y", "yes", "1": return true
        case "f", "false", "n", "no", "0": return false
        default: return nil
        }
    }

    /// OpenMLDB semantics: `\s*(\+|-)?(0[xX])?[0-9a-fA-F]+\s*`, decimal unless prefixed by `0x`;
    /// nil when malformed or outside int64.
    static func integer(_ text: String) -> Int64? {
        var body = Substring(text).drop { $0.isWhitespace }
        while let last = body.last, last.isWhitespace { body = body.dropLast() }
        var negative = false
        if let sign = body.first, sign == "+" || sign == "-" {
            negative = sign == "-"
            body = body.dropFirst()
        }
        var radix = 10
        if body.count > 2, body.hasPrefix("0x") || body.hasPrefix("0X") {
            radix = 16
            body = body.dropFirst(2)
        }
        guard !body.isEmpty, body.allSatisfy(\.isASCII), let magnitude = UInt64(body, radix: radix) else { return nil }
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
            return Int64(truncatingIfNeeded: 0 &- magnitude)
        }
        return Int64(exactly: magnitude)
    }

    /// A decimal or scientific double, surrounding spaces allowed (`inf` and `nan` too).
    static func double(_ text: String) -> Double? {
        Double(trimmed(text))
    }

    /// A float parsed directly (not rounded through double).
    static func float(_ text: String) -> Float? {
        Float(trimmed(text))
    }

    private static func trimmed(_ text: String) -> Substring {
        var body = Substring(text).drop { $0.isWhitespace }
        while let last = body.last, last.isWhitespace { body = body.dropLast() }
        return body
    }

    /// `YYYY-MM-DD`, `YYYYMMDD` or `YYYY-MM-DD HH:MM:SS[.fff]` as local date and time.
    static func dateTime(_ text: String) -> LocalDateTime? {
        if let parsed = LocalDateTime.parse(text) { return parsed }
        let digits = trimmed(text)
        guard digits.count == 8, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
            let y = Int(digits.prefix(4)), let m = Int(digits.dropFirst(4).prefix(2)), let d = Int(digits.suffix(2))
        else { return nil }
        let date = CivilDate(year: y, month: m, day: d)
        return date.isValid ? LocalDateTime(date: date) : nil
    }
}
