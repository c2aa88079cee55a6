/// PostgreSQL's SET, RESET and SHOW of session parameters. TideDB's own forms (`SET @@x`,
/// `SET GLOBAL x`, `SET execute_mode = ...`, `SHOW TABLES`, `SHOW VARIABLES`, ...) are left
/// to TideDB's SQL.
enum SessionSettings {
    /// The words that begin TideDB's own SHOW statements.
    private static let tideShowWords: Set<String> = [
        "databases", "tables", "create", "table", "variables", "global", "functions", "deployments",
        "deployment", "procedure", "components", "jobs", "job", "joblog",
    ]

    /// SET, RESET or SHOW of a PostgreSQL session parameter; nil for anything else.
    static func answer(_ text: SQLText, context: CompatibilityContext) -> CompatibilityAnswer? {
        switch text.firstWord {
        case "set": return set(Array(text.tokens.dropFirst()), context: context)
        case "reset": return reset(Array(text.tokens.dropFirst()), context: context)
        case "show": return show(Array(text.tokens.dropFirst()), context: context)
        default: return nil
        }
    }

    // MARK: - SET

    private static func set(_ tokens: [SQLToken], context: CompatibilityContext) -> CompatibilityAnswer? {
        guard var first = tokens.first, first.kind == .word || first.kind == .quotedIdentifier else { return nil }
        var rest = tokens.dropFirst()
        var local = false
        if first.isWord("global") { return nil }
        if first.isWord("session") || first.isWord("local"), let next = rest.first {
            if first.isWord("session"), next.isWord("characteristics") || next.isWord("authorization") {
                return .command(tag: "SET")
            }
            local = first.isWord("local")
            first = next
            rest = rest.dropFirst()
        }
        guard first.kind == .word || first.kind == .quotedIdentifier else { return nil }
        let words = rest.prefix(2).map(\.text)
        switch first.text {
        case "transaction", "role", "constraints", "authorization":
            return .command(tag: "SET")
        case "time" where words.first == "zone":
            return assign("timezone", value(Array(rest.dropFirst()), name: "timezone", context: context), local: local)
        case "names":
            return assign(
                "client_encoding", value(Array(rest), name: "client_encoding", context: context), local: local)
        case "schema":
            return assign("search_path", value(Array(rest), name: "search_path", context: context), local: local)
        default:
            break
        }
        var name = first.text
        var i = rest.startIndex
        while i + 1 < rest.endIndex, rest[i].isSymbol("."), rest[i + 1].isName {
            name += "." + rest[i + 1].text
            i += 2
        }
        guard !SessionParameters.tideVariables.contains(name), i < rest.endIndex,
            rest[i].isSymbol("=") || rest[i].isWord("to")
        else { return nil }
        let valueTokens = Array(rest[(i + 1)...])
        guard isPostgresSet(name: name, usesTo: rest[i].isWord("to"), value: valueTokens) else { return nil }
        return assign(name, value(valueTokens, name: name, context: context), local: local)
    }

    /// True for a SET of a PostgreSQL parameter: a known one, a custom `prefix.name`, or one
    /// written the way only PostgreSQL accepts (`TO`, a list of values). `SET [SESSION] var =
    /// value` of any other name is TideDB's (OpenMLDB's session variables, SHOW VARIABLES).
    private static func isPostgresSet(name: String, usesTo: Bool, value: [SQLToken]) -> Bool {
        SessionParameters.known[name] != nil || name.contains(".") || usesTo || value.contains { $0.isSymbol(",") }
    }

    private static func assign(_ name: String, _ value: String, local: Bool) -> CompatibilityAnswer {
        // SET LOCAL lasts until the transaction ends; TideDB has no multi-statement transactions.
        local ? .command(tag: "SET") : .set(name: name, value: value, tag: "SET")
    }

    /// The text of a SET's value list: strings unquoted, words as written, items joined by `, `;
    /// DEFAULT and LOCAL stand for the default.
    private static func value(_ tokens: [SQLToken], name: String, context: CompatibilityContext) -> String {
        if tokens.count == 1, tokens[0].isWord("default") || tokens[0].isWord("local") {
            return SessionParameters.defaultValue(name, context: context)
        }
        var items: [String] = []
        var current = ""
        for token in tokens {
            if token.isSymbol(",") {
                items.append(current)
                current = ""
                continue
            }
            switch token.kind {
            case .string, .number, .symbol, .parameter: current += token.text
            case .word: current += (current.isEmpty ? "" : " ") + token.raw
            case .quotedIdentifier: current += token.canonical
            }
        }
        items.append(current)
        let joined = items.joined(separator: ", ")
        if name == "client_encoding", ["utf8", "utf-8", "unicode"].contains(joined.lowercased()) { return "UTF8" }
        return joined
    }

    // MARK: - RESET

    private static func reset(_ tokens: [SQLToken], context: CompatibilityContext) -> CompatibilityAnswer? {
        let words = tokens.map(\.text)
        let name: String
        switch words {
        case ["all"]: return .command(tag: "RESET")
        case ["time", "zone"]: name = "timezone"
        case ["session", "authorization"], ["role"]: return .command(tag: "RESET")
        default:
            guard let first = tokens.first, first.isName,
                tokens.dropFirst().allSatisfy({ $0.isName || $0.isSymbol(".") })
            else { return nil }
            name = words.joined()
        }
        return .set(name: name, value: SessionParameters.defaultValue(name, context: context), tag: "RESET")
    }

    // MARK: - SHOW

    private static func show(_ tokens: [SQLToken], context: CompatibilityContext) -> CompatibilityAnswer? {
        let words = tokens.map(\.text)
        let name: String
        switch words {
        case ["all"]:
            let columns = ["name", "setting", "description"].map { CompatibilityColumn(name: $0, typeOID: PGOID.text) }
            let rows = SessionParameters.all(context: context).map { [$0.name, $0.value, $0.description] as [String?] }
            return .rows(columns: columns, rows: rows, tag: "SHOW")
        case ["transaction", "isolation", "level"]: name = "transaction_isolation"
        case ["time", "zone"]: name = "timezone"
        case ["session", "authorization"]: name = "session_authorization"
        default:
            guard let first = tokens.first, first.isName, !tideShowWords.contains(first.text),
                tokens.dropFirst().allSatisfy({ $0.isName || $0.isSymbol(".") })
            else { return nil }
            name = words.joined()
        }
        guard let value = SessionParameters.value(name, context: context) else { return nil }
        let column = CompatibilityColumn(name: SessionParameters.spelling(name), typeOID: PGOID.text)
        return .rows(columns: [column], rows: [[value]], tag: "SHOW")
    }
}
