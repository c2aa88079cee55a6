import TideCore

/// Renders a `TideError` for people, as psql does: the error line, then the offending
/// source line with a caret under the position.
///
///     ERROR 42601: syntax error: expected table name, found "ON"
///     LINE 1: SELECT * FROM t LAST JOIN ON t.a = 1
///                                       ^
public enum ErrorRenderer {
    public static func render(_ error: TideError, source: String) -> String {
        var lines = ["ERROR \(error.code.rawValue): \(error.message)"]
        if let position = error.position {
            let sourceLines = source.split(separator: "\n", omittingEmptySubsequences: false)
            if position.line >= 1, position.line <= sourceLines.count {
                let prefix = "LINE \(position.line): "
                let text = sourceLines[position.line - 1].map { $0 == "\t" ? " " : String($0) }.joined()
                lines.append(prefix + text)
                lines.append(String(repeating: " ", count: prefix.count + max(0, position.column - 1)) + "^")
            }
        }
        if let detail = error.detail { lines.append("DETAIL: \(detail)") }
        if let hint = error.hint { lines.append("HINT: \(hint)") }
        return lines.joined(separator: "\n")
    }
}
