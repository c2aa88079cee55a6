import TideCore

/// A strict RFC 8259 parser with OpenMLDB's extensions: the unquoted tokens `NaN`,
/// `Infinity`, `-Infinity`, `Inf` and `-Inf` are numbers (Foundation's parser rejects
/// them). `true`, `false` and `null` are lower case only. Numbers that overflow a Double
/// (`1e1000`) are errors, as in OpenMLDB.
struct RequestJSONParser {
    /// Nesting deeper than this is rejected rather than risking the stack.
    static let maximumDepth = 256

    private let bytes: [UInt8]
    private var position = 0
    private var depth = 0

    private init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Parses one JSON document; only whitespace may follow it.
    static func parse(_ bytes: [UInt8]) throws(RequestJSONError) -> RequestJSON {
        var parser = RequestJSONParser(bytes)
        parser.skipWhitespace()
        let value = try parser.parseValue()
        parser.skipWhitespace()
        guard parser.position == bytes.count else { throw parser.error("unexpected text after the JSON value") }
        return value
    }

    /// Parses `text` (tests and SQL-free callers).
    static func parse(_ text: String) throws(RequestJSONError) -> RequestJSON {
        try parse(Array(text.utf8))
    }

    private mutating func parseValue() throws(RequestJSONError) -> RequestJSON {
        guard position < bytes.count else { throw error("unexpected end of input") }
        switch bytes[position] {
        case UInt8(ascii: "{"):
            try enter()
            defer { depth -= 1 }
            return try parseObject()
        case UInt8(ascii: "["):
            try enter()
            defer { depth -= 1 }
            return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): return try literal("true", .bool(true))
        case UInt8(ascii: "f"): return try literal("false", .bool(false))
        case UInt8(ascii: "n"): return try literal("null", .null)
        case UInt8(ascii: "N"): return try literal("NaN", .double(.nan))
        case UInt8(ascii: "I"):
            if matches("Infinity") { return try literal("Infinity", .double(.infinity)) }
            return try literal("Inf", .double(.infinity))
        case UInt8(ascii: "-"):
            if matches("-Infinity") { return try literal("-Infinity", .double(-.infinity)) }
            if matches("-Inf") { return try literal("-Inf", .double(-.infinity)) }
            return try parseNumber()
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: throw error("unexpected character")
        }
    }

    private mutating func enter() throws(RequestJSONError) {
        depth += 1
        guard depth <= Self.maximumDepth else { throw error("nesting deeper than \(Self.maximumDepth) levels") }
    }

    private mutating func parseObject() throws(RequestJSONError) -> RequestJSON {
        position += 1
        var members: [RequestJSON.Member] = []
        skipWhitespace()
        if peek(UInt8(ascii: "}")) {
            position += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard peek(UInt8(ascii: "\"")) else { throw error("expected a member name in quotes") }
            let key = try parseString()
            skipWhitespace()
            try expect(UInt8(ascii: ":"))
            skipWhitespace()
            members.append(RequestJSON.Member(key: key, value: try parseValue()))
            skipWhitespace()
            if peek(UInt8(ascii: ",")) {
                position += 1
                continue
            }
            try expect(UInt8(ascii: "}"))
            return .object(members)
        }
    }

    private mutating func parseArray() throws(RequestJSONError) -> RequestJSON {
        position += 1
        var elements: [RequestJSON] = []
        skipWhitespace()
        if peek(UInt8(ascii: "]")) {
            position += 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            elements.append(try parseValue())
            skipWhitespace()
            if peek(UInt8(ascii: ",")) {
                position += 1
                continue
            }
            try expect(UInt8(ascii: "]"))
            return .array(elements)
        }
    }

    private mutating func parseString() throws(RequestJSONError) -> String {
        position += 1
        var scalars: [UInt8] = []
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(decoding: scalars, as: UTF8.self)
            case UInt8(ascii: "\\"):
                try parseEscape(into: &scalars)
            case 0..<0x20:
                throw error("control character in a string")
            default:
                scalars.append(byte)
            }
        }
        throw error("unterminated string")
    }

    private mutating func parseEscape(into out: inout [UInt8]) throws(RequestJSONError) {
        var index = position
        let result = bytes.withUnsafeBufferPointer { buffer -> JSONEscape.Failure? in
            do throws(JSONEscape.Failure) {
                try JSONEscape.decode(buffer, at: &index, into: &out)
                return nil
            } catch {
                return error
            }
        }
        position = index
        if let failure = result { throw error(failure.reason) }
    }

    private mutating func parseNumber() throws(RequestJSONError) -> RequestJSON {
        let start = position
        if peek(UInt8(ascii: "-")) { position += 1 }
        if peek(UInt8(ascii: "0")) {
            position += 1
        } else {
            guard digits() > 0 else { throw error("invalid number") }
        }
        var integral = true
        if peek(UInt8(ascii: ".")) {
            position += 1
            integral = false
            guard digits() > 0 else { throw error("invalid number") }
        }
        if peek(UInt8(ascii: "e")) || peek(UInt8(ascii: "E")) {
            position += 1
            integral = false
            if peek(UInt8(ascii: "+")) || peek(UInt8(ascii: "-")) { position += 1 }
            guard digits() > 0 else { throw error("invalid number") }
        }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        if integral, let value = Int64(text) { return .integer(value) }
        guard let value = Double(text), value.isFinite else {
            throw RequestJSONError(message: "number \(text) is out of range", offset: start)
        }
        return .double(value)
    }

    private mutating func digits() -> Int {
        let start = position
        while position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) {
            position += 1
        }
        return position - start
    }

    private mutating func literal(_ word: String, _ value: RequestJSON) throws(RequestJSONError) -> RequestJSON {
        guard matches(word) else { throw error("invalid literal") }
        position += word.utf8.count
        return value
    }

    private func matches(_ word: String) -> Bool {
        let utf8 = word.utf8
        guard position + utf8.count <= bytes.count else { return false }
        return bytes[position..<(position + utf8.count)].elementsEqual(utf8)
    }

    private func peek(_ byte: UInt8) -> Bool {
        position < bytes.count && bytes[position] == byte
    }

    private mutating func expect(_ byte: UInt8) throws(RequestJSONError) {
        guard peek(byte) else { throw error("expected '\(Character(Unicode.Scalar(byte)))'") }
        position += 1
    }

    private mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"): position += 1
            default: return
            }
        }
    }

    private func error(_ message: String) -> RequestJSONError {
        RequestJSONError(message: message, offset: position)
    }
}

/// Why a request body is not valid JSON, and the byte offset where parsing stopped.
struct RequestJSONError: Error, Sendable, Hashable, CustomStringConvertible {
    var message: String
    var offset: Int

    var description: String { "Json parse failed: \(message) at offset \(offset)" }
}
