import TideCore

/// Errors the lexer detects; all are syntax errors (42601) except out-of-range literals.
enum LexerErrors {
    static func unterminatedString(at location: SourceLocation) -> TideError {
        TideError(.syntaxError, "unterminated quoted string", position: location)
    }

    static func unterminatedIdentifier(at location: SourceLocation) -> TideError {
        TideError(.syntaxError, "unterminated quoted identifier", position: location)
    }

    static func unterminatedComment(at location: SourceLocation) -> TideError {
        TideError(.syntaxError, "unterminated /* comment", position: location)
    }

    static func trailingJunk(_ text: String, at location: SourceLocation) -> TideError {
        TideError(
            .syntaxError, "trailing junk after numeric literal: \(text)",
            hint: "numbers may end in L (bigint), f (float) or a time unit s, m, h, d",
            position: location)
    }

    static func unexpectedCharacter(_ text: String, at location: SourceLocation) -> TideError {
        TideError(.syntaxError, "unexpected character \"\(text)\"", position: location)
    }

    static func badParameter(_ text: String, at location: SourceLocation) -> TideError {
        TideError(.syntaxError, "invalid parameter \(text): parameters are numbered from $1", position: location)
    }

    static func badVariable(at location: SourceLocation) -> TideError {
        TideError(.syntaxError, "expected a variable name after @", position: location)
    }
}
