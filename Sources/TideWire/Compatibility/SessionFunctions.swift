/// `SELECT` of session information functions without FROM, as drivers send while connecting:
/// `select pg_catalog.version()`, `select current_schema()`, `select current_setting('x')`,
/// `select current_database(), current_user`, ... Every item must be one of these; anything
/// else (`SELECT 1`, TideDB queries) is left to TideDB.
enum SessionFunctions {
    static func answer(_ text: SQLText, context: CompatibilityContext) -> CompatibilityAnswer? {
        guard text.firstWord == "select", let items = SelectList.items(of: text), !items.isEmpty else { return nil }
        // Nothing may follow the select list.
        let listEnd = items.last.map(\.endIndex) ?? 0
        guard listEnd == text.tokens.count else { return nil }
        var columns: [CompatibilityColumn] = []
        var row: [String?] = []
        for item in items {
            guard let (value, oid) = evaluate(expression(item), context: context) else { return nil }
            columns.append(CompatibilityColumn(name: SelectList.name(item), typeOID: oid))
            row.append(value)
        }
        return .select(columns, [row])
    }

    /// The item without its alias.
    private static func expression(_ item: ArraySlice<SQLToken>) -> ArraySlice<SQLToken> {
        if item.count >= 3, item[item.endIndex - 2].isWord("as") { return item.dropLast(2) }
        return item
    }

    /// The value (text) and type of one supported expression; nil for anything else.
    private static func evaluate(_ item: ArraySlice<SQLToken>, context: CompatibilityContext) -> (String?, Int32)? {
        var tokens = Array(item)
        if tokens.count >= 3, tokens[0].isWord("pg_catalog"), tokens[1].isSymbol(".") { tokens.removeFirst(2) }
        guard let name = tokens.first, name.kind == .word else { return nil }
        let arguments = tokens.dropFirst()
        let noArguments = arguments.isEmpty || arguments.map(\.text) == ["(", ")"]
        switch name.text {
        case "version" where arguments.map(\.text) == ["(", ")"]:
            return ("PostgreSQL \(context.serverVersion) on x86_64-pc-linux-gnu, 64-bit", PGOID.text)
        case "current_schema" where noArguments:
            return (CatalogSnapshot.schema, PGOID.name)
        case "current_database" where arguments.map(\.text) == ["(", ")"], "current_catalog" where arguments.isEmpty:
            return (context.currentDatabase, PGOID.name)
        case "current_user", "session_user", "user", "current_role":
            return arguments.isEmpty ? (context.user, PGOID.name) : nil
        case "current_schemas":
            guard arguments.count == 3,
                arguments.dropFirst().first.map({ $0.isWord("true") || $0.isWord("false") }) == true
            else { return nil }
            let implicit = arguments.dropFirst().first?.isWord("true") == true
            return (implicit ? "{pg_catalog,public}" : "{public}", PGOID.nameArray)
        case "current_setting":
            return currentSetting(Array(arguments), context: context)
        case "pg_is_in_recovery" where arguments.map(\.text) == ["(", ")"]:
            return (CompatibilityAnswer.bool(false), PGOID.bool)
        default:
            return nil
        }
    }

    /// `current_setting('name')` or `current_setting('name', missing_ok)`.
    private static func currentSetting(_ arguments: [SQLToken], context: CompatibilityContext) -> (String?, Int32)? {
        guard arguments.count >= 3, arguments[0].isSymbol("("), arguments.last?.isSymbol(")") == true else {
            return nil
        }
        let inner = arguments[1..<(arguments.count - 1)]
        guard let nameToken = inner.first else { return nil }
        let missingOK =
            inner.count == 3 && inner[inner.startIndex + 1].isSymbol(",") && inner.last?.isWord("true") == true
        guard inner.count == 1 || inner.count == 3 else { return nil }
        if nameToken.isNull { return (nil, PGOID.text) }
        guard nameToken.kind == .string else { return nil }
        if let value = SessionParameters.value(nameToken.text, context: context) { return (value, PGOID.text) }
        return missingOK ? (nil, PGOID.text) : nil
    }
}
