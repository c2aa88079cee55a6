import TideCore

/// The text forms of values, in one place for every function that turns a value into text.
/// They share integers in decimal, booleans as `true`/`false`, dates as `YYYY-MM-DD` and
/// timestamps as `YYYY-MM-DD HH:MM:SS` in the session time zone, and differ, as OpenMLDB's
/// functions do, only in how floating-point numbers print and how lists and maps are spaced.
enum ValueText {
    /// How a float or double prints.
    enum RealStyle {
        /// Swift's shortest round-trip form minus a trailing `.0` (`30`, `11.1`): `concat`.
        case shortest
        /// C++ streams, `%g` with 6 significant digits (`1.1`, `1e+20`): `string(x)`.
        case general
        /// C's `%f` (`1.100000`): the text-returning aggregates.
        case fixed
    }

    /// How lists and maps are spaced: `[1, 2]` / `{k: v}` for `string(x)`, `[1,2]` / `{k:v}` for
    /// the aggregates.
    enum CollectionStyle {
        case spaced
        case compact
    }

    /// The text of `value`; NULL is `NULL`.
    static func render(
        _ value: Value, timeZone: SessionTimeZone, real: RealStyle, collections: CollectionStyle
    ) -> String {
        func nested(_ item: Value) -> String {
            render(item, timeZone: timeZone, real: real, collections: collections)
        }
        let (itemSeparator, pairSeparator) = collections == .spaced ? (", ", ": ") : (",", ":")
        switch value {
        case .null: return "NULL"
        case .bool(let b): return b ? "true" : "false"
        case .int16(let v): return String(v)
        case .int32(let v): return String(v)
        case .int64(let v): return String(v)
        case .float(let v): return number(Double(v), shortest: v.description, style: real)
        case .double(let v): return number(v, shortest: v.description, style: real)
        case .string(let s): return s
        case .date(let days): return CivilDate(days: Int64(days)).description
        case .timestamp(let ms): return LocalDateTime(timestamp: ms, in: timeZone).description
        case .array(let items): return "[" + items.map(nested).joined(separator: itemSeparator) + "]"
        case .map(let keys, let values):
            return "{"
                + zip(keys, values).map { nested($0) + pairSeparator + nested($1) }
                .joined(separator: itemSeparator) + "}"
        }
    }

    /// The text where OpenMLDB converts implicitly to a string (`concat`, `concat_ws`), or nil
    /// for NULL and for lists and maps, which have none.
    static func text(_ value: Value, timeZone: SessionTimeZone) -> String? {
        switch value {
        case .null, .array, .map: return nil
        case .bool, .int16, .int32, .int64, .float, .double, .string, .date, .timestamp:
            return render(value, timeZone: timeZone, real: .shortest, collections: .spaced)
        }
    }

    private static func number(_ x: Double, shortest: @autoclosure () -> String, style: RealStyle) -> String {
        switch style {
        case .general: return NumberFormatting.general(x)
        case .fixed: return AggregateFormat.fixed(x)
        case .shortest:
            // `inf`, `-inf`, `nan` spelled the C way.
            let text = shortest()
            guard x.isFinite else { return text.lowercased() }
            return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
        }
    }
}
