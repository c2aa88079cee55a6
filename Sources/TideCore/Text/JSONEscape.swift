/// JSON string escapes (RFC 8259 §7) read strictly: the one rule for every TideDB reader that
/// must refuse malformed JSON (the HTTP API's request parser, a Kafka source's row scanner).
/// `get_json_object` reads leniently, as OpenMLDB does, and keeps its own reader.
public enum JSONEscape {
    /// Why an escape is malformed.
    public enum Failure: Error, Sendable {
        /// The text ends inside the escape.
        case truncated
        /// A backslash before a character that JSON does not escape.
        case unknownEscape
        /// `\u` not followed by four hex digits.
        case badUnicodeEscape
        /// A UTF-16 surrogate without its pair.
        case unpairedSurrogate

        /// A short description for error messages.
        public var reason: String {
            switch self {
            case .truncated: return "unterminated string"
            case .unknownEscape: return "invalid escape sequence"
            case .badUnicodeEscape: return "invalid \\u escape"
            case .unpairedSurrogate: return "unpaired surrogate in \\u escape"
            }
        }
    }

    /// Reads the escape that follows a backslash: `index` is the position right after the
    /// backslash, and is left after the escape; the escaped character's UTF-8 goes to `out`.
    public static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: inout Int, into out: inout [UInt8])
        throws(Failure)
    {
        guard index < bytes.count else { throw .truncated }
        let byte = bytes[index]
        index += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(byte)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
            var code = try hex4(bytes, at: &index)
            if (0xD800..<0xDC00).contains(code) {
                // A high surrogate must be followed by an escaped low surrogate.
                guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
                else { throw .unpairedSurrogate }
                index += 2
                let low = try hex4(bytes, at: &index)
                guard (0xDC00..<0xE000).contains(low) else { throw .unpairedSurrogate }
                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00..<0xE000).contains(code) {
                throw .unpairedSurrogate
            }
            guard let scalar = Unicode.Scalar(code) else { throw .badUnicodeEscape }
            out.append(contentsOf: Array(String(Character(scalar)).utf8))
        default:
            throw .unknownEscape
        }
    }

    private static func hex4(_ bytes: UnsafeBufferPointer<UInt8>, at index: inout Int) throws(Failure) -> UInt32 {
        guard index + 4 <= bytes.count else { throw .badUnicodeEscape }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw .badUnicodeEscape
            }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }
}
