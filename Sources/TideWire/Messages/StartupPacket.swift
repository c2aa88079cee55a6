/// The first packet of a connection (no type byte): a start-up message or one of the
/// special requests identified by their protocol-version codes.
public enum StartupPacket: Sendable, Hashable {
    /// Protocol 3.0 start-up with its parameters (`user`, `database`, `options`, ...).
    case startup(parameters: [String: String])
    /// 80877103: the client asks for TLS.
    case sslRequest
    /// 80877104: the client asks for GSSAPI encryption.
    case gssEncryptionRequest
    /// 80877102: cancel the statement running on another connection.
    case cancel(processID: Int32, secretKey: Int32)

    static let protocolVersion3: Int32 = 196_608
    static let sslCode: Int32 = 80_877_103
    static let gssCode: Int32 = 80_877_104
    static let cancelCode: Int32 = 80_877_102
}
