import TideCore

/// The byte layout of tile partials: big-endian integers and doubles, and scalar values as a
/// type tag followed by a fixed-width payload or a length-prefixed UTF-8 string (one length
/// byte up to 255 bytes, eight beyond: category values are mostly short). A value has one
/// encoding, so equal encodings mean byte-equal values.
public enum TileValueCodec {
    /// The type tag before each value's payload (stable: tiles are stored with them).
    enum Tag {
        static let null: UInt8 = 0
        static let bool: UInt8 = 1
        static let int16: UInt8 = 2
        static let int32: UInt8 = 3
        static let int64: UInt8 = 4
        static let float: UInt8 = 5
        static let double: UInt8 = 6
        static let string: UInt8 = 7
        static let date: UInt8 = 8
        static let timestamp: UInt8 = 9
        /// A string of at most `shortStringLimit` UTF-8 bytes: the tag, one length byte, the bytes.
        static let shortString: UInt8 = 10
    }

    /// The longest string written as a short string (longer ones: `Tag.string`, 8-byte length).
    static let shortStringLimit = 255

    /// Bytes of a tag and its fixed payload (a string's payload is its byte length, then the bytes).
    static let fixedLength = 9

    public static func appendUInt64(_ value: UInt64, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0) }
    }

    public static func readUInt64(_ bytes: [UInt8], _ offset: inout Int) throws -> UInt64 {
        guard offset + 8 <= bytes.count else { throw damaged() }
        var value: UInt64 = 0
        for i in 0..<8 { value = value << 8 | UInt64(bytes[offset + i]) }
        offset += 8
        return value
    }

    static func append(_ value: Value, to bytes: inout [UInt8]) {
        switch value {
        case .bool(let b):
            bytes.append(Tag.bool)
            appendUInt64(b ? 1 : 0, to: &bytes)
        case .int16(let n):
            bytes.append(Tag.int16)
            appendUInt64(UInt64(bitPattern: Int64(n)), to: &bytes)
        case .int32(let n):
            bytes.append(Tag.int32)
            appendUInt64(UInt64(bitPattern: Int64(n)), to: &bytes)
        case .int64(let n):
            bytes.append(Tag.int64)
            appendUInt64(UInt64(bitPattern: n), to: &bytes)
        case .float(let f):
            bytes.append(Tag.float)
            appendUInt64(UInt64(f.bitPattern), to: &bytes)
        case .double(let d):
            bytes.append(Tag.double)
            appendUInt64(d.bitPattern, to: &bytes)
        case .string(let s):
            let count = s.utf8.count
            if count <= shortStringLimit {
                bytes.append(Tag.shortString)
                bytes.append(UInt8(count))
            } else {
                bytes.append(Tag.string)
                appendUInt64(UInt64(count), to: &bytes)
            }
            bytes.append(contentsOf: s.utf8)
        case .date(let d):
            bytes.append(Tag.date)
            appendUInt64(UInt64(bitPattern: Int64(d)), to: &bytes)
        case .timestamp(let t):
            bytes.append(Tag.timestamp)
            appendUInt64(UInt64(bitPattern: t), to: &bytes)
        case .null, .array, .map:
            // Extremes are scalars; a collection never reaches a tile.
            bytes.append(Tag.null)
        }
    }

    /// Calls `body` with `value` encoded as `append` encodes it, in a temporary buffer (no
    /// array per value: distinct sets encode every value they are given).
    static func withEncoded<Result>(_ value: Value, _ body: (UnsafeMutableBufferPointer<UInt8>) -> Result) -> Result {
        func fixed(_ tag: UInt8, _ payload: UInt64) -> Result {
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: fixedLength) { buffer in
                buffer[0] = tag
                for i in 0..<8 { buffer[1 + i] = UInt8(truncatingIfNeeded: payload >> (56 - 8 * i)) }
                return body(buffer)
            }
        }
        switch value {
        case .bool(let b): return fixed(Tag.bool, b ? 1 : 0)
        case .int16(let n): return fixed(Tag.int16, UInt64(bitPattern: Int64(n)))
        case .int32(let n): return fixed(Tag.int32, UInt64(bitPattern: Int64(n)))
        case .int64(let n): return fixed(Tag.int64, UInt64(bitPattern: n))
        case .float(let f): return fixed(Tag.float, UInt64(f.bitPattern))
        case .double(let d): return fixed(Tag.double, d.bitPattern)
        case .date(let d): return fixed(Tag.date, UInt64(bitPattern: Int64(d)))
        case .timestamp(let t): return fixed(Tag.timestamp, UInt64(bitPattern: t))
        case .string(var s):
            return s.withUTF8 { utf8 in
                let short = utf8.count <= shortStringLimit
                let header = short ? 2 : fixedLength
                return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: header + utf8.count) { buffer in
                    let length = UInt64(utf8.count)
                    if short {
                        buffer[0] = Tag.shortString
                        buffer[1] = UInt8(length)
                    } else {
                        buffer[0] = Tag.string
                        for i in 0..<8 { buffer[1 + i] = UInt8(truncatingIfNeeded: length >> (56 - 8 * i)) }
                    }
                    for i in 0..<utf8.count { buffer[header + i] = utf8[i] }
                    return body(buffer)
                }
            }
        case .null, .array, .map:
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 1) { buffer in
                buffer[0] = Tag.null
                return body(buffer)
            }
        }
    }

    static func read(_ bytes: [UInt8], _ offset: inout Int) throws -> Value {
        guard offset < bytes.count else { throw damaged() }
        let tag = bytes[offset]
        offset += 1
        if tag == Tag.null { return .null }
        if tag == Tag.shortString {
            guard offset < bytes.count else { throw damaged() }
            let length = Int(bytes[offset])
            let start = offset + 1
            guard length <= bytes.count - start else { throw damaged() }
            offset = start + length
            return .string(String(decoding: bytes[start..<start + length], as: UTF8.self))
        }
        let raw = try readUInt64(bytes, &offset)
        let n = Int64(bitPattern: raw)
        switch tag {
        case Tag.bool: return .bool(raw != 0)
        case Tag.int16: return .int16(Int16(truncatingIfNeeded: n))
        case Tag.int32: return .int32(Int32(truncatingIfNeeded: n))
        case Tag.int64: return .int64(n)
        case Tag.float: return .float(Float(bitPattern: UInt32(truncatingIfNeeded: raw)))
        case Tag.double: return .double(Double(bitPattern: raw))
        case Tag.string:
            guard raw <= UInt64(bytes.count - offset) else { throw damaged() }
            let end = offset + Int(raw)
            defer { offset = end }
            return .string(String(decoding: bytes[offset..<end], as: UTF8.self))
        case Tag.date: return .date(Int32(truncatingIfNeeded: n))
        case Tag.timestamp: return .timestamp(n)
        default: throw damaged()
        }
    }

    /// The length of the value `append` wrote at `offset`.
    static func encodedLength(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) throws -> Int {
        guard offset < bytes.count, let base = bytes.baseAddress else { throw damaged() }
        let tag = bytes[offset]
        if tag == Tag.null { return 1 }
        if tag == Tag.shortString {
            guard offset + 2 <= bytes.count else { throw damaged() }
            let length = Int(bytes[offset + 1])
            guard length <= bytes.count - offset - 2 else { throw damaged() }
            return 2 + length
        }
        guard offset + fixedLength <= bytes.count else { throw damaged() }
        guard tag == Tag.string else { return fixedLength }
        let length = UInt64(
            bigEndian: UnsafeRawPointer(base).loadUnaligned(fromByteOffset: offset + 1, as: UInt64.self))
        guard length <= UInt64(bytes.count - offset - fixedLength) else { throw damaged() }
        return fixedLength + Int(length)
    }

    public static func damaged() -> TideError {
        TideError(
            .dataCorrupted, "a long-window tile is damaged",
            hint: "DROP and DEPLOY the deployment again to rebuild its tiles")
    }
}
