import Crypto
import Foundation
import TideCore
import TideDB

/// The server side of SCRAM-SHA-256 (RFC 5802, RFC 7677) as PostgreSQL speaks it, with no
/// I/O: the connection feeds it the bytes of each `p` message and sends what it answers.
///
/// ```
///  server: AuthenticationSASL ["SCRAM-SHA-256"]
///  client: SASLInitialResponse  "SCRAM-SHA-256" · n,,n=,r=‹client nonce›
///  server: AuthenticationSASLContinue  r=‹client nonce›‹server nonce›,s=‹salt›,i=4096
///  client: SASLResponse  c=biws,r=‹both nonces›,p=‹proof›
///  server: AuthenticationSASLFinal  v=‹server signature›, then AuthenticationOk
///          — or FATAL 28P01 password authentication failed for user "‹user›"
/// ```
///
/// The user name is the start-up packet's (PostgreSQL ignores SCRAM's `n=`). For a user that
/// does not exist the exchange runs all the same, with a salt that depends only on the name
/// and a server secret (so it is stable across attempts), and fails at the end with the same
/// error as a wrong password: a client cannot tell unknown users from wrong passwords.
/// Channel binding (`SCRAM-SHA-256-PLUS`) is not offered.
struct ScramAuthenticator: Sendable {
    /// The one mechanism offered.
    static let mechanism = "SCRAM-SHA-256"

    /// What the connection does next.
    enum Action: Sendable, Equatable {
        /// Send the message and wait for the client's next response.
        case send(BackendMessage)
        /// The password is right: send this AuthenticationSASLFinal, then AuthenticationOk.
        case succeed(BackendMessage)
        /// Send this FATAL error and close. `reason` is for the server log only.
        case fail(TideError, reason: String)
    }

    private struct Exchange: Sendable {
        /// `n,,` or `y,,`, which the client must echo (base64) in `c=`.
        var gs2Header: String
        var clientFirstBare: String
        var serverFirst: String
        /// Client nonce + server nonce.
        var nonce: String
    }

    private enum Step: Sendable {
        case awaitingInitialResponse
        case awaitingFinalResponse(Exchange)
        case finished
    }

    /// The user the start-up packet names.
    let user: String
    private let credential: ScramCredential
    /// True when the user does not exist: every exchange fails at its end.
    private let isMock: Bool
    private let serverNonce: String
    private var step = Step.awaitingInitialResponse

    /// An exchange for `user`, whose verifier is `credential` (nil: no such user; the
    /// exchange is then faked with a salt derived from `mockSecret`). `serverNonce` is
    /// random unless a test fixes it.
    init(user: String, credential: ScramCredential?, mockSecret: [UInt8], serverNonce: String = randomNonce()) {
        self.user = user
        self.serverNonce = serverNonce
        if let credential {
            self.credential = credential
            isMock = false
        } else {
            let salt = ScramCredential.hmac(key: mockSecret, Array(user.utf8)).prefix(ScramCredential.saltLength)
            self.credential = ScramCredential(
                salt: Array(salt), iterations: ScramCredential.defaultIterations,
                storedKey: ScramCredential.randomBytes(32), serverKey: ScramCredential.randomBytes(32))
            isMock = true
        }
    }

    /// The message that starts authentication.
    var request: BackendMessage { .authenticationSASL(mechanisms: [Self.mechanism]) }

    /// 18 random bytes in base64, like PostgreSQL's server nonce.
    static func randomNonce() -> String { Data(ScramCredential.randomBytes(18)).base64EncodedString() }

    /// Handles the bytes of one `p` message.
    mutating func receive(_ bytes: [UInt8]) -> Action {
        let current = step
        step = .finished
        switch current {
        case .awaitingInitialResponse: return initialResponse(bytes)
        case .awaitingFinalResponse(let exchange): return finalResponse(bytes, exchange)
        case .finished: return .fail(Self.malformed("authentication already finished"), reason: "extra message")
        }
    }

    // MARK: - SASLInitialResponse

    private mutating func initialResponse(_ bytes: [UInt8]) -> Action {
        guard let zero = bytes.firstIndex(of: 0), bytes.count >= zero + 5 else {
            return .fail(Self.malformed("truncated SASLInitialResponse"), reason: "malformed")
        }
        let mechanism = String(decoding: bytes[..<zero], as: UTF8.self)
        guard mechanism == Self.mechanism else {
            return .fail(
                TideError(.protocolViolation, "client selected an invalid SASL authentication mechanism"),
                reason: "mechanism")
        }
        let length = bytes[(zero + 1)..<(zero + 5)].reduce(0) { $0 << 8 | Int32($1) }
        let data = Array(bytes[(zero + 5)...])
        guard length >= 0, Int(length) == data.count, let text = String(validating: data, as: UTF8.self) else {
            return .fail(Self.malformed("bad client-first-message length"), reason: "malformed")
        }
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 4 else { return .fail(Self.malformed("client-first-message"), reason: "malformed") }
        switch parts[0] {
        case "n", "y": break
        case let flag where flag.hasPrefix("p="):
            return .fail(
                Self.malformed("the client requires channel binding, which is not offered"), reason: "binding")
        default: return .fail(Self.malformed("unexpected channel-binding flag"), reason: "malformed")
        }
        guard parts[1].isEmpty else {
            return .fail(
                Self.malformed("client uses authorization identity, but it is not supported"), reason: "authzid")
        }
        guard !parts[2].hasPrefix("m=") else {
            return .fail(Self.malformed("client requires an unsupported SCRAM extension"), reason: "extension")
        }
        guard parts[2].hasPrefix("n="), parts[3].hasPrefix("r=") else {
            return .fail(Self.malformed("client-first-message"), reason: "malformed")
        }
        let clientNonce = parts[3].dropFirst(2)
        guard !clientNonce.isEmpty, clientNonce.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) else {
            return .fail(Self.malformed("invalid client nonce"), reason: "malformed")
        }
        let exchange = Exchange(
            gs2Header: parts[0] + ",,", clientFirstBare: parts[2...].joined(separator: ","),
            serverFirst: "r=\(clientNonce)\(serverNonce),s=\(Data(credential.salt).base64EncodedString()),"
                + "i=\(credential.iterations)",
            nonce: clientNonce + serverNonce)
        step = .awaitingFinalResponse(exchange)
        return .send(.authenticationSASLContinue(Array(exchange.serverFirst.utf8)))
    }

    // MARK: - SASLResponse

    private func finalResponse(_ bytes: [UInt8], _ exchange: Exchange) -> Action {
        guard let text = String(validating: bytes, as: UTF8.self), let proofStart = text.range(of: ",p=") else {
            return .fail(Self.malformed("client-final-message"), reason: "malformed")
        }
        let withoutProof = String(text[..<proofStart.lowerBound])
        let parts = withoutProof.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count >= 2, parts[0].hasPrefix("c="), parts[1].hasPrefix("r=") else {
            return .fail(Self.malformed("client-final-message"), reason: "malformed")
        }
        guard Data(base64Encoded: String(parts[0].dropFirst(2))).map(Array.init) == Array(exchange.gs2Header.utf8)
        else {
            return .fail(TideError(.protocolViolation, "SCRAM channel binding check failed"), reason: "binding")
        }
        guard parts[1].dropFirst(2) == exchange.nonce else {
            return .fail(Self.malformed("nonce does not match"), reason: "nonce")
        }
        guard let proof = Data(base64Encoded: String(text[proofStart.upperBound...])).map(Array.init),
            proof.count == SHA256.byteCount
        else {
            return .fail(Self.malformed("invalid client proof"), reason: "malformed")
        }
        let authMessage = Array("\(exchange.clientFirstBare),\(exchange.serverFirst),\(withoutProof)".utf8)
        let clientSignature = ScramCredential.hmac(key: credential.storedKey, authMessage)
        let clientKey = zip(proof, clientSignature).map { $0 ^ $1 }
        let matches = Self.constantTimeEqual(Array(SHA256.hash(data: clientKey)), credential.storedKey)
        guard matches, !isMock else {
            return .fail(
                TideError("28P01", "password authentication failed for user \"\(user)\""),
                reason: isMock ? "user \"\(user)\" does not exist" : "password does not match for user \"\(user)\"")
        }
        let serverSignature = ScramCredential.hmac(key: credential.serverKey, authMessage)
        return .succeed(.authenticationSASLFinal(Array("v=\(Data(serverSignature).base64EncodedString())".utf8)))
    }

    // MARK: - Helpers

    /// Compares in time that depends only on the lengths.
    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for i in a.indices { difference |= a[i] ^ b[i] }
        return difference == 0
    }

    private static func malformed(_ detail: String) -> TideError {
        TideError(.protocolViolation, "malformed SCRAM message", detail: detail)
    }
}
