import TideCore
import TideSQL

/// One statement of the shell's input: its text (without the `;`), where it starts in the
/// input, and whether a `;` ended it (the shell keeps reading lines until every statement
/// is ended).
public struct ShellStatement: Sendable, Hashable {
    /// The statement's text, without its `;`.
    public var text: String
    /// Where the text starts in the input it was split from.
    public var start: SourceLocation
    /// False for trailing text that no `;` ended.
    public var terminated: Bool

    /// A statement with these parts.
    public init(text: String, start: SourceLocation, terminated: Bool) {
        self.text = text
        self.start = start
        self.terminated = terminated
    }

    /// The statements of `source` as TideDB's SQL splits them (`StatementSplitter`).
    public static func tideSQL(_ source: String) -> [ShellStatement] {
        StatementSplitter.split(source).map {
            ShellStatement(text: $0.text, start: $0.start, terminated: $0.terminated)
        }
    }
}
