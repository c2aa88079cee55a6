import TideCore
import TideSQL

/// `tide parse`: parses every statement of a script and reports each one's canonical SQL or
/// its error. Results are written (and flushed by the caller's sink) one statement at a time.
public struct ParseRunner {
    public var format: OutputFormat

    public init(format: OutputFormat) { self.format = format }

    /// Parses `script`, writing one result per statement to `emit`. Returns false if any
    /// statement failed.
    public func run(_ script: String, emit: (String) -> Void) -> Bool {
        var allOK = true
        for (number, entry) in ScriptParser.parse(script).enumerated() {
            switch entry.result {
            case .success(let statement):
                let sql = SQLPrinter.print(statement)
                switch format {
                case .json:
                    emit(
                        JSONText.object([("statement", "\(number + 1)"), ("ok", "true"), ("sql", JSONText.string(sql))])
                    )
                case .table, .csv:
                    emit(sql + ";")
                }
            case .failure(let error):
                allOK = false
                switch format {
                case .json: emit(Self.errorJSON(error, statement: number + 1))
                case .table, .csv: emit(ErrorRenderer.render(error, source: script))
                }
            }
        }
        return allOK
    }

    /// The error object shared by `tide parse` and `tide run`.
    public static func errorJSON(_ error: TideError, statement: Int) -> String {
        var fields: [(String, String)] = [
            ("sqlstate", JSONText.string(error.code.rawValue)), ("message", JSONText.string(error.message)),
        ]
        if let position = error.position {
            fields.append(("line", "\(position.line)"))
            fields.append(("column", "\(position.column)"))
        }
        return JSONText.object([("statement", "\(statement)"), ("ok", "false"), ("error", JSONText.object(fields))])
    }
}
