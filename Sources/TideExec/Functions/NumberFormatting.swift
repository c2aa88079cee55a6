import Foundation

/// Writing floating-point numbers the way OpenMLDB's C++ code does.
enum NumberFormatting {
    /// C++ `ostream << x` (printf `%g`): 6 significant digits, trailing zeros dropped, exponent
    /// form for very large or small magnitudes: `1.1`, `1`, `0.3`, `1e+20`, `inf`, `nan`.
    static func general(_ x: Double) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x < 0 ? "-inf" : "inf" }
        return String(format: "%g", x)
    }
}
