import Foundation

/// A user as the catalog stores it (value of a `CatalogKey.user` entry): the name and the
/// SCRAM-SHA-256 verifier derived from the password (RFC 5802 §3: salt, iteration count,
/// `StoredKey = H(HMAC(SaltedPassword, "Client Key"))`, `ServerKey = HMAC(SaltedPassword,
/// "Server Key")`). The password itself is never stored, and cannot be recovered from these.
///
/// In JSON the byte fields are base64 strings (stable and readable with `ldb`).
public struct UserRecord: Sendable, Hashable, Codable {
    /// The name exactly as created.
    public var name: String
    /// The random salt the password was hashed with (16 bytes).
    public var salt: [UInt8]
    /// PBKDF2 iterations (4096, as PostgreSQL's default).
    public var iterations: Int
    /// `H(ClientKey)`: what a client's proof is checked against.
    public var storedKey: [UInt8]
    /// The key the server signs its final message with, proving it knew the verifier.
    public var serverKey: [UInt8]
    /// When `CREATE USER` ran, in milliseconds since the Unix epoch.
    public var createdAtMs: Int64

    public init(
        name: String, salt: [UInt8], iterations: Int, storedKey: [UInt8], serverKey: [UInt8], createdAtMs: Int64
    ) {
        self.name = name
        self.salt = salt
        self.iterations = iterations
        self.storedKey = storedKey
        self.serverKey = serverKey
        self.createdAtMs = createdAtMs
    }

    private enum CodingKeys: String, CodingKey {
        case name, salt, iterations, storedKey, serverKey, createdAtMs
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func bytes(_ key: CodingKeys) throws -> [UInt8] {
            let text = try container.decode(String.self, forKey: key)
            guard let data = Data(base64Encoded: text) else {
                throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "not base64")
            }
            return Array(data)
        }
        name = try container.decode(String.self, forKey: .name)
        salt = try bytes(.salt)
        iterations = try container.decode(Int.self, forKey: .iterations)
        storedKey = try bytes(.storedKey)
        serverKey = try bytes(.serverKey)
        createdAtMs = try container.decode(Int64.self, forKey: .createdAtMs)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(Data(salt).base64EncodedString(), forKey: .salt)
        try container.encode(iterations, forKey: .iterations)
        try container.encode(Data(storedKey).base64EncodedString(), forKey: .storedKey)
        try container.encode(Data(serverKey).base64EncodedString(), forKey: .serverKey)
        try container.encode(createdAtMs, forKey: .createdAtMs)
    }
}
