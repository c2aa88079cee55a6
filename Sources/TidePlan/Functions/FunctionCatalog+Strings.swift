import TideCore

extension FunctionCatalog {
    /// The strings family.
    static let strings: [FunctionDefinition] = []
}
