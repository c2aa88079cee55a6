import TideCore

extension FunctionCatalog {
    /// The null-handling family: `if_null` (`ifnull`, `nvl`), `nvl2`, `is_null` (`isnull`), `identity`.
    static let nullHandling: [FunctionDefinition] = [
        FunctionDefinition(
            "if_null", aliases: ["ifnull", "nvl"], summary: "x if it is not NULL, else the default",
            signatures: valuePairs.map { .scalar("if_null", [$0.0, $0.1], returns: $0.2, nullPropagating: false) }),
        FunctionDefinition(
            "nvl2", summary: "the second argument if the first is not NULL, else the third",
            signatures: SQLType.scalarTypes.flatMap { condition in
                valuePairs.map { .scalar("nvl2", [condition, $0.0, $0.1], returns: $0.2, nullPropagating: false) }
            }),
        FunctionDefinition(
            "is_null", aliases: ["isnull"], summary: "whether x is NULL",
            signatures: SQLType.scalarTypes.map { .scalar("is_null", [$0], returns: .bool, nullPropagating: false) }
        ),
        FunctionDefinition(
            "identity", summary: "x itself",
            signatures: SQLType.scalarTypes.map { .scalar("identity", [$0], returns: $0, nullPropagating: false) }),
    ]

    /// The type two alternative values (`if_null`, `nvl2`) meet at, or nil if they cannot.
    /// OpenMLDB semantics: numbers widen to the wider type and anything meets a string as a string
    /// (`ifnull(int_col, 'abc')` is a string).
    public static func alternativeType(_ a: SQLType, _ b: SQLType) -> SQLType? {
        if a == b { return a }
        let numeric = arithmeticOperandTypes
        if numeric.contains(a), numeric.contains(b) { return widerArithmeticType(a, b) }
        if a == .string || b == .string { return .string }
        return nil
    }

    /// Every pair of scalar types that can meet, with the type they meet at.
    fileprivate static let valuePairs: [(SQLType, SQLType, SQLType)] = SQLType.scalarTypes.flatMap { a in
        SQLType.scalarTypes.compactMap { b in alternativeType(a, b).map { (a, b, $0) } }
    }
}
