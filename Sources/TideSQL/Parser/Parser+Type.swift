import TideCore

extension Parser {
    /// type_name: scalar_type ["(" integer ")"]
    ///   | ARRAY "<" type_name [NOT NULL] ">"
    ///   | MAP "<" type_name "," type_name [NOT NULL] ">"
    mutating func parseTypeName() throws(TideError) -> TypeName {
        let token = current
        let word: String
        switch token.kind {
        case .word(let w), .quotedIdentifier(let w): word = w
        case .integer, .decimal, .interval, .string, .parameter, .variable, .symbol, .endOfInput:
            throw ParserErrors.expected("a type name", found: token)
        }
        switch word.uppercased() {
        case "ARRAY":
            advance()
            try expectSymbol("<")
            let element = try parseTypeName()
            let notNull = acceptKeywords("NOT", "NULL")
            try expectClosingAngle()
            return .array(element: element, elementNotNull: notNull)
        case "MAP":
            advance()
            try expectSymbol("<")
            let key = try parseTypeName()
            try expectSymbol(",")
            let value = try parseTypeName()
            let notNull = acceptKeywords("NOT", "NULL")
            try expectClosingAngle()
            return .map(key: key, value: value, valueNotNull: notNull)
        default:
            guard let type = DataType(sqlName: word) else {
                throw ParserErrors.message(
                    "unknown type \"\(word)\"", at: token,
                    hint: "types are bool, smallint, int, bigint, float, double, string, date, timestamp")
            }
            advance()
            var length: Int64?
            if type == .string, acceptSymbol("(") {
                length = try parseIntegerLiteral("a length")
                try expectSymbol(")")
            }
            return .scalar(type, length: length)
        }
    }
}
