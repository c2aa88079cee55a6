import TideCore

extension FunctionCatalog {
    /// The nullHandling family.
    static let nullHandling: [FunctionDefinition] = []
}
