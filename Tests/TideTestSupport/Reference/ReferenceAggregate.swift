/// A value column an aggregate reads: `v` (int) or `d` (double).
public enum ReferenceValueColumn: String, Sendable, Hashable, CaseIterable {
    case v, d

    /// The column's position in the event schema.
    public var position: Int { self == .v ? ReferenceSchema.v : ReferenceSchema.d }
}

/// One window aggregate, `function(column[, ...]) OVER w<window>`.
public enum ReferenceAggregateFunction: Sendable, Hashable {
    case sum, count, min, max, avg, firstValue, lastValue, distinctCount
    case lag(Int)
    /// `count_where(x, x > threshold)`.
    case countWhere(Int32)
    /// `sum_where(x, x > threshold)`.
    case sumWhere(Int32)
}

public struct ReferenceAggregate: Sendable, Hashable {
    public var function: ReferenceAggregateFunction
    public var column: ReferenceValueColumn
    /// The position of its window in `ReferenceQuery.windows`.
    public var window: Int

    public init(_ function: ReferenceAggregateFunction, _ column: ReferenceValueColumn, window: Int = 0) {
        self.function = function
        self.column = column
        self.window = window
    }

    /// Whether results are floating-point sums (compared with a relative tolerance).
    public var isApproximate: Bool {
        switch function {
        case .avg: return true
        case .sum, .sumWhere: return column == .d
        case .count, .min, .max, .firstValue, .lastValue, .distinctCount, .lag, .countWhere: return false
        }
    }
}
