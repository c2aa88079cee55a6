import TideCore

extension FunctionCatalog {
    /// The strings family. OpenMLDB strings are byte strings: lengths and positions count
    /// UTF-8 bytes.
    static let strings: [FunctionDefinition] = [
        FunctionDefinition(
            "char", summary: "The character whose code is n % 256.",
            signatures: [.scalar("char", [.int32], returns: .string)]),
        FunctionDefinition(
            "char_length", aliases: ["character_length"], summary: "Length of a string in UTF-8 bytes.",
            signatures: [.scalar("char_length", [.string], returns: .int32)]),
        FunctionDefinition(
            "concat", summary: "Joins its arguments, converted to strings; NULL if any is NULL.",
            signatures: [.scalar("concat", [], variadic: .string, returns: .string, acceptsAnyScalar: true)]),
        FunctionDefinition(
            "concat_ws", summary: "Joins its arguments after the first with the first as separator.",
            signatures: [.scalar("concat_ws", [.string], variadic: .string, returns: .string, acceptsAnyScalar: true)]),
        FunctionDefinition(
            "hex", summary: "Hexadecimal text of a number (rounded) or of a string's bytes.",
            signatures: (SQLType.numericTypes + [.string]).map { .scalar("hex", [$0], returns: .string) }),
        FunctionDefinition(
            "unhex", summary: "The bytes hexadecimal text spells; NULL if it is not hexadecimal.",
            signatures: [.scalar("unhex", [.string], returns: .string)]),
        FunctionDefinition(
            "lcase", aliases: ["lower"], summary: "ASCII letters to lower case.",
            signatures: [.scalar("lcase", [.string], returns: .string)]),
        FunctionDefinition(
            "ucase", aliases: ["upper"], summary: "ASCII letters to upper case.",
            signatures: [.scalar("ucase", [.string], returns: .string)]),
        FunctionDefinition(
            "like_match", summary: "LIKE pattern match, with an optional escape (default backslash).",
            signatures: [
                .scalar("like_match", [.string, .string], returns: .bool),
                .scalar("like_match", [.string, .string, .string], returns: .bool),
            ]),
        FunctionDefinition(
            "ilike_match", summary: "Case-insensitive LIKE pattern match, with an optional escape.",
            signatures: [
                .scalar("ilike_match", [.string, .string], returns: .bool),
                .scalar("ilike_match", [.string, .string, .string], returns: .bool),
            ]),
        FunctionDefinition(
            "regexp_like", summary: "Whether the whole string matches a regular expression, with optional flags.",
            signatures: [
                .scalar("regexp_like", [.string, .string], returns: .bool),
                .scalar("regexp_like", [.string, .string, .string], returns: .bool),
            ]),
        FunctionDefinition(
            "replace", summary: "Replaces every occurrence of a search string (removes it if no replacement).",
            signatures: [
                .scalar("replace", [.string, .string], returns: .string),
                .scalar("replace", [.string, .string, .string], returns: .string),
            ]),
        FunctionDefinition(
            "reverse", summary: "The string reversed.",
            signatures: [.scalar("reverse", [.string], returns: .string)]),
        FunctionDefinition(
            "strcmp", summary: "-1, 0 or 1 comparing two strings byte by byte.",
            signatures: [.scalar("strcmp", [.string, .string], returns: .int32)]),
        FunctionDefinition(
            "substring", aliases: ["substr"],
            summary: "Bytes from a 1-based position (negative counts from the end), optionally of a length.",
            signatures: [
                .scalar("substring", [.string, .int32], returns: .string),
                .scalar("substring", [.string, .int32, .int32], returns: .string),
            ]),
        FunctionDefinition(
            "locate",
            summary: "1-based byte position of a substring, optionally searching from a position; 0 if absent.",
            signatures: [
                .scalar("locate", [.string, .string], returns: .int32),
                .scalar("locate", [.string, .string, .int32], returns: .int32),
            ]),
        FunctionDefinition(
            "split", summary: "Splits a string into a list; a NULL string gives an empty list.",
            signatures: [.scalar("split", [.string, .string], returns: .array(.string), nullPropagating: false)]),
        FunctionDefinition(
            "split_by_key", summary: "Splits into k:v pieces and lists the keys.",
            signatures: [
                .scalar(
                    "split_by_key", [.string, .string, .string], returns: .array(.string), nullPropagating: false)
            ]),
        FunctionDefinition(
            "split_by_value", summary: "Splits into k:v pieces and lists the values.",
            signatures: [
                .scalar(
                    "split_by_value", [.string, .string, .string], returns: .array(.string), nullPropagating: false)
            ]),
        FunctionDefinition(
            "split_array", summary: "Splits a string on a plain delimiter into an array; empty pieces are NULL.",
            signatures: [.scalar("split_array", [.string, .string], returns: .array(.string))]),
        FunctionDefinition(
            "join", summary: "Joins a list's (or a window column's) non-NULL strings with a delimiter.",
            signatures: [
                .scalar("join", [.array(.string), .string], returns: .string),
                .aggregate("join", [.string, .string], returns: .string),
            ]),
    ]
}
