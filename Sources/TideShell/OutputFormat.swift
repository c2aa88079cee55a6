/// How `tide parse` and `tide run` print results.
public enum OutputFormat: String, Sendable, CaseIterable {
    /// For people: canonical SQL or aligned tables, errors with a caret.
    case table
    /// One JSON object per statement per line (the contract the conformance runner reads).
    case json
    /// Result sets as CSV with a header line.
    case csv
}
