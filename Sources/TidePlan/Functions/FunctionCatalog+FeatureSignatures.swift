import TideCore

extension FunctionCatalog {
    /// The featureSignatures family.
    static let featureSignatures: [FunctionDefinition] = []
}
