import TideCore

extension ReferenceAggregate {
    /// The aggregate over a window's rows, computed naively from the rows (oldest first).
    /// Result types follow the function table: count-like → bigint, avg → double, the others
    /// the argument's type. Empty windows give 0 for counts and NULL otherwise (§3.3).
    func evaluate(_ frame: ReferenceFrame) -> Value {
        let column = self.column.position
        let values = frame.rows.map { $0[column] }
        let present = values.filter { !$0.isNull }
        switch function {
        case .count:
            return .int64(Int64(present.count))
        case .sum:
            return Self.sum(present)
        case .avg:
            guard !present.isEmpty else { return .null }
            let total = present.reduce(0.0) { $0 + ($1.doubleValue ?? 0) }
            return .double(total / Double(present.count))
        case .min:
            return present.min(by: Self.less) ?? .null
        case .max:
            return present.max(by: Self.less) ?? .null
        case .firstValue:
            // Function table: the first (oldest) row of the frame, NULL values included.
            return values.first ?? .null
        case .lastValue:
            return values.last ?? .null
        case .lag(let n):
            // Function table: n rows back from the current row; NULL out of range.
            let rows = frame.lagRows
            return n < rows.count ? rows[rows.count - 1 - n][column] : .null
        case .distinctCount:
            // Function table: a NULL counts as the type's zero value ({4, 4, NULL} → 2).
            let zero: Value = self.column == .v ? .int32(0) : .double(0)
            return .int64(Int64(Set(values.map { $0.isNull ? zero : $0 }).count))
        case .countWhere(let threshold):
            return .int64(Int64(present.filter { Self.greater($0, threshold) }.count))
        case .sumWhere(let threshold):
            return Self.sum(present.filter { Self.greater($0, threshold) })
        }
    }

    /// Sum in the argument's type; NULL when there is no non-null value.
    private static func sum(_ present: [Value]) -> Value {
        guard let first = present.first else { return .null }
        if case .int32 = first {
            return .int32(present.reduce(Int32(0)) { $0 &+ Int32(truncatingIfNeeded: $1.int64Value ?? 0) })
        }
        return .double(present.reduce(0.0) { $0 + ($1.doubleValue ?? 0) })
    }

    private static func less(_ a: Value, _ b: Value) -> Bool {
        (a.doubleValue ?? 0) < (b.doubleValue ?? 0)
    }

    /// `x > threshold` for a non-null x.
    private static func greater(_ value: Value, _ threshold: Int32) -> Bool {
        (value.doubleValue ?? 0) > Double(threshold)
    }
}
