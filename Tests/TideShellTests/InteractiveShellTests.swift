import Testing
import TideCore
import TideShell

/// A backend that records the statements it runs and answers from a table of results.
final class RecordingBackend: ShellBackend {
    var ran: [String] = []
    var answers: [String: Result<ShellResult, TideError>] = [:]
    let target = "recording"

    func split(_ source: String) -> [ShellStatement] { ShellStatement.tideSQL(source) }

    func run(_ statement: ShellStatement) throws(TideError) -> ShellResult {
        ran.append(statement.text)
        switch answers[statement.text] ?? .success(ShellResult(columns: nil, tag: "OK")) {
        case .success(let result): return result
        case .failure(var error):
            error.position = error.position?.shifted(by: statement.start)
            throw error
        }
    }

    func statements(for query: CatalogQuery) -> [String] {
        switch query {
        case .tables: return ["SHOW TABLES"]
        case .describe(let name): return ["DESC \(name)"]
        }
    }

    func cancelAction() -> @Sendable () -> String? { { nil } }
}

/// Drives an `InteractiveShell` with scripted input events.
struct ShellDriver {
    let backend = RecordingBackend()
    var events: [String] = []
    var history: [String] = []

    mutating func drive(
        _ input: [ShellInput], interactive: Bool = true, configure: (InteractiveShell) -> Void = { _ in }
    ) {
        var remaining = input[...]
        var events: [String] = []
        var history: [String] = []
        let shell = InteractiveShell(
            backend: backend, interactive: interactive,
            read: { prompt, _ in
                events.append("prompt:\(prompt)")
                return remaining.popFirst() ?? .endOfInput
            },
            write: { events.append("out:\($0)") }, remember: { history.append($0) })
        configure(shell)
        shell.run()
        self.events = events
        self.history = history
    }
}

@Suite struct InteractiveShellTests {
    @Test func multiLineStatementRunsOnceAndIsOneHistoryEntry() {
        var driver = ShellDriver()
        driver.drive([.line("SELECT a,"), .line("  b"), .line("FROM t;")])
        #expect(driver.backend.ran == ["SELECT a,\n  b\nFROM t"])
        #expect(driver.history == ["SELECT a,\n  b\nFROM t;\n"])
        #expect(
            driver.events == [
                "prompt:tide> ", "prompt:  ... ", "prompt:  ... ", "out:OK", "prompt:tide> ",
            ])
    }

    @Test func recalledMultiLineStatementRunsAsTyped() {
        var driver = ShellDriver()
        driver.drive([.line("SELECT a,\n  b\nFROM t;")])
        #expect(driver.backend.ran == ["SELECT a,\n  b\nFROM t"])
    }

    @Test func ctrlCDiscardsTheHalfTypedStatement() {
        var driver = ShellDriver()
        driver.drive([.line("SELECT 'half"), .line("typed"), .interrupt, .line("SELECT 2;")])
        #expect(driver.backend.ran == ["SELECT 2"])
        #expect(Array(driver.events.prefix(4)) == ["prompt:tide> ", "prompt:  ... ", "prompt:  ... ", "prompt:tide> "])
        #expect(driver.history == ["SELECT 2;\n"])
    }

    @Test func quitStopsReadingAndIsRemembered() {
        var driver = ShellDriver()
        driver.drive([.line("\\q"), .line("SELECT 1;")])
        #expect(driver.backend.ran.isEmpty)
        #expect(driver.history == ["\\q"])
        #expect(driver.events == ["prompt:tide> "])
    }

    @Test func metaCommandsRunTheBackendsCatalogStatements() {
        var driver = ShellDriver()
        driver.drive([.line("\\dt"), .line("\\d t")])
        #expect(driver.backend.ran == ["SHOW TABLES", "DESC t"])
    }

    @Test func togglesAndHelp() {
        var driver = ShellDriver()
        var shell: InteractiveShell?
        driver.drive([.line("\\x"), .line("\\timing on"), .line("help"), .line("\\nope")]) { shell = $0 }
        let output = driver.events.filter { $0.hasPrefix("out:") }
        #expect(output[0] == "out:Expanded display is on.")
        #expect(output[1] == "out:Timing is on.")
        #expect(output[2].contains("\\dt"))
        #expect(output[3] == "out:invalid command \\nope. Try \\? for help.")
        #expect(shell?.expanded == .on)
        #expect(shell?.showTiming == true)
    }

    @Test func timingPrintsElapsedTimeAfterEachStatement() {
        var driver = ShellDriver()
        driver.drive([.line("\\timing"), .line("SELECT 1; SELECT 2;")])
        let output = driver.events.filter { $0.hasPrefix("out:") }
        #expect(output.count == 5)
        #expect(output[2].hasPrefix("out:Time: ") && output[2].hasSuffix(" ms"))
    }

    @Test func expandedDisplayAppliesToResults() {
        var driver = ShellDriver()
        driver.backend.answers["SELECT 1 AS a"] = .success(ShellResult(columns: ["a"], rows: [["1"]], tag: "SELECT 1"))
        driver.drive([.line("\\x on"), .line("SELECT 1 AS a;")])
        #expect(driver.events.contains("out:-[ RECORD 1 ]\na | 1"))
    }

    @Test func errorsPointIntoTheInputWithACaret() {
        var driver = ShellDriver()
        // The backend reports the position relative to the statement, as a server does.
        driver.backend.answers["SELECT x\nFROM nosuch"] = .failure(
            TideError(
                .undefinedTable, "table \"nosuch\" does not exist",
                position: SourceLocation(offset: 14, line: 2, column: 6)))
        driver.drive([.line("SELECT 1; SELECT x"), .line("FROM nosuch;")])
        #expect(
            driver.events.contains(
                "out:ERROR 42P01: table \"nosuch\" does not exist\nLINE 2: FROM nosuch;\n             ^"))
    }

    @Test func wordsInsideAStatementAreSQL() {
        var driver = ShellDriver()
        driver.drive([.line("SELECT"), .line("exit;")])
        #expect(driver.backend.ran == ["SELECT\nexit"])
    }

    @Test func pipedInputHasNoPromptsAndRunsTrailingText() {
        var driver = ShellDriver()
        driver.drive([.line("SELECT 1")], interactive: false)
        #expect(driver.backend.ran == ["SELECT 1"])
        #expect(driver.events == ["prompt:", "prompt:", "out:OK"])
    }
}
