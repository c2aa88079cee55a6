import TideCore

/// The text a scalar value turns into where OpenMLDB converts implicitly to a string
/// (`concat`, `concat_ws`).
///
/// OpenMLDB semantics: integers in decimal; floats and doubles in their shortest form
/// without a trailing `.0` (`30.0` → `30`, `11.1` → `11.1`); booleans as `true`/`false`;
/// dates as `YYYY-MM-DD`; timestamps as `YYYY-MM-DD HH:MM:SS` in the session time zone.
/// Keep in step with the `string(x)` cast.
enum ValueText {
    /// The text of `value`, or nil for NULL (and for lists and maps, which have none).
    static func text(_ value: Value, timeZone: SessionTimeZone) -> String? {
        switch value {
        case .null, .array, .map: return nil
        case .string(let s): return s
        case .bool(let b): return b ? "true" : "false"
        case .int16(let v): return String(v)
        case .int32(let v): return String(v)
        case .int64(let v): return String(v)
        case .float(let v): return number(v.description, isFinite: v.isFinite)
        case .double(let v): return number(v.description, isFinite: v.isFinite)
        case .date(let days): return CivilDate(days: Int64(days)).description
        case .timestamp(let ms): return LocalDateTime(timestamp: ms, in: timeZone).description
        }
    }

    /// Swift's shortest round-trip form, minus a trailing `.0`; `inf`, `-inf`, `nan` spelled
    /// the C way.
    private static func number(_ description: String, isFinite: Bool) -> String {
        guard isFinite else { return description.lowercased() }
        if description.hasSuffix(".0") { return String(description.dropLast(2)) }
        return description
    }
}
