/// A literal value as written in SQL. The binder assigns types (an `.integer` that fits in
/// 32 bits is an int32, as in OpenMLDB).
public enum Literal: Sendable, Hashable {
    case null
    case bool(Bool)
    /// An integer without suffix.
    case integer(Int64)
    /// An integer with the `L` suffix (bigint).
    case long(Int64)
    /// A literal with a fraction or exponent (double).
    case double(Double)
    /// A literal with the `f` suffix (float).
    case float(Float)
    case string(String)
    /// `10s`, `5m`, `2h`, `3d`.
    case interval(Int64, IntervalUnit)
}
