/// A time unit of a ROWS_RANGE bound (`s`, `m`, `h`, `d`, or a bare integer of ms).
public enum ReferenceTimeUnit: String, Sendable, Hashable, CaseIterable {
    case ms = ""
    case s, m, h, d

    /// Milliseconds per unit (SEMANTICS.md, notation above §3.1).
    public var milliseconds: Int64 {
        switch self {
        case .ms: return 1
        case .s: return 1000
        case .m: return 60_000
        case .h: return 3_600_000
        case .d: return 86_400_000
        }
    }
}

/// One frame bound. `amount` is a row count for ROWS and a number of `unit`s for ROWS_RANGE.
public enum ReferenceBound: Sendable, Hashable {
    case unboundedPreceding
    case preceding(Int64, unit: ReferenceTimeUnit, open: Bool)
    case currentRow
}

public enum ReferenceFrameUnit: String, Sendable, Hashable {
    case rows = "ROWS"
    case rowsRange = "ROWS_RANGE"
}

/// `WINDOW win AS ([UNION u1[, u2]] PARTITION BY ... ORDER BY t.ts <frame> [attributes])`.
public struct ReferenceWindow: Sendable, Hashable {
    /// How many union sources (`u1`, then `u2`) the window reads.
    public var unionCount: Int
    /// Event column positions (`ReferenceSchema`) of the PARTITION BY list.
    public var partitionBy: [Int]
    public var unit: ReferenceFrameUnit
    public var start: ReferenceBound
    public var end: ReferenceBound
    public var maxSize: Int?
    public var excludeCurrentRow: Bool
    public var excludeCurrentTime: Bool
    public var instanceNotInWindow: Bool

    public init(
        unionCount: Int, partitionBy: [Int], unit: ReferenceFrameUnit, start: ReferenceBound, end: ReferenceBound,
        maxSize: Int?, excludeCurrentRow: Bool, excludeCurrentTime: Bool, instanceNotInWindow: Bool
    ) {
        self.unionCount = unionCount
        self.partitionBy = partitionBy
        self.unit = unit
        self.start = start
        self.end = end
        self.maxSize = maxSize
        self.excludeCurrentRow = excludeCurrentRow
        self.excludeCurrentTime = excludeCurrentTime
        self.instanceNotInWindow = instanceNotInWindow
    }
}
