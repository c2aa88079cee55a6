import Foundation
import TideCore
import TideDB
import XCTest

@testable import TideWire

/// The server side of SCRAM-SHA-256, message by message, without sockets.
final class ScramAuthenticatorTests: XCTestCase {
    // RFC 7677 §3.
    private let clientNonce = "rOprNGfwEbeRWgbNEkqO"
    private let serverNonce = "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0"
    private let salt = Array(Data(base64Encoded: "W22ZaJ0SNY7soEsUEjb6gQ==") ?? Data())
    private let secret = Array(repeating: UInt8(7), count: 32)

    private func rfcAuthenticator() -> ScramAuthenticator {
        ScramAuthenticator(
            user: "user", credential: ScramCredential.derive(password: "pencil", salt: salt, iterations: 4096),
            mockSecret: secret, serverNonce: serverNonce)
    }

    /// A SASLInitialResponse body: mechanism, length, client-first-message.
    private func initial(_ message: String, mechanism: String = "SCRAM-SHA-256") -> [UInt8] {
        let data = Array(message.utf8)
        let length = UInt32(data.count)
        return Array(mechanism.utf8) + [0] + [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: length >> $0) } + data
    }

    private func text(_ action: ScramAuthenticator.Action) -> String? {
        switch action {
        case .send(.authenticationSASLContinue(let bytes)), .succeed(.authenticationSASLFinal(let bytes)):
            return String(decoding: bytes, as: UTF8.self)
        case .send, .succeed, .fail: return nil
        }
    }

    private func failure(_ action: ScramAuthenticator.Action) -> TideError? {
        if case .fail(let error, _) = action { return error }
        return nil
    }

    /// What a client sends as its final message for `password`, given the server's first.
    private func clientFinal(
        password: String, clientFirstBare: String, serverFirst: String, channelBinding: String = "biws"
    ) throws -> String {
        let attributes = Dictionary(
            serverFirst.split(separator: ",").map { (String($0.prefix(1)), String($0.dropFirst(2))) },
            uniquingKeysWith: { first, _ in first })
        let nonce = try XCTUnwrap(attributes["r"])
        let salt = Array(try XCTUnwrap(Data(base64Encoded: try XCTUnwrap(attributes["s"]))))
        let iterations = try XCTUnwrap(Int(try XCTUnwrap(attributes["i"])))
        let salted = ScramCredential.saltedPassword(password, salt: salt, iterations: iterations)
        let clientKey = ScramCredential.hmac(key: salted, Array("Client Key".utf8))
        let storedKey = ScramCredential.derive(password: password, salt: salt, iterations: iterations).storedKey
        let withoutProof = "c=\(channelBinding),r=\(nonce)"
        let authMessage = Array("\(clientFirstBare),\(serverFirst),\(withoutProof)".utf8)
        let signature = ScramCredential.hmac(key: storedKey, authMessage)
        let proof = zip(clientKey, signature).map { $0 ^ $1 }
        return withoutProof + ",p=" + Data(proof).base64EncodedString()
    }

    func testRFC7677Exchange() {
        var scram = rfcAuthenticator()
        XCTAssertEqual(scram.request, .authenticationSASL(mechanisms: ["SCRAM-SHA-256"]))
        let first = scram.receive(initial("n,,n=user,r=\(clientNonce)"))
        XCTAssertEqual(text(first), "r=\(clientNonce)\(serverNonce),s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096")
        let final = scram.receive(
            Array(
                "c=biws,r=\(clientNonce)\(serverNonce),p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=".utf8))
        guard case .succeed = final else { return XCTFail("expected success, got \(final)") }
        XCTAssertEqual(text(final), "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=")
    }

    func testRFC7677KeysAreDerivedFromThePassword() {
        let credential = ScramCredential.derive(password: "pencil", salt: salt, iterations: 4096)
        // The RFC's proof verifies against exactly these keys (see testRFC7677Exchange); the
        // password is not among the derived bytes.
        XCTAssertEqual(credential.storedKey.count, 32)
        XCTAssertEqual(credential.serverKey.count, 32)
        XCTAssertNotEqual(credential.storedKey, credential.serverKey)
        XCTAssertEqual(credential, ScramCredential.derive(password: "pencil", salt: salt, iterations: 4096))
        XCTAssertNotEqual(credential, ScramCredential.derive(password: "pencil2", salt: salt, iterations: 4096))
    }

    func testLibpqStyleExchangeWithRandomNonces() throws {
        var scram = ScramAuthenticator(
            user: "alice", credential: ScramCredential.derive(password: "s3cret"), mockSecret: secret)
        let bare = "n=,r=abcdefghijklmnopqrstuvwx"
        let serverFirst = try XCTUnwrap(text(scram.receive(initial("n,," + bare))))
        XCTAssertTrue(serverFirst.hasPrefix("r=abcdefghijklmnopqrstuvwx"))
        let final = scram.receive(
            Array(try clientFinal(password: "s3cret", clientFirstBare: bare, serverFirst: serverFirst).utf8))
        guard case .succeed(.authenticationSASLFinal) = final else { return XCTFail("expected success, got \(final)") }
    }

    func testClientThatSupportsChannelBindingButWasNotOfferedIt() throws {
        var scram = ScramAuthenticator(
            user: "u", credential: ScramCredential.derive(password: "pw"), mockSecret: secret)
        let bare = "n=,r=nonce1"
        let serverFirst = try XCTUnwrap(text(scram.receive(initial("y,," + bare))))
        let final = try clientFinal(
            password: "pw", clientFirstBare: bare, serverFirst: serverFirst, channelBinding: "eSws")
        guard case .succeed = scram.receive(Array(final.utf8)) else { return XCTFail("expected success") }
    }

    func testWrongPasswordFailsWith28P01() throws {
        var scram = ScramAuthenticator(
            user: "alice", credential: ScramCredential.derive(password: "s3cret"), mockSecret: secret)
        let bare = "n=,r=clientnonce"
        let serverFirst = try XCTUnwrap(text(scram.receive(initial("n,," + bare))))
        let final = scram.receive(
            Array(try clientFinal(password: "wrong", clientFirstBare: bare, serverFirst: serverFirst).utf8))
        let error = try XCTUnwrap(failure(final))
        XCTAssertEqual(error.code.rawValue, "28P01")
        XCTAssertEqual(error.message, "password authentication failed for user \"alice\"")
        XCTAssertFalse(error.message.contains("wrong"))
    }

    func testUnknownUserRunsAFakeExchangeAndFailsTheSameWay() throws {
        var scram = ScramAuthenticator(user: "ghost", credential: nil, mockSecret: secret)
        let bare = "n=,r=clientnonce"
        let serverFirst = try XCTUnwrap(text(scram.receive(initial("n,," + bare))))
        XCTAssertTrue(serverFirst.contains(",s="))
        XCTAssertTrue(serverFirst.hasSuffix(",i=4096"))
        // The fake salt is stable for a name (a retry sees the same one) and differs by name.
        var again = ScramAuthenticator(user: "ghost", credential: nil, mockSecret: secret)
        var other = ScramAuthenticator(user: "ghost2", credential: nil, mockSecret: secret)
        let saltOf = { (first: String?) in first?.split(separator: ",").first { $0.hasPrefix("s=") } }
        XCTAssertEqual(saltOf(serverFirst), saltOf(text(again.receive(initial("n,," + bare)))))
        XCTAssertNotEqual(saltOf(serverFirst), saltOf(text(other.receive(initial("n,," + bare)))))

        let final = scram.receive(
            Array(try clientFinal(password: "anything", clientFirstBare: bare, serverFirst: serverFirst).utf8))
        let error = try XCTUnwrap(failure(final))
        XCTAssertEqual(error.code.rawValue, "28P01")
        XCTAssertEqual(error.message, "password authentication failed for user \"ghost\"")
    }

    func testProtocolViolations() throws {
        func firstFails(_ bytes: [UInt8]) -> String? {
            var scram = rfcAuthenticator()
            return failure(scram.receive(bytes))?.code.rawValue
        }
        XCTAssertEqual(firstFails(initial("n,,n=,r=x", mechanism: "SCRAM-SHA-256-PLUS")), "08P01")
        XCTAssertEqual(firstFails(initial("n,,n=,r=x", mechanism: "PLAIN")), "08P01")
        XCTAssertEqual(firstFails(initial("p=tls-server-end-point,,n=,r=x")), "08P01")
        XCTAssertEqual(firstFails(initial("n,a=admin,n=,r=x")), "08P01")
        XCTAssertEqual(firstFails(initial("n,,m=ext,n=,r=x")), "08P01")
        XCTAssertEqual(firstFails(initial("n,,n=,r=")), "08P01")
        XCTAssertEqual(firstFails(initial("n,,r=x")), "08P01")
        XCTAssertEqual(firstFails(initial("x,,n=,r=x")), "08P01")
        XCTAssertEqual(firstFails(Array("SCRAM-SHA-256".utf8) + [0, 0, 0]), "08P01")
        XCTAssertEqual(firstFails(Array("SCRAM-SHA-256".utf8) + [0, 0, 0, 0, 99] + Array("n,,n=,r=x".utf8)), "08P01")
        XCTAssertEqual(firstFails([]), "08P01")

        func finalFails(_ message: String) -> String? {
            var scram = rfcAuthenticator()
            _ = scram.receive(initial("n,,n=user,r=\(clientNonce)"))
            return failure(scram.receive(Array(message.utf8)))?.code.rawValue
        }
        let nonce = clientNonce + serverNonce
        let proof = "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ="
        XCTAssertEqual(finalFails("c=biws,r=\(clientNonce)other,\(proof)"), "08P01")
        XCTAssertEqual(finalFails("c=eSws,r=\(nonce),\(proof)"), "08P01")
        XCTAssertEqual(finalFails("c=biws,r=\(nonce)"), "08P01")
        XCTAssertEqual(finalFails("c=biws,r=\(nonce),p=AAAA"), "08P01")
        XCTAssertEqual(finalFails("c=biws,r=\(nonce),p=not base64!"), "08P01")
        XCTAssertEqual(finalFails("r=\(nonce),\(proof)"), "08P01")
    }

    func testNothingIsAcceptedAfterTheExchange() {
        var scram = rfcAuthenticator()
        _ = scram.receive(initial("n,,n=user,r=\(clientNonce)"))
        _ = scram.receive(
            Array("c=biws,r=\(clientNonce)\(serverNonce),p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=".utf8))
        XCTAssertEqual(failure(scram.receive([1, 2, 3]))?.code.rawValue, "08P01")
    }

    func testConstantTimeEqual() {
        XCTAssertTrue(ScramAuthenticator.constantTimeEqual([1, 2, 3], [1, 2, 3]))
        XCTAssertFalse(ScramAuthenticator.constantTimeEqual([1, 2, 3], [1, 2, 4]))
        XCTAssertFalse(ScramAuthenticator.constantTimeEqual([1, 2, 3], [1, 2]))
        XCTAssertTrue(ScramAuthenticator.constantTimeEqual([], []))
    }
}
