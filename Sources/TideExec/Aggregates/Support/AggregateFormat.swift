import TideCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// How aggregates that return text (top, topn_frequency, the `*_cate*` family) print values.
enum AggregateFormat {
    /// OpenMLDB's cap on the `k:v,...` output of the category family, in bytes.
    static let maximumOutputLength = 4096

    /// A value as OpenMLDB's `format_string` prints it: integers in decimal, floating point with
    /// C's `%f`, dates `YYYY-MM-DD`, timestamps `YYYY-MM-DD HH:MM:SS` in the session time zone.
    static func text(_ value: Value, _ context: FunctionContext) -> String {
        ValueText.render(value, timeZone: context.timeZone, real: .fixed, collections: .compact)
    }

    /// C's `printf("%f", d)`: six digits after the point, correctly rounded; "inf", "nan".
    ///
    /// Fast path: round Swift's shortest round-trip digits, which gives printf's result unless
    /// those digits end exactly half-way (then, and for huge or tiny values, ask libc).
    static func fixed(_ d: Double) -> String {
        if d.isFinite, let fast = fastFixed(d) { return fast }
        return libcFixed(d)
    }

    private static func fastFixed(_ d: Double) -> String? {
        // Below 1e9 the integer part is exact and `fraction * 1e6` is within 1.2e-10 of the
        // exact product, so rounding it gives printf's digits except within that distance of
        // a tie (left to libc).
        let magnitude = d.magnitude
        guard magnitude < 1e9 else { return nil }
        var whole = magnitude.rounded(.down)
        let scaled = (magnitude - whole) * 1_000_000
        let below = scaled.rounded(.down)
        if Swift.abs(scaled - below - 0.5) < 1e-9 { return nil }
        var micros = scaled.rounded(.toNearestOrEven)
        if micros >= 1_000_000 {
            micros -= 1_000_000
            whole += 1
        }
        let digits = String(Int(micros))
        let padding = String(repeating: "0", count: 6 - digits.count)
        return (d.sign == .minus ? "-" : "") + String(Int(whole)) + "." + padding + digits
    }

    private static func libcFixed(_ d: Double) -> String { NumberFormatting.printf("%f", d) }

    /// Joins `key:value` pairs with commas, stopping before the text would pass the 4096-byte
    /// cap. OpenMLDB semantics: a pair that does not fit is dropped with everything after it.
    static func joinPairs(_ pairs: some Sequence<(key: String, value: String)>) -> String {
        var pieces: [String] = []
        var length = 0
        for pair in pairs {
            let next = length + pair.key.utf8.count + pair.value.utf8.count + 2
            if next > maximumOutputLength { break }
            length = next
            pieces.append(pair.key + ":" + pair.value)
        }
        return pieces.joined(separator: ",")
    }
}
