import TideCore

/// The byte layout of tile partials: big-endian integers and doubles, and scalar values as a
/// type tag followed by a fixed-width payload or a length-prefixed UTF-8 string.
enum TileValueCodec {
    static func appendUInt64(_ value: UInt64, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0) }
    }

    static func readUInt64(_ bytes: [UInt8], _ offset: inout Int) throws -> UInt64 {
        guard offset + 8 <= bytes.count else { throw damaged() }
        var value: UInt64 = 0
        for i in 0..<8 { value = value << 8 | UInt64(bytes[offset + i]) }
        offset += 8
        return value
    }

    static func append(_ value: Value, to bytes: inout [UInt8]) {
        switch value {
        case .bool(let b):
            bytes.append(1)
            appendUInt64(b ? 1 : 0, to: &bytes)
        case .int16(let n):
            bytes.append(2)
            appendUInt64(UInt64(bitPattern: Int64(n)), to: &bytes)
        case .int32(let n):
            bytes.append(3)
            appendUInt64(UInt64(bitPattern: Int64(n)), to: &bytes)
        case .int64(let n):
            bytes.append(4)
            appendUInt64(UInt64(bitPattern: n), to: &bytes)
        case .float(let f):
            bytes.append(5)
            appendUInt64(UInt64(f.bitPattern), to: &bytes)
        case .double(let d):
            bytes.append(6)
            appendUInt64(d.bitPattern, to: &bytes)
        case .string(let s):
            bytes.append(7)
            let utf8 = Array(s.utf8)
            appendUInt64(UInt64(utf8.count), to: &bytes)
            bytes += utf8
        case .date(let d):
            bytes.append(8)
            appendUInt64(UInt64(bitPattern: Int64(d)), to: &bytes)
        case .timestamp(let t):
            bytes.append(9)
            appendUInt64(UInt64(bitPattern: t), to: &bytes)
        case .null, .array, .map:
            // Extremes are scalars; a collection never reaches a tile.
            bytes.append(0)
        }
    }

    static func read(_ bytes: [UInt8], _ offset: inout Int) throws -> Value {
        guard offset < bytes.count else { throw damaged() }
        let tag = bytes[offset]
        offset += 1
        if tag == 0 { return .null }
        let raw = try readUInt64(bytes, &offset)
        let n = Int64(bitPattern: raw)
        switch tag {
        case 1: return .bool(raw != 0)
        case 2: return .int16(Int16(truncatingIfNeeded: n))
        case 3: return .int32(Int32(truncatingIfNeeded: n))
        case 4: return .int64(n)
        case 5: return .float(Float(bitPattern: UInt32(truncatingIfNeeded: raw)))
        case 6: return .double(Double(bitPattern: raw))
        case 7:
            guard raw <= UInt64(bytes.count - offset) else { throw damaged() }
            let end = offset + Int(raw)
            defer { offset = end }
            return .string(String(decoding: bytes[offset..<end], as: UTF8.self))
        case 8: return .date(Int32(truncatingIfNeeded: n))
        case 9: return .timestamp(n)
        default: throw damaged()
        }
    }

    static func damaged() -> TideError {
        TideError(
            .dataCorrupted, "a long-window tile is damaged",
            hint: "DROP and DEPLOY the deployment again to rebuild its tiles")
    }
}
