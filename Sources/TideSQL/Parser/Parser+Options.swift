import TideCore

extension Parser {
    /// options_clause: OPTIONS option_list
    mutating func parseOptionsClause() throws(TideError) -> OptionList {
        try expectKeyword("OPTIONS")
        return try parseOptionList()
    }

    /// option_list: "(" [option ("," option)*] ")"
    /// option: name "=" option_value
    mutating func parseOptionList() throws(TideError) -> OptionList {
        try expectSymbol("(")
        var entries: [OptionEntry] = []
        if !isSymbol(")") {
            repeat {
                let name = try parseAnyWord("an option name")
                try expectSymbol("=")
                entries.append(OptionEntry(name: name, value: try parseOptionValue()))
            } while acceptSymbol(",")
        }
        try expectSymbol(")")
        return OptionList(entries)
    }

    /// option_value: "(" [option_value ("," option_value)*] ")" | "[" [option_value ("," ...)*] "]" | expr
    mutating func parseOptionValue() throws(TideError) -> OptionValue {
        try enter()
        defer { leave() }
        for (open, close) in [("(", ")"), ("[", "]")] where acceptSymbol(open) {
            var items: [OptionValue] = []
            if !isSymbol(close) {
                repeat { items.append(try parseOptionValue()) } while acceptSymbol(",")
            }
            try expectSymbol(close)
            return open == "(" ? .tuple(items) : .list(items)
        }
        return .expr(try parseExpr())
    }
}
