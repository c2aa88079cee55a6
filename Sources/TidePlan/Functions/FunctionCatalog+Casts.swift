import TideCore

extension FunctionCatalog {
    /// The casts family.
    static let casts: [FunctionDefinition] = []
}
