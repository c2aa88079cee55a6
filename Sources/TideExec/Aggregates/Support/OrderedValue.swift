import TideCore

/// A `Value` usable as a dictionary key and in sorted structures: equality and order follow
/// `Value.sortOrder` (NaN above every number, so the order is total), and hashing agrees with
/// that equality within one type (all NaNs hash alike, -0.0 hashes as 0.0).
///
/// This is TideDB's one DISTINCT equality: distinct_count, count(DISTINCT ...), GROUP BY and
/// SELECT DISTINCT all compare values by it (a NaN equals a NaN, -0.0 equals 0.0).
public struct OrderedValue: Comparable, Hashable, Sendable {
    public var value: Value

    public init(_ value: Value) { self.value = value }

    /// A row's values as keys.
    public static func keys(_ values: [Value]) -> [OrderedValue] { values.map(OrderedValue.init) }

    public static func < (lhs: OrderedValue, rhs: OrderedValue) -> Bool { Value.sortOrder(lhs.value, rhs.value) < 0 }

    public static func == (lhs: OrderedValue, rhs: OrderedValue) -> Bool {
        // The common same-type cases directly (hash lookups compare keys often), each equal
        // exactly when sortOrder says so (strings by String equality, as Value.compare).
        switch (lhs.value, rhs.value) {
        case (.string(let a), .string(let b)): return a == b
        case (.int64(let a), .int64(let b)), (.timestamp(let a), .timestamp(let b)): return a == b
        case (.int32(let a), .int32(let b)): return a == b
        default: return Value.sortOrder(lhs.value, rhs.value) == 0
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch value {
        case .double(let d): Self.hashFloating(d, into: &hasher)
        case .float(let f): Self.hashFloating(Double(f), into: &hasher)
        case .null, .bool, .int16, .int32, .int64, .string, .date, .timestamp, .array, .map:
            hasher.combine(value)
        }
    }

    private static func hashFloating(_ d: Double, into hasher: inout Hasher) {
        if d.isNaN {
            hasher.combine(UInt64.max)
        } else {
            hasher.combine(d == 0 ? 0 : d.bitPattern)
        }
    }
}

/// A Double with a total order (NaN above +infinity, all NaNs equal) for sorted structures.
struct OrderedDouble: Comparable, Hashable {
    var value: Double

    init(_ value: Double) { self.value = value }

    static func < (lhs: OrderedDouble, rhs: OrderedDouble) -> Bool {
        switch (lhs.value.isNaN, rhs.value.isNaN) {
        case (true, _): return false
        case (false, true): return true
        case (false, false): return lhs.value < rhs.value
        }
    }

    static func == (lhs: OrderedDouble, rhs: OrderedDouble) -> Bool {
        (lhs.value.isNaN && rhs.value.isNaN) || lhs.value == rhs.value
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(value.isNaN ? UInt64.max : (value == 0 ? 0 : value.bitPattern))
    }
}
