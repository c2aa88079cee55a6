import TideCore

extension FunctionCatalog {
    /// The math family.
    static let math: [FunctionDefinition] = []
}
