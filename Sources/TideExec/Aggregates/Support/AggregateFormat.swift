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
        // Sign, up to 10 integer digits, the point and 6 decimals, written backwards.
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 18) { buffer in
            var i = 18
            var fraction = Int(micros)
            for _ in 0..<6 {
                i -= 1
                buffer[i] = UInt8(ascii: "0") + UInt8(fraction % 10)
                fraction /= 10
            }
            i -= 1
            buffer[i] = UInt8(ascii: ".")
            var integer = Int(whole)
            repeat {
                i -= 1
                buffer[i] = UInt8(ascii: "0") + UInt8(integer % 10)
                integer /= 10
            } while integer > 0
            if d.sign == .minus {
                i -= 1
                buffer[i] = UInt8(ascii: "-")
            }
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[i..<18]), as: UTF8.self)
        }
    }

    private static func libcFixed(_ d: Double) -> String { NumberFormatting.printf("%f", d) }

    /// Joins `key:value` pairs with commas, stopping before the text would pass the 4096-byte
    /// cap. OpenMLDB semantics: a pair that does not fit is dropped with everything after it.
    static func joinPairs(_ pairs: some Sequence<(key: String, value: String)>) -> String {
        joinedPairs(Array(pairs))
    }

    /// `joinPairs` of `pairs`, made in one allocation at its exact size: a window result is
    /// kept for every row, and a string grown in place would keep its spare capacity (256
    /// bytes reserved against ~150 used, over 10 M rows a gigabyte). `pairs` is walked twice,
    /// once to measure and once to copy (a lazy view over cached texts costs nothing more).
    static func joinedPairs(_ pairs: some Collection<(key: String, value: String)>) -> String {
        let (taken, length) = pairsThatFit(pairs.lazy.map { $0.key.utf8.count + 1 + $0.value.utf8.count })
        guard taken > 0 else { return "" }
        return String(unsafeUninitializedCapacity: length) { buffer in
            var at = 0
            for (i, (key, value)) in pairs.prefix(taken).enumerated() {
                if i > 0 {
                    buffer[at] = UInt8(ascii: ",")
                    at += 1
                }
                at = copy(key, into: buffer, at: at)
                buffer[at] = UInt8(ascii: ":")
                at += 1
                at = copy(value, into: buffer, at: at)
            }
            return at
        }
    }

    /// How many of the leading pairs (each `key:value` text of the given length) fit under
    /// the output cap, and the length of their comma-joined text. OpenMLDB counts a comma for
    /// every pair, the first one too, against the cap.
    static func pairsThatFit(_ pairLengths: some Sequence<Int>) -> (count: Int, length: Int) {
        var counted = 0
        var taken = 0
        for pairLength in pairLengths {
            let next = counted + pairLength + 1
            if next > maximumOutputLength { break }
            counted = next
            taken += 1
        }
        return (taken, max(0, counted - 1))
    }

    /// Copies `text`'s UTF-8 bytes into `buffer` at `at`; returns the index after them.
    private static func copy(_ text: String, into buffer: UnsafeMutableBufferPointer<UInt8>, at: Int) -> Int {
        var text = text
        return text.withUTF8 { bytes in
            let end = at + bytes.count
            _ = UnsafeMutableBufferPointer(rebasing: buffer[at..<end]).initialize(fromContentsOf: bytes)
            return end
        }
    }
}
