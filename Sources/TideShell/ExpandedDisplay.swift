/// How result rows are shown (`\x`): as an aligned table, one `-[ RECORD n ]-` block per
/// row, or blocks only for results wider than the terminal (psql's `\x auto`).
public enum ExpandedDisplay: Sendable, Hashable {
    /// Aligned tables.
    case off
    /// A block per row.
    case on
    /// Blocks when the aligned table would be wider than the terminal.
    case auto

    /// What `\x` prints after the change.
    public var announcement: String {
        switch self {
        case .off: return "Expanded display is off."
        case .on: return "Expanded display is on."
        case .auto: return "Expanded display is used automatically."
        }
    }
}
