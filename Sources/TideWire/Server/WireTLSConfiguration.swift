import NIOSSL
import TideCore

/// The certificate and private key the PostgreSQL wire server offers clients that send an
/// SSLRequest. PEM files; the certificate file may hold the chain after the leaf.
public struct WireTLSConfiguration: Sendable, Hashable {
    /// PEM file of the server certificate (and its chain).
    public var certificatePath: String
    /// PEM file of the certificate's private key (unencrypted).
    public var keyPath: String

    public init(certificatePath: String, keyPath: String) {
        self.certificatePath = certificatePath
        self.keyPath = keyPath
    }

    /// Loads both files and checks that they fit together, so that a bad certificate stops
    /// `tide serve` at start. Throws like `makeContext()`.
    public func validate() throws {
        _ = try makeContext()
    }

    /// Loads the files into a server context (TLS 1.2 or newer). Throws `58030` with the
    /// file and the reason when one cannot be read or does not match.
    func makeContext() throws -> NIOSSLContext {
        let chain: [NIOSSLCertificate]
        do {
            chain = try NIOSSLCertificate.fromPEMFile(certificatePath)
        } catch {
            throw TideError(.ioError, "cannot load TLS certificate \(certificatePath): \(error)")
        }
        guard !chain.isEmpty else {
            throw TideError(.ioError, "cannot load TLS certificate \(certificatePath): no certificate in the file")
        }
        let key: NIOSSLPrivateKey
        do {
            key = try NIOSSLPrivateKey(file: keyPath, format: .pem)
        } catch {
            throw TideError(.ioError, "cannot load TLS private key \(keyPath): \(error)")
        }
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
        configuration.minimumTLSVersion = .tlsv12
        do {
            return try NIOSSLContext(configuration: configuration)
        } catch {
            throw TideError(
                .ioError,
                "cannot use TLS certificate \(certificatePath) with key \(keyPath) (does the key belong to the "
                    + "certificate?): \(error)")
        }
    }
}
