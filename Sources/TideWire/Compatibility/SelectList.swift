/// The output column names of a query's outermost SELECT list, named the way PostgreSQL
/// names them (`FigureColname`): the alias; else a column reference's last name; a function's
/// name; a cast's operand, else its type; a CASE's ELSE branch; `?column?` for the rest.
/// Clients read catalog answers by position, so getting the count and order right matters
/// most; the names are what they print.
enum SelectList {
    /// The items of the first SELECT at nesting depth 0, as token ranges; nil without one.
    static func items(of text: SQLText) -> [ArraySlice<SQLToken>]? {
        let tokens = text.tokens
        var depth = 0
        var start: Int?
        for (i, token) in tokens.enumerated() {
            if token.isSymbol("(") { depth += 1 }
            if token.isSymbol(")") { depth -= 1 }
            if depth == 0, token.isWord("select") {
                start = i + 1
                break
            }
        }
        guard var i = start else { return nil }
        if i < tokens.count, tokens[i].isWord("distinct") || tokens[i].isWord("all") { i += 1 }
        var items: [ArraySlice<SQLToken>] = []
        var itemStart = i
        depth = 0
        let ends: Set<String> = [
            "from", "where", "group", "having", "order", "limit", "union", "offset", "into", "window",
        ]
        while i < tokens.count {
            let token = tokens[i]
            if token.isSymbol("(") || token.isSymbol("[") {
                depth += 1
            } else if token.isSymbol(")") || token.isSymbol("]") {
                if depth == 0 { break }
                depth -= 1
            } else if depth == 0, token.kind == .word, ends.contains(token.text) {
                break
            } else if depth == 0, token.isSymbol(",") {
                items.append(tokens[itemStart..<i])
                itemStart = i + 1
            }
            i += 1
        }
        if itemStart < i { items.append(tokens[itemStart..<i]) }
        return items
    }

    /// The output names of the outermost SELECT list; nil without one.
    static func names(of text: SQLText) -> [String]? {
        items(of: text)?.map(name)
    }

    /// The output name of one select item.
    static func name(_ item: ArraySlice<SQLToken>) -> String {
        if item.count >= 2, let last = item.last, last.isName, item[item.endIndex - 2].isWord("as") {
            return last.text
        }
        let (name, strength) = figure(item)
        return strength > 0 ? name : "?column?"
    }

    /// A name and its strength: 2 for names from columns and functions, 1 for fallbacks
    /// (a type name, `case`), 0 for none.
    private static func figure(_ item: ArraySlice<SQLToken>) -> (String, Int) {
        var item = item
        while isWrapped(item) { item = item.dropFirst().dropLast() }
        guard let first = item.first else { return ("", 0) }
        if let cast = lastTopLevel("::", in: item) {
            let (name, strength) = figure(item[item.startIndex..<cast])
            if strength > 1 { return (name, strength) }
            let typeName = item[(cast + 1)...].last { $0.isName }
            return typeName.map { ($0.text, 1) } ?? ("", 0)
        }
        if first.isSymbol("("), let close = matchingClose(item, from: item.startIndex) {
            let rest = item[(close + 1)...]
            if rest.isEmpty {
                // A scalar subquery: its first output column's name.
                let inner = SQLText(tokens: Array(item.dropFirst().dropLast()))
                return inner.firstWord == "select" ? (items(of: inner)?.first.map(name) ?? "", 2) : ("", 0)
            }
            if rest.count == 2, rest.first?.isSymbol(".") == true, let field = rest.last, field.isName {
                return (field.text, 2)
            }
            return ("", 0)
        }
        if first.isWord("case") { return caseName(item) }
        if first.isWord("cast"), item.count > 1, item[item.startIndex + 1].isSymbol("(") {
            let inner = item.dropFirst(2).dropLast()
            if let asIndex = lastTopLevelWord("as", in: inner) {
                let (name, strength) = figure(inner[inner.startIndex..<asIndex])
                if strength > 1 { return (name, strength) }
                return inner.last.map { ($0.text, 1) } ?? ("", 0)
            }
        }
        if let call = functionName(item) { return (call, 2) }
        if isReference(item), let last = item.last {
            let special = ["user": "current_user", "current_role": "current_role"]
            return (special[last.text] ?? last.text, 2)
        }
        if item.count == 1, first.isWord("true") || first.isWord("false") { return ("bool", 1) }
        return ("", 0)
    }

    /// `name`, `a.b`, `"X".y`: a column reference.
    private static func isReference(_ item: ArraySlice<SQLToken>) -> Bool {
        guard let first = item.first, first.isName, !first.isWord("null"), !first.isWord("true"),
            !first.isWord("false"), !first.isWord("not")
        else { return false }
        for (offset, token) in item.enumerated() {
            if offset % 2 == 0 ? !token.isName : !token.isSymbol(".") { return false }
        }
        return item.count % 2 == 1
    }

    /// The function name of `schema.f(args)` (whole item), with PostgreSQL's names for the
    /// SQL-syntax functions; nil for anything else.
    private static func functionName(_ item: ArraySlice<SQLToken>) -> String? {
        guard let open = item.firstIndex(where: { $0.isSymbol("(") || $0.isSymbol("[") }), open > item.startIndex,
            matchingClose(item, from: open) == item.endIndex - 1
        else { return nil }
        let head = item[item.startIndex..<open]
        guard isReference(head), let name = head.last?.text else { return nil }
        if name == "trim" {
            let next = item[(open + 1)...].first
            if next?.isWord("leading") == true { return "ltrim" }
            if next?.isWord("trailing") == true { return "rtrim" }
            return "btrim"
        }
        return name
    }

    /// CASE is named after its ELSE result when that has a real name, else `case`.
    private static func caseName(_ item: ArraySlice<SQLToken>) -> (String, Int) {
        guard item.last?.isWord("end") == true else { return ("case", 1) }
        var depth = 0
        var elseIndex: Int?
        for i in item.indices.dropFirst().dropLast() {
            let token = item[i]
            if token.isWord("case") || token.isSymbol("(") { depth += 1 }
            if token.isWord("end") || token.isSymbol(")") { depth -= 1 }
            if depth == 0, token.isWord("else") { elseIndex = i }
        }
        guard let elseIndex else { return ("case", 1) }
        let (name, strength) = figure(item[(elseIndex + 1)..<(item.endIndex - 1)])
        return strength > 1 ? (name, strength) : ("case", 1)
    }

    /// True when the whole item is one parenthesised expression.
    private static func isWrapped(_ item: ArraySlice<SQLToken>) -> Bool {
        guard item.count >= 2, item.first?.isSymbol("(") == true,
            matchingClose(item, from: item.startIndex) == item.endIndex - 1
        else { return false }
        return item.dropFirst().first?.isWord("select") != true
    }

    /// The index of the bracket closing the one at `open`.
    private static func matchingClose(_ item: ArraySlice<SQLToken>, from open: Int) -> Int? {
        var depth = 0
        for i in open..<item.endIndex {
            if item[i].isSymbol("(") || item[i].isSymbol("[") { depth += 1 }
            if item[i].isSymbol(")") || item[i].isSymbol("]") {
                depth -= 1
                if depth == 0 { return i }
            }
        }
        return nil
    }

    private static func lastTopLevel(_ symbol: String, in item: ArraySlice<SQLToken>) -> Int? {
        var depth = 0
        var found: Int?
        for i in item.indices {
            let token = item[i]
            if token.isSymbol("(") || token.isSymbol("[") || token.isWord("case") { depth += 1 }
            if token.isSymbol(")") || token.isSymbol("]") || token.isWord("end") { depth -= 1 }
            if depth == 0, token.isSymbol(symbol) { found = i }
        }
        guard let found else { return nil }
        // Only a cast of the whole item counts: nothing but the type may follow.
        let after = item[(found + 1)...]
        let isTypeOnly = after.allSatisfy { $0.isName || $0.isSymbol(".") || $0.isSymbol("[") || $0.isSymbol("]") }
        return isTypeOnly ? found : nil
    }

    private static func lastTopLevelWord(_ word: String, in item: ArraySlice<SQLToken>) -> Int? {
        var depth = 0
        var found: Int?
        for i in item.indices {
            if item[i].isSymbol("(") { depth += 1 }
            if item[i].isSymbol(")") { depth -= 1 }
            if depth == 0, item[i].isWord(word) { found = i }
        }
        return found
    }
}
