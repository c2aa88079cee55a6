import TideCore

extension FunctionCatalog {
    /// The aggregates family.
    static let aggregates: [FunctionDefinition] = []
}
