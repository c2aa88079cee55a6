import NIOCore

/// Writes backend messages in protocol v3 framing: a type byte, an Int32 length that
/// counts itself, and the body.
public enum BackendMessageEncoder {
    public static func encode(_ message: BackendMessage, into out: inout ByteBuffer) {
        switch message {
        case .authenticationOk: frame("R", &out) { $0.writeInteger(Int32(0)) }
        case .authenticationCleartextPassword: frame("R", &out) { $0.writeInteger(Int32(3)) }
        case .authenticationSASL(let mechanisms):
            frame("R", &out) { body in
                body.writeInteger(Int32(10))
                for mechanism in mechanisms { writeCString(mechanism, &body) }
                body.writeInteger(UInt8(0))
            }
        case .authenticationSASLContinue(let data):
            frame("R", &out) {
                $0.writeInteger(Int32(11))
                $0.writeBytes(data)
            }
        case .authenticationSASLFinal(let data):
            frame("R", &out) {
                $0.writeInteger(Int32(12))
                $0.writeBytes(data)
            }
        case .parameterStatus(let name, let value):
            frame("S", &out) {
                writeCString(name, &$0)
                writeCString(value, &$0)
            }
        case .backendKeyData(let pid, let key):
            frame("K", &out) {
                $0.writeInteger(pid)
                $0.writeInteger(key)
            }
        case .readyForQuery(let status): frame("Z", &out) { $0.writeInteger(status.rawValue) }
        case .rowDescription(let fields):
            frame("T", &out) { body in
                body.writeInteger(Int16(truncatingIfNeeded: fields.count))
                for field in fields {
                    writeCString(field.name, &body)
                    body.writeInteger(field.tableOID)
                    body.writeInteger(field.columnNumber)
                    body.writeInteger(field.typeOID)
                    body.writeInteger(field.typeSize)
                    body.writeInteger(field.typeModifier)
                    body.writeInteger(field.format.rawValue)
                }
            }
        case .dataRow(let values):
            frame("D", &out) { body in
                body.writeInteger(Int16(truncatingIfNeeded: values.count))
                for value in values {
                    if let value {
                        body.writeInteger(Int32(truncatingIfNeeded: value.count))
                        body.writeBytes(value)
                    } else {
                        body.writeInteger(Int32(-1))
                    }
                }
            }
        case .commandComplete(let tag): frame("C", &out) { writeCString(tag, &$0) }
        case .emptyQueryResponse: frame("I", &out) { _ in }
        case .error(let fields): frame("E", &out) { writeFields(fields, &$0) }
        case .notice(let fields): frame("N", &out) { writeFields(fields, &$0) }
        case .parseComplete: frame("1", &out) { _ in }
        case .bindComplete: frame("2", &out) { _ in }
        case .closeComplete: frame("3", &out) { _ in }
        case .noData: frame("n", &out) { _ in }
        case .portalSuspended: frame("s", &out) { _ in }
        case .parameterDescription(let types):
            frame("t", &out) { body in
                body.writeInteger(Int16(truncatingIfNeeded: types.count))
                for type in types { body.writeInteger(type) }
            }
        }
    }

    /// Writes the type byte, reserves the length, lets `body` write, then fills the length in.
    private static func frame(_ type: Unicode.Scalar, _ out: inout ByteBuffer, _ body: (inout ByteBuffer) -> Void) {
        out.writeInteger(UInt8(ascii: type))
        let lengthIndex = out.writerIndex
        out.writeInteger(Int32(0))
        body(&out)
        out.setInteger(Int32(out.writerIndex - lengthIndex), at: lengthIndex)
    }

    private static func writeCString(_ text: String, _ out: inout ByteBuffer) {
        // A NUL inside a name or message would end the string early; drop it.
        if text.utf8.contains(0) {
            out.writeString(String(text.unicodeScalars.filter { $0 != "\0" }))
        } else {
            out.writeString(text)
        }
        out.writeInteger(UInt8(0))
    }

    private static func writeFields(_ fields: ErrorFields, _ out: inout ByteBuffer) {
        func field(_ code: Unicode.Scalar, _ value: String) {
            out.writeInteger(UInt8(ascii: code))
            writeCString(value, &out)
        }
        field("S", fields.severity)
        field("V", fields.severity)
        field("C", fields.code)
        field("M", fields.message)
        if let detail = fields.detail { field("D", detail) }
        if let hint = fields.hint { field("H", hint) }
        if let position = fields.position { field("P", String(position)) }
        out.writeInteger(UInt8(0))
    }
}
