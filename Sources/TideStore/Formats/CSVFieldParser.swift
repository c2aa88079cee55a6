import TideCore

/// Parses field bytes as typed values without allocating strings for numbers, dates, bools
/// and integer timestamps. Leading and trailing spaces around such values are ignored.
enum CSVFieldParser {
    /// The outcome of parsing a number.
    enum Parsed<T> {
        case value(T)
        case malformed
        case outOfRange
    }

    private static let space = UInt8(ascii: " ")
    private static let zero = UInt8(ascii: "0")
    private static let minus = UInt8(ascii: "-")
    private static let plus = UInt8(ascii: "+")
    private static let dot = UInt8(ascii: ".")

    /// Exact powers of ten as doubles (10^0 ... 10^22).
    private static let powersOfTen: [Double] = (0...22).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    /// The range without surrounding spaces.
    @inline(__always)
    static func trimmed(_ b: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> (Int, Int) {
        var s = start
        var e = end
        while s < e && b[s] == space { s += 1 }
        while e > s && b[e - 1] == space { e -= 1 }
        return (s, e)
    }

    /// `[+-]digits` as an Int64 (fast path); other spellings of `TextValueParsing.integer`
    /// (hexadecimal) through it.
    static func int64(_ b: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> Parsed<Int64> {
        switch decimalInt64(b, start, end) {
        case .malformed:
            return TextValueParsing.integer(text(b, start, end)).map(Parsed.value) ?? .malformed
        case let parsed: return parsed
        }
    }

    /// The field's bytes as text (the slow paths).
    static func text(_ b: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> String {
        String(decoding: UnsafeRawBufferPointer(rebasing: b[start..<end]), as: UTF8.self)
    }

    private static func decimalInt64(_ b: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> Parsed<Int64> {
        let (s, e) = trimmed(b, start, end)
        var i = s
        guard i < e else { return .malformed }
        let negative = b[i] == minus
        if negative || b[i] == plus { i += 1 }
        guard i < e else { return .malformed }
        // Accumulate negatively so Int64.min parses.
        var value: Int64 = 0
        var overflow = false
        while i < e {
            let digit = b[i] &- zero
            guard digit < 10 else { return .malformed }
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (next, o2) = times10.subtractingReportingOverflow(Int64(digit))
            overflow = overflow || o1 || o2
            value = next
            i += 1
        }
        if overflow { return .outOfRange }
        if negative { return .value(value) }
        guard value != Int64.min else { return .outOfRange }
        return .value(-value)
    }

    /// A decimal or scientific number, `NaN`, `Inf`, `Infinity` (any case, optional sign).
    static func double(_ b: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> Double? {
        let (s, e) = trimmed(b, start, end)
        guard let shape = decimalShape(b, s, e) else {
            return special(b, s, e) ?? TextValueParsing.double(text(b, start, end))
        }
        if shape.digits <= 19, shape.mantissa <= 1 << 53, abs(shape.exponent) <= 22 {
            let m = Double(shape.mantissa)
            let value = shape.exponent >= 0 ? m * powersOfTen[shape.exponent] : m / powersOfTen[-shape.exponent]
            return shape.negative ? -value : value
        }
        return Double(String(decoding: UnsafeRawBufferPointer(rebasing: b[s..<e]), as: UTF8.self))
    }

    /// As `double`, rounded once to Float.
    static func float(_ b: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> Float? {
        let (s, e) = trimmed(b, start, end)
        guard let shape = decimalShape(b, s, e) else {
            return special(b, s, e).map(Float.init) ?? TextValueParsing.float(text(b, start, end))
        }
        if shape.digits <= 19, shape.mantissa <= 1 << 24, abs(shape.exponent) <= 10 {
            let m = Float(shape.mantissa)
            let p = Float(powersOfTen[abs(shape.exponent)])
            let value = shape.exponent >= 0 ? m * p : m / p
            return shape.negative ? -value : value
        }
        return Float(String(decoding: UnsafeRawBufferPointer(rebasing: b[s..<e]), as: UTF8.self))
    }

    /// `true`/`false`/`1`/`0`, any case (fast path); the other spellings of
    /// `TextValueParsing.bool` through it.
    static func bool(_ b: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> Bool? {
        let (s, e) = trimmed(b, start, end)
        if matches(b, s, e, "true") || matches(b, s, e, "1") { return true }
        if matches(b, s, e, "false") || matches(b, s, e, "0") { return false }
        return TextValueParsing.bool(text(b, s, e))
    }

    /// A date as days since 1970-01-01: `[-]YYYY-M[M]-D[D]` (4 to 7 year digits) on the fast
    /// path, the other spellings of `TextValueParsing.date` through it.
    static func date(_ b: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> Int32? {
        if let days = calendarDate(b, start, end) { return days }
        return TextValueParsing.date(text(b, start, end)).flatMap { Int32(exactly: $0.days) }
    }

    private static func calendarDate(_ b: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> Int32? {
        let (s, e) = trimmed(b, start, end)
        var i = s
        let negative = i < e && b[i] == minus
        if negative { i += 1 }
        guard let year = digits(b, &i, e), year.count >= 4, year.count <= 7 else { return nil }
        guard i < e, b[i] == minus else { return nil }
        i += 1
        guard let month = digits(b, &i, e), month.count <= 2 else { return nil }
        guard i < e, b[i] == minus else { return nil }
        i += 1
        guard let day = digits(b, &i, e), day.count <= 2, i == e else { return nil }
        let date = CivilDate(year: negative ? -year.value : year.value, month: month.value, day: day.value)
        guard date.isValid else { return nil }
        return Int32(exactly: date.days)
    }

    /// Integer milliseconds since the epoch (the file format's rule), or the text of a date or
    /// date-time (`TextValueParsing.timestamp`) read in `zone`.
    static func timestamp(_ b: UnsafeRawBufferPointer, _ start: Int, _ end: Int, zone: SessionTimeZone) -> Int64? {
        if case .value(let ms) = decimalInt64(b, start, end) { return ms }
        return TextValueParsing.timestamp(text(b, start, end), in: zone)
    }

    // MARK: - Pieces

    private struct DecimalShape {
        var negative: Bool
        var mantissa: UInt64
        var digits: Int
        var exponent: Int
    }

    /// Validates `[+-]? (d+ [.d*] | .d+) ([eE][+-]?d+)?` and extracts its first 19 significant
    /// digits; nil if the text has another shape.
    private static func decimalShape(_ b: UnsafeRawBufferPointer, _ s: Int, _ e: Int) -> DecimalShape? {
        var i = s
        guard i < e else { return nil }
        let negative = b[i] == minus
        if negative || b[i] == plus { i += 1 }
        var mantissa: UInt64 = 0
        var significant = 0
        var anyDigit = false
        var exponent = 0
        var seenDot = false
        while i < e {
            let c = b[i]
            let digit = c &- zero
            if digit < 10 {
                anyDigit = true
                if mantissa == 0 && digit == 0 {
                    if seenDot { exponent -= 1 }
                } else if significant < 19 {
                    mantissa = mantissa * 10 + UInt64(digit)
                    significant += 1
                    if seenDot { exponent -= 1 }
                } else {
                    significant += 1
                    if !seenDot { exponent += 1 }
                }
            } else if c == dot && !seenDot {
                seenDot = true
            } else {
                break
            }
            i += 1
        }
        guard anyDigit else { return nil }
        if i < e {
            guard b[i] | 0x20 == UInt8(ascii: "e") else { return nil }
            i += 1
            var expNegative = false
            if i < e && (b[i] == minus || b[i] == plus) {
                expNegative = b[i] == minus
                i += 1
            }
            guard i < e else { return nil }
            var value = 0
            while i < e {
                let digit = b[i] &- zero
                guard digit < 10 else { return nil }
                value = min(value * 10 + Int(digit), 100_000)
                i += 1
            }
            exponent += expNegative ? -value : value
        }
        return DecimalShape(negative: negative, mantissa: mantissa, digits: significant, exponent: exponent)
    }

    private static func special(_ b: UnsafeRawBufferPointer, _ s: Int, _ e: Int) -> Double? {
        var i = s
        var sign = 1.0
        if i < e && (b[i] == minus || b[i] == plus) {
            sign = b[i] == minus ? -1 : 1
            i += 1
        }
        if matches(b, i, e, "nan") { return .nan }
        if matches(b, i, e, "inf") || matches(b, i, e, "infinity") { return sign * .infinity }
        return nil
    }

    /// Case-insensitive comparison with an ASCII word of lower-case letters and digits.
    private static func matches(_ b: UnsafeRawBufferPointer, _ s: Int, _ e: Int, _ word: StaticString) -> Bool {
        guard e - s == word.utf8CodeUnitCount else { return false }
        let w = word.utf8Start
        for k in 0..<(e - s) {
            let c = b[s + k]
            let isUpperLetter = c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z")
            if (isUpperLetter ? c | 0x20 : c) != w[k] { return false }
        }
        return true
    }

    /// Unsigned decimal digits at `i` (advancing it): the value and the digit count. The value
    /// stops growing after 18 digits (callers bound the count; a long run must not overflow).
    private static func digits(_ b: UnsafeRawBufferPointer, _ i: inout Int, _ e: Int) -> (value: Int, count: Int)? {
        var value = 0
        var count = 0
        while i < e {
            let digit = b[i] &- zero
            guard digit < 10 else { break }
            if count < 18 { value = value * 10 + Int(digit) }
            count += 1
            i += 1
        }
        return count == 0 ? nil : (value, count)
    }
}
