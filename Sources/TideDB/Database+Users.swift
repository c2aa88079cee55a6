import TideCore
import TideStore

/// What the wire server reads about users to authenticate a connection.
extension Database {
    /// The SCRAM-SHA-256 verifier of user `name`, or nil when there is no such user. Names
    /// resolve like every catalog name: the exact name first, then the one user equal to it
    /// ignoring case.
    public func scramCredential(forUser name: String) -> ScramCredential? {
        catalog.user(name).map {
            ScramCredential(salt: $0.salt, iterations: $0.iterations, storedKey: $0.storedKey, serverKey: $0.serverKey)
        }
    }

    /// The names of all users, sorted.
    public func userNames() -> [String] { catalog.listUsers().map(\.name) }
}
