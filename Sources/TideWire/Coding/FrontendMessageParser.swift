import NIOCore
import TideCore

/// Reads frontend messages from bytes. Pure: no channel, no state beyond what it is given,
/// so the decoder and the fuzz tests share it.
public enum FrontendMessageParser {
    /// The start-up packet, if `buffer` holds a whole one (it is consumed then).
    public static func parseStartup(_ buffer: inout ByteBuffer, maxLength: Int) throws(TideError) -> StartupPacket? {
        guard let length = buffer.getInteger(at: buffer.readerIndex, as: Int32.self) else { return nil }
        guard length >= 8 else { throw WireProtocolError.malformed("start-up packet length \(length)") }
        guard Int(length) <= maxLength else { throw WireProtocolError.tooLarge(Int(length), limit: maxLength) }
        guard buffer.readableBytes >= Int(length) else { return nil }
        buffer.moveReaderIndex(forwardBy: 4)
        guard var body = buffer.readSlice(length: Int(length) - 4), let code = body.readInteger(as: Int32.self)
        else { throw WireProtocolError.malformed("start-up packet") }
        switch code {
        case StartupPacket.sslCode: return .sslRequest
        case StartupPacket.gssCode: return .gssEncryptionRequest
        case StartupPacket.cancelCode:
            guard let pid = body.readInteger(as: Int32.self), let key = body.readInteger(as: Int32.self) else {
                throw WireProtocolError.malformed("cancel request")
            }
            return .cancel(processID: pid, secretKey: key)
        case StartupPacket.protocolVersion3:
            var parameters: [String: String] = [:]
            while let name = try readCString(&body), !name.isEmpty {
                guard let value = try readCString(&body) else {
                    throw WireProtocolError.malformed("start-up parameter")
                }
                parameters[name] = value
            }
            return .startup(parameters: parameters)
        default:
            throw TideError(
                .featureNotSupported,
                "unsupported frontend protocol \(code >> 16).\(code & 0xFFFF): TideDB speaks protocol 3.0")
        }
    }

    /// The next typed message, if `buffer` holds a whole one (it is consumed then).
    public static func parse(_ buffer: inout ByteBuffer, maxLength: Int) throws(TideError) -> FrontendMessage? {
        guard let type = buffer.getInteger(at: buffer.readerIndex, as: UInt8.self),
            let length = buffer.getInteger(at: buffer.readerIndex + 1, as: Int32.self)
        else { return nil }
        guard length >= 4 else { throw WireProtocolError.malformed("length \(length)") }
        guard Int(length) <= maxLength else { throw WireProtocolError.tooLarge(Int(length), limit: maxLength) }
        guard buffer.readableBytes >= Int(length) + 1 else { return nil }
        buffer.moveReaderIndex(forwardBy: 5)
        guard var body = buffer.readSlice(length: Int(length) - 4) else {
            throw WireProtocolError.malformed("truncated message")
        }
        let message = try parseBody(type: type, &body)
        guard body.readableBytes == 0 || type == UInt8(ascii: "p") else {
            throw WireProtocolError.malformed(
                "\(body.readableBytes) unexpected bytes after message '\(Character(Unicode.Scalar(type)))'")
        }
        return message
    }

    private static func parseBody(type: UInt8, _ body: inout ByteBuffer) throws(TideError) -> FrontendMessage {
        switch type {
        case UInt8(ascii: "Q"): return .query(try requireCString(&body, "query"))
        case UInt8(ascii: "P"):
            let name = try requireCString(&body, "statement name")
            let query = try requireCString(&body, "query")
            let count = try requireInt16(&body, "parameter count")
            var types: [Int32] = []
            for _ in 0..<max(0, Int(count)) { types.append(try requireInt32(&body, "parameter type")) }
            return .parse(ParseMessage(name: name, query: query, parameterTypes: types))
        case UInt8(ascii: "B"): return .bind(try parseBind(&body))
        case UInt8(ascii: "D"): return .describe(try parseTarget(&body))
        case UInt8(ascii: "C"): return .close(try parseTarget(&body))
        case UInt8(ascii: "E"):
            let portal = try requireCString(&body, "portal name")
            return .execute(portal: portal, maxRows: try requireInt32(&body, "row limit"))
        case UInt8(ascii: "S"): return .sync
        case UInt8(ascii: "H"): return .flush
        case UInt8(ascii: "X"): return .terminate
        case UInt8(ascii: "p"):
            let bytes = body.readBytes(length: body.readableBytes) ?? []
            return .authenticationResponse(bytes)
        case UInt8(ascii: "d"), UInt8(ascii: "c"), UInt8(ascii: "f"):
            body.moveReaderIndex(forwardBy: body.readableBytes)
            return .copy(type)
        default: throw WireProtocolError.unknownType(type)
        }
    }

    private static func parseBind(_ body: inout ByteBuffer) throws(TideError) -> BindMessage {
        let portal = try requireCString(&body, "portal name")
        let statement = try requireCString(&body, "statement name")
        let formats = try readFormats(&body)
        let count = try requireInt16(&body, "parameter count")
        guard count >= 0 else { throw WireProtocolError.malformed("negative parameter count") }
        var values: [[UInt8]?] = []
        for _ in 0..<Int(count) {
            let length = try requireInt32(&body, "parameter length")
            if length == -1 {
                values.append(nil)
                continue
            }
            guard length >= 0, let bytes = body.readBytes(length: Int(length)) else {
                throw WireProtocolError.malformed("parameter value")
            }
            values.append(bytes)
        }
        let results = try readFormats(&body)
        guard formats.count <= 1 || formats.count == values.count else {
            throw WireProtocolError.malformed("\(formats.count) parameter formats for \(values.count) parameters")
        }
        return BindMessage(
            portal: portal, statement: statement, parameterFormats: formats, parameters: values, resultFormats: results)
    }

    private static func readFormats(_ body: inout ByteBuffer) throws(TideError) -> [WireFormat] {
        let count = try requireInt16(&body, "format count")
        guard count >= 0 else { throw WireProtocolError.malformed("negative format count") }
        var formats: [WireFormat] = []
        for _ in 0..<Int(count) {
            let code = try requireInt16(&body, "format code")
            guard let format = WireFormat(rawValue: code) else {
                throw WireProtocolError.malformed("format code \(code)")
            }
            formats.append(format)
        }
        return formats
    }

    private static func parseTarget(_ body: inout ByteBuffer) throws(TideError) -> DescribeTarget {
        guard let kind = body.readInteger(as: UInt8.self) else { throw WireProtocolError.malformed("describe kind") }
        let name = try requireCString(&body, "name")
        switch kind {
        case UInt8(ascii: "S"): return .statement(name)
        case UInt8(ascii: "P"): return .portal(name)
        default: throw WireProtocolError.malformed("describe kind \(kind)")
        }
    }

    // MARK: - Primitives

    static func readCString(_ body: inout ByteBuffer) throws(TideError) -> String? {
        guard body.readableBytes > 0 else { return nil }
        guard let end = body.readableBytesView.firstIndex(of: 0) else {
            throw WireProtocolError.malformed("string without terminator")
        }
        let bytes = body.readBytes(length: end - body.readerIndex) ?? []
        body.moveReaderIndex(forwardBy: 1)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw TideError("22021", "invalid byte sequence for encoding \"UTF8\"")
        }
        return text
    }

    private static func requireCString(_ body: inout ByteBuffer, _ what: String) throws(TideError) -> String {
        guard let text = try readCString(&body) else { throw WireProtocolError.malformed("missing \(what)") }
        return text
    }

    private static func requireInt16(_ body: inout ByteBuffer, _ what: String) throws(TideError) -> Int16 {
        guard let v = body.readInteger(as: Int16.self) else { throw WireProtocolError.malformed("missing \(what)") }
        return v
    }

    private static func requireInt32(_ body: inout ByteBuffer, _ what: String) throws(TideError) -> Int32 {
        guard let v = body.readInteger(as: Int32.self) else { throw WireProtocolError.malformed("missing \(what)") }
        return v
    }
}
