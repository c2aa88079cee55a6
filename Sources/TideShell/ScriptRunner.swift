import Foundation
import TideCore
import TideDB
import TideSQL

/// `tide run`: runs every statement of a script in one session, continuing past failures,
/// and writes each statement's result as soon as it finishes; `EXIT` or `QUIT` ends it.
public struct ScriptRunner {
    public let session: Session
    public var format: OutputFormat
    /// The last JSON columns text, reused while statements return the same columns.
    private let columnsText = JSONColumnsText()

    public init(session: Session, format: OutputFormat) {
        self.session = session
        self.format = format
    }

    /// Runs `script`; returns false if any statement failed.
    public func run(_ script: String, emit: (String) -> Void) -> Bool {
        var allOK = true
        for (number, entry) in session.parseScript(script).enumerated() {
            let started = Date()
            // EXIT / QUIT ends the script: the statements after it do not run.
            if case .success(.exit) = entry.result { break }
            do {
                let result = try session.execute(try entry.result.get())
                let elapsed = Date().timeIntervalSince(started) * 1000
                switch format {
                case .json: emit(ResultRenderer.json(result, statement: number + 1, columnsText: columnsText))
                case .table: emit(ResultRenderer.table(result, elapsedMs: elapsed))
                case .csv: emit(ResultRenderer.csv(result))
                }
            } catch {
                allOK = false
                let tideError = error as? TideError ?? TideError.internal(String(describing: error))
                switch format {
                case .json: emit(ParseRunner.errorJSON(tideError, statement: number + 1))
                case .table, .csv: emit(ErrorRenderer.render(tideError, source: script))
                }
            }
        }
        return allOK
    }
}
