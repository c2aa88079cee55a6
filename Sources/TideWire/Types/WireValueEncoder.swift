import TideCore

/// Encodes TideDB values in PostgreSQL's text and binary formats.
///
/// Timestamps go as `timestamp without time zone` holding the wall-clock time of the instant
/// in the session's time zone (what `SET @@time_zone` / `SET TimeZone` chose), so psql prints
/// the same time the shell does and clients read it back in that zone.
public struct WireValueEncoder: Sendable {
    public var timeZone: SessionTimeZone

    public init(timeZone: SessionTimeZone) { self.timeZone = timeZone }

    /// Microseconds between 1970-01-01 and 2000-01-01, PostgreSQL's binary epoch.
    static let postgresEpochMicros: Int64 = 946_684_800_000_000
    static let postgresEpochDays: Int32 = 10_957

    public func encode(_ value: Value, format: WireFormat) -> [UInt8]? {
        switch format {
        case .text: return text(value).map { Array($0.utf8) }
        case .binary: return binary(value)
        }
    }

    /// PostgreSQL's text output of a value; nil for NULL.
    public func text(_ value: Value) -> String? {
        switch value {
        case .null: return nil
        case .bool(let b): return b ? "t" : "f"
        case .int16(let v): return String(v)
        case .int32(let v): return String(v)
        case .int64(let v): return String(v)
        case .float(let v): return Self.floatText(Double(v), v.description)
        case .double(let v): return Self.floatText(v, v.description)
        case .string(let s): return s
        case .date(let d): return CivilDate(days: Int64(d)).description
        case .timestamp(let ms): return timestampText(ms)
        case .array(let items): return "[" + items.map(nestedText).joined(separator: ", ") + "]"
        case .map(let keys, let values):
            return "{" + zip(keys, values).map { nestedText($0) + ": " + nestedText($1) }.joined(separator: ", ") + "}"
        }
    }

    /// A list or map element: NULL prints as `NULL`.
    private func nestedText(_ value: Value) -> String { text(value) ?? "NULL" }

    /// `1.5`, `100` (no trailing `.0`), `1e+20`, `NaN`, `Infinity`, `-Infinity`.
    static func floatText(_ v: Double, _ swiftText: String) -> String {
        if v.isNaN { return "NaN" }
        if v.isInfinite { return v > 0 ? "Infinity" : "-Infinity" }
        if swiftText.hasSuffix(".0") { return String(swiftText.dropLast(2)) }
        return swiftText
    }

    /// `YYYY-MM-DD HH:MM:SS[.fff]` in the session time zone.
    func timestampText(_ ms: Int64) -> String {
        let local = LocalDateTime(timestamp: ms, in: timeZone)
        var text = local.description
        if local.millisecond != 0 {
            let digits = String(local.millisecond)
            text += "." + String(repeating: "0", count: 3 - digits.count) + digits
            while text.hasSuffix("0") { text.removeLast() }
        }
        return text
    }

    /// PostgreSQL's binary output; nil for NULL.
    public func binary(_ value: Value) -> [UInt8]? {
        switch value {
        case .null: return nil
        case .bool(let b): return [b ? 1 : 0]
        case .int16(let v): return Self.bigEndian(v)
        case .int32(let v): return Self.bigEndian(v)
        case .int64(let v): return Self.bigEndian(v)
        case .float(let v): return Self.bigEndian(v.bitPattern)
        case .double(let v): return Self.bigEndian(v.bitPattern)
        case .string(let s): return Array(s.utf8)
        case .date(let d): return Self.bigEndian(d &- Self.postgresEpochDays)
        case .timestamp(let ms):
            let offsetMs = Int64(timeZone.offsetSeconds(atUTC: ms)) * 1000
            let (local, overflow) = ms.addingReportingOverflow(offsetMs)
            let (micros, overflow2) = (overflow ? ms : local).multipliedReportingOverflow(by: 1000)
            let value = overflow2 ? (ms < 0 ? Int64.min : Int64.max) : micros &- Self.postgresEpochMicros
            return Self.bigEndian(value)
        case .array, .map: return text(value).map { Array($0.utf8) }
        }
    }

    static func bigEndian<T: FixedWidthInteger>(_ v: T) -> [UInt8] {
        withUnsafeBytes(of: v.bigEndian) { Array($0) }
    }
}
