/// Which words are reserved. Everything else (including `ts`, `key`, `date`, `timestamp`,
/// `user`, `type`) can name a column, table or alias without quotes, as in OpenMLDB.
enum Keywords {
    /// Words that cannot be bare identifiers: they begin or continue clauses, so treating
    /// them as names would make the grammar ambiguous (`FROM t LAST JOIN ...`).
    static let reserved: Set<String> = [
        "ALL", "AND", "AS", "BETWEEN", "BY", "CASE", "CAST", "CONFIG", "CROSS", "DISTINCT", "DIV", "ELSE",
        "END", "ESCAPE", "EXCEPT", "EXISTS", "FALSE", "FOR", "FROM", "FULL", "GROUP", "HAVING", "ILIKE", "IN",
        "INNER", "INTERSECT", "INTO", "IS", "JOIN", "LAST", "LEFT", "LIKE", "LIMIT", "MOD", "NOT", "NULL",
        "ON", "OR", "ORDER", "OUTER", "OVER", "PARTITION", "RIGHT", "RLIKE", "ROWS", "ROWS_RANGE", "SELECT",
        "THEN", "TRUE", "UNION", "USING", "WHEN", "WHERE", "WINDOW", "WITH", "XOR",
    ]

    static func isReserved(_ word: String) -> Bool { reserved.contains(word.uppercased()) }

    /// Reserved words that can follow a table reference, so they never name a table.
    static let tableFollowers: Set<String> = [
        "AS", "CONFIG", "CROSS", "FOR", "FROM", "FULL", "GROUP", "HAVING", "INNER", "INTO", "JOIN", "LAST", "LEFT",
        "LIMIT", "ON", "ORDER", "OUTER", "RIGHT", "SELECT", "UNION", "USING", "WHERE", "WINDOW", "WITH", "PARTITION",
        "ROWS", "ROWS_RANGE", "EXCEPT", "INTERSECT",
    ]

    static func endsTableName(_ word: String) -> Bool { tableFollowers.contains(word.uppercased()) }
}
