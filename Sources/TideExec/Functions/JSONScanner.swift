/// A small JSON reader over UTF-8 bytes for `get_json_object` and `json_array_length`. It keeps
/// values as slices of the input, so numbers come back exactly as written.
struct JSONScanner {
    let bytes: [UInt8]

    init(_ text: String) { bytes = Array(text.utf8) }

    // MARK: - JSON Pointer lookup (lenient)

    /// The text of the value a JSON Pointer (RFC 6901) names: a string's unescaped contents, or
    /// the raw text of any other value. Nil if the path does not resolve.
    /// OpenMLDB semantics: the document is not fully validated, so `{"a": {"b": bz}}` still yields
    /// `{"b": bz}` for `/a`.
    func value(atPointer pointer: String) -> String? {
        guard let tokens = JSONScanner.pointerTokens(pointer) else { return nil }
        var start = skipSpace(0)
        for token in tokens {
            guard start < bytes.count, let next = child(of: start, token: token) else { return nil }
            start = next
        }
        guard start < bytes.count, let end = lenientEnd(start) else { return nil }
        if bytes[start] == UInt8(ascii: "\"") { return decodeString(start).map(\.text) }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// The reference tokens of a pointer (`/a~1b/0` → `a/b`, `0`); nil if it is not a pointer.
    static func pointerTokens(_ pointer: String) -> [String]? {
        if pointer.isEmpty { return [] }
        guard pointer.hasPrefix("/") else { return nil }
        return pointer.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map(unescapeToken)
    }

    /// `~1` → `/` and `~0` → `~`, in one left-to-right pass (so `~01` is `~1`).
    static func unescapeToken(_ token: Substring) -> String {
        var out = ""
        var iterator = token.makeIterator()
        while let c = iterator.next() {
            guard c == "~" else {
                out.append(c)
                continue
            }
            switch iterator.next() {
            case "1": out.append("/")
            case "0": out.append("~")
            case let other?: out += "~" + String(other)
            case nil: out.append("~")
            }
        }
        return out
    }

    /// The start of the member or element `token` of the container starting at `start`.
    private func child(of start: Int, token: String) -> Int? {
        if bytes[start] == UInt8(ascii: "{") {
            var i = skipSpace(start + 1)
            while i < bytes.count, bytes[i] != UInt8(ascii: "}") {
                guard bytes[i] == UInt8(ascii: "\""), let key = decodeString(i) else { return nil }
                i = skipSpace(key.end)
                guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { return nil }
                let valueStart = skipSpace(i + 1)
                if key.text == token { return valueStart }
                guard let end = lenientEnd(valueStart) else { return nil }
                i = skipSpace(end)
                if i < bytes.count, bytes[i] == UInt8(ascii: ",") { i = skipSpace(i + 1) }
            }
            return nil
        }
        if bytes[start] == UInt8(ascii: "[") {
            guard let index = JSONScanner.arrayIndex(token) else { return nil }
            var i = skipSpace(start + 1)
            var position = 0
            while i < bytes.count, bytes[i] != UInt8(ascii: "]") {
                if position == index { return i }
                guard let end = lenientEnd(i) else { return nil }
                i = skipSpace(end)
                if i < bytes.count, bytes[i] == UInt8(ascii: ",") { i = skipSpace(i + 1) }
                position += 1
            }
        }
        return nil
    }

    /// An RFC 6901 array index: `0` or digits without a leading zero.
    static func arrayIndex(_ token: String) -> Int? {
        guard !token.isEmpty, token.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }),
            token == "0" || !token.hasPrefix("0")
        else { return nil }
        return Int(token)
    }

    /// The end of the value at `start`: strings and containers are matched, anything else runs
    /// to the next `,`, `}`, `]` or space.
    private func lenientEnd(_ start: Int) -> Int? {
        guard start < bytes.count else { return nil }
        switch bytes[start] {
        case UInt8(ascii: "\""): return stringEnd(start)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var depth = 0
            var i = start
            while i < bytes.count {
                switch bytes[i] {
                case UInt8(ascii: "\""):
                    guard let end = stringEnd(i) else { return nil }
                    i = end
                    continue
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 { return i + 1 }
                default: break
                }
                i += 1
            }
            return nil
        default:
            var i = start
            while i < bytes.count, !JSONScanner.isDelimiter(bytes[i]) { i += 1 }
            return i == start ? nil : i
        }
    }

    private static func isDelimiter(_ b: UInt8) -> Bool {
        b == UInt8(ascii: ",") || b == UInt8(ascii: "}") || b == UInt8(ascii: "]") || isSpace(b)
    }

    private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

    private func skipSpace(_ start: Int) -> Int {
        var i = start
        while i < bytes.count, JSONScanner.isSpace(bytes[i]) { i += 1 }
        return i
    }

    // MARK: - Strings

    /// The index just past the closing quote of the string starting at `start`.
    private func stringEnd(_ start: Int) -> Int? {
        var i = start + 1
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "\\") {
                i += 2
            } else if bytes[i] == UInt8(ascii: "\"") {
                return i + 1
            } else {
                i += 1
            }
        }
        return nil
    }

    /// The unescaped text of the string starting at `start` and the index past it.
    private func decodeString(_ start: Int) -> (text: String, end: Int)? {
        var out: [UInt8] = []
        var i = start + 1
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") { return (String(decoding: out, as: UTF8.self), i + 1) }
            if b < 0x20 { return nil }
            guard b == UInt8(ascii: "\\") else {
                out.append(b)
                i += 1
                continue
            }
            guard i + 1 < bytes.count else { return nil }
            let e = bytes[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                guard var scalar = hex4(i) else { return nil }
                i += 4
                if (0xD800..<0xDC00).contains(scalar), i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"),
                    bytes[i + 1] == UInt8(ascii: "u"), let low = hex4(i + 2), (0xDC00..<0xE000).contains(low)
                {
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    i += 6
                }
                out.append(contentsOf: Array(String(Unicode.Scalar(scalar).map(Character.init) ?? "\u{FFFD}").utf8))
            default: return nil
            }
        }
        return nil
    }

    private func hex4(_ start: Int) -> UInt32? {
        guard start + 4 <= bytes.count else { return nil }
        return UInt32(String(decoding: bytes[start..<start + 4], as: UTF8.self), radix: 16)
    }

    // MARK: - Strict validation

    /// The number of elements of the top-level array, or nil if the text is not exactly one
    /// well-formed JSON array.
    func arrayLength() -> Int? {
        var i = skipSpace(0)
        guard i < bytes.count, bytes[i] == UInt8(ascii: "[") else { return nil }
        var count = 0
        i = skipSpace(i + 1)
        if i < bytes.count, bytes[i] == UInt8(ascii: "]") {
            return skipSpace(i + 1) == bytes.count ? 0 : nil
        }
        while true {
            guard let end = strictEnd(i, depth: 1) else { return nil }
            count += 1
            i = skipSpace(end)
            guard i < bytes.count else { return nil }
            if bytes[i] == UInt8(ascii: "]") { return skipSpace(i + 1) == bytes.count ? count : nil }
            guard bytes[i] == UInt8(ascii: ",") else { return nil }
            i = skipSpace(i + 1)
        }
    }

    /// The end of the well-formed JSON value at `start`, or nil.
    private func strictEnd(_ start: Int, depth: Int) -> Int? {
        guard start < bytes.count, depth < 512 else { return nil }
        switch bytes[start] {
        case UInt8(ascii: "\""): return decodeString(start)?.end
        case UInt8(ascii: "["), UInt8(ascii: "{"):
            let isObject = bytes[start] == UInt8(ascii: "{")
            let close = isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
            var i = skipSpace(start + 1)
            if i < bytes.count, bytes[i] == close { return i + 1 }
            while true {
                if isObject {
                    guard i < bytes.count, bytes[i] == UInt8(ascii: "\""), let key = decodeString(i) else { return nil }
                    i = skipSpace(key.end)
                    guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { return nil }
                    i = skipSpace(i + 1)
                }
                guard let end = strictEnd(i, depth: depth + 1) else { return nil }
                i = skipSpace(end)
                guard i < bytes.count else { return nil }
                if bytes[i] == close { return i + 1 }
                guard bytes[i] == UInt8(ascii: ",") else { return nil }
                i = skipSpace(i + 1)
            }
        case UInt8(ascii: "t"): return literalEnd(start, "true")
        case UInt8(ascii: "f"): return literalEnd(start, "false")
        case UInt8(ascii: "n"): return literalEnd(start, "null")
        default: return numberEnd(start)
        }
    }

    private func literalEnd(_ start: Int, _ word: String) -> Int? {
        let w = Array(word.utf8)
        guard start + w.count <= bytes.count, Array(bytes[start..<start + w.count]) == w else { return nil }
        return start + w.count
    }

    /// The end of a number matching JSON's grammar `-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?`.
    private func numberEnd(_ start: Int) -> Int? {
        var i = start
        func digits() -> Int {
            let from = i
            while i < bytes.count, bytes[i] >= 48, bytes[i] <= 57 { i += 1 }
            return i - from
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: "-") { i += 1 }
        guard i < bytes.count else { return nil }
        if bytes[i] == UInt8(ascii: "0") { i += 1 } else if digits() == 0 { return nil }
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            guard digits() > 0 else { return nil }
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard digits() > 0 else { return nil }
        }
        return i
    }
}
