import Crypto
import Foundation

/// A user's SCRAM-SHA-256 verifier (RFC 5802, RFC 7677), as PostgreSQL keeps it: the salt and
/// iteration count a client needs to hash the password, `StoredKey` to check a client's proof
/// against, and `ServerKey` to sign the server's final message. Derived once from the
/// password by `CREATE USER` / `ALTER USER`; the password itself is never kept.
public struct ScramCredential: Sendable, Hashable {
    /// The random salt (16 bytes, like PostgreSQL's).
    public var salt: [UInt8]
    /// PBKDF2 iterations.
    public var iterations: Int
    /// `H(ClientKey)`.
    public var storedKey: [UInt8]
    /// `HMAC(SaltedPassword, "Server Key")`.
    public var serverKey: [UInt8]

    /// PostgreSQL's default `scram_iterations`.
    public static let defaultIterations = 4096
    /// Bytes of a new salt.
    public static let saltLength = 16

    public init(salt: [UInt8], iterations: Int, storedKey: [UInt8], serverKey: [UInt8]) {
        self.salt = salt
        self.iterations = iterations
        self.storedKey = storedKey
        self.serverKey = serverKey
    }

    /// The verifier of `password` with `salt` (a fresh random one by default).
    public static func derive(
        password: String, salt: [UInt8] = randomSalt(), iterations: Int = defaultIterations
    ) -> ScramCredential {
        let salted = saltedPassword(password, salt: salt, iterations: iterations)
        let clientKey = hmac(key: salted, Array("Client Key".utf8))
        return ScramCredential(
            salt: salt, iterations: iterations, storedKey: Array(SHA256.hash(data: clientKey)),
            serverKey: hmac(key: salted, Array("Server Key".utf8)))
    }

    /// `SaltedPassword := Hi(Normalize(password), salt, i)`: PBKDF2-HMAC-SHA-256 with one
    /// 32-byte block (RFC 5802 §2.2). The password is normalized with `normalize(_:)`.
    public static func saltedPassword(_ password: String, salt: [UInt8], iterations: Int) -> [UInt8] {
        let prf = HMAC<SHA256>(key: SymmetricKey(data: normalize(password)))
        var first = prf
        first.update(data: salt + [0, 0, 0, 1])
        var u = Array(first.finalize())
        var result = u
        for _ in 1..<max(iterations, 1) {
            var next = prf
            next.update(data: u)
            u = Array(next.finalize())
            for i in result.indices { result[i] ^= u[i] }
        }
        return result
    }

    /// `HMAC-SHA-256(key, message)`.
    public static func hmac(key: [UInt8], _ message: [UInt8]) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: key)))
    }

    /// `length` cryptographically random bytes (the system generator: getrandom / arc4random).
    public static func randomBytes(_ length: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }

    /// A fresh 16-byte salt.
    public static func randomSalt() -> [UInt8] { randomBytes(saltLength) }

    /// The password bytes SCRAM hashes, as PostgreSQL's `pg_saslprep` and libpq produce them:
    /// an ASCII password is used as it is; otherwise SASLprep's mappings (RFC 4013: non-ASCII
    /// spaces to U+0020, "commonly mapped to nothing" characters removed) and NFKC apply.
    /// (The prohibited-character and bidirectional checks, after which PostgreSQL falls back
    /// to the raw bytes, are not made.)
    static func normalize(_ password: String) -> [UInt8] {
        guard password.utf8.contains(where: { $0 >= 0x80 }) else { return Array(password.utf8) }
        var mapped = String.UnicodeScalarView()
        for scalar in password.unicodeScalars {
            let v = scalar.value
            if nonASCIISpaces.contains(where: { $0.contains(v) }) {
                mapped.append(" ")
            } else if !mappedToNothing.contains(where: { $0.contains(v) }) {
                mapped.append(scalar)
            }
        }
        return Array(String(mapped).precomposedStringWithCompatibilityMapping.utf8)
    }

    /// RFC 3454 table B.1.
    private static let mappedToNothing: [ClosedRange<UInt32>] = [
        0xAD...0xAD, 0x34F...0x34F, 0x1806...0x1806, 0x180B...0x180D, 0x200B...0x200D, 0x2060...0x2060,
        0xFE00...0xFE0F, 0xFEFF...0xFEFF,
    ]

    /// RFC 3454 table C.1.2.
    private static let nonASCIISpaces: [ClosedRange<UInt32>] = [
        0xA0...0xA0, 0x1680...0x1680, 0x2000...0x200B, 0x202F...0x202F, 0x205F...0x205F, 0x3000...0x3000,
    ]
}
