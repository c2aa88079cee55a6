import TideCore

/// Malformed or oversized input from a client: answered with an ErrorResponse (08P01 or
/// 54000) and a closed connection, never a crash.
enum WireProtocolError {
    static func malformed(_ what: String) -> TideError {
        TideError(.protocolViolation, "invalid frontend message: \(what)")
    }

    static func tooLarge(_ length: Int, limit: Int) -> TideError {
        TideError("54000", "message of \(length) bytes exceeds the limit of \(limit) bytes")
    }

    static func unknownType(_ type: UInt8) -> TideError {
        TideError(.protocolViolation, "invalid frontend message type \(type)")
    }
}
