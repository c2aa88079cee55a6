/// How an `OfflineTableWriter` treats rows the table already has (`LOAD DATA ... mode=`).
public enum OfflineWriteMode: String, Sendable, Hashable, CaseIterable {
    /// Add the new rows after the existing ones.
    case append
    /// Replace all existing rows with the new ones, in one step at commit.
    case overwrite
    /// Fail (42P07) if the table already has offline rows.
    case errorIfExists = "error_if_exists"

    /// Parses `append`, `overwrite` or `error_if_exists` (any case).
    public init?(option: String) {
        self.init(rawValue: option.lowercased())
    }
}
