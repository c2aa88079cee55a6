extension FunctionCatalog {
    /// One row per function for `SHOW FUNCTIONS`: name, kind, aliases, overloads, summary.
    /// Internal operator functions (names starting with `$`) are not listed.
    public static var listing: [(name: String, kind: String, aliases: String, signatures: String, summary: String)] {
        all.filter { !$0.name.hasPrefix("$") }.sorted { $0.name < $1.name }.map { definition in
            let kinds = Set(definition.signatures.map(\.kind.rawValue)).sorted().joined(separator: ",")
            let signatures = definition.signatures.map(\.description).joined(separator: "; ")
            return (
                definition.name, kinds, definition.aliases.sorted().joined(separator: ", "), signatures,
                definition.summary
            )
        }
    }
}
