#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writing floating-point numbers the way OpenMLDB's C++ code does.
enum NumberFormatting {
    /// C++ `ostream << x` (printf `%g`): 6 significant digits, trailing zeros dropped, exponent
    /// form for very large or small magnitudes: `1.1`, `1`, `0.3`, `1e+20`, `inf`, `nan`.
    static func general(_ x: Double) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x < 0 ? "-inf" : "inf" }
        return printf("%g", x)
    }

    /// `format` (one floating-point conversion) applied to `x` by the C library, into a stack
    /// buffer: the same digits as Foundation's `String(format:)` at a tenth of its cost (CAST
    /// of a double column to string spent 90% of its time there).
    static func printf(_ format: String, _ x: Double) -> String {
        // `%f` of the largest double is 309 digits, a sign and 7 more characters.
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 400) { buffer in
            let written = withVaList([x]) { vsnprintf(buffer.baseAddress, buffer.count, format, $0) }
            let length = max(0, min(Int(written), buffer.count - 1))
            return String(decoding: UnsafeRawBufferPointer(start: buffer.baseAddress, count: length), as: UTF8.self)
        }
    }
}
