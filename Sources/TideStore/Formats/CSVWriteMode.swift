/// What `SELECT ... INTO OUTFILE` does when the file exists (OpenMLDB's `mode` option).
public enum CSVWriteMode: String, Sendable, Hashable, CaseIterable {
    /// Fail with 58030 (OpenMLDB's default).
    case errorIfExists = "error_if_exists"
    /// Replace the file's content.
    case overwrite
    /// Add rows at the end; the header is written only if the file was empty.
    case append

    /// Parses `error_if_exists`, `overwrite` or `append` (any case).
    public init?(option: String) {
        self.init(rawValue: option.lowercased())
    }
}
