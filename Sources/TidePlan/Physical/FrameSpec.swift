import TideCore

/// A window frame in canonical form: OpenMLDB's signed offsets (`FrameBound::GetSignedOffset`),
/// both edges inclusive.
///
///     n PRECEDING        → -n          CURRENT ROW → 0       UNBOUNDED PRECEDING → unbounded
///     n OPEN PRECEDING   → start -(n-1), end -(n+1)   (OPEN makes the bound exclusive)
///
/// ROWS offsets count rows in partition order; ROWS_RANGE offsets are milliseconds back from
/// the current row's order value:
///
///     ts: ──────────[start ........ end]────── current
///                 t+start        t+end       t
public struct FrameSpec: Sendable, Hashable {
    public enum Unit: String, Sendable, Hashable {
        case rows = "ROWS"
        case rowsRange = "ROWS_RANGE"
    }

    public var unit: Unit
    /// nil: unbounded preceding.
    public var start: Int64?
    public var end: Int64

    public init(unit: Unit, start: Int64?, end: Int64) {
        self.unit = unit
        self.start = start
        self.end = end
    }

    /// True if the frame can include the current row (its end is CURRENT ROW or later).
    public var endIncludesCurrentRow: Bool { end >= 0 }
}
