/// Time units of interval literals such as `10s` or `3d` (OpenMLDB: s, m, h, d).
public enum IntervalUnit: String, Sendable, Hashable, CaseIterable {
    case second = "s"
    case minute = "m"
    case hour = "h"
    case day = "d"

    /// Milliseconds in one unit.
    public var milliseconds: Int64 {
        switch self {
        case .second: return 1_000
        case .minute: return 60_000
        case .hour: return 3_600_000
        case .day: return 86_400_000
        }
    }
}
