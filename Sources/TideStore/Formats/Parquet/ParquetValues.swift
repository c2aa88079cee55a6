/// The decoded values of one page (or a dictionary), by physical type. INT96 timestamps are
/// converted to milliseconds on decoding and arrive as `.int64`, flagged by the column.
enum ParquetValues {
    case bool([Bool])
    case int32([Int32])
    case int64([Int64])
    case float([Float])
    case double([Double])
    case string([String])

    var count: Int {
        switch self {
        case .bool(let v): return v.count
        case .int32(let v): return v.count
        case .int64(let v): return v.count
        case .float(let v): return v.count
        case .double(let v): return v.count
        case .string(let v): return v.count
        }
    }
}

/// A cursor over page (or metadata) bytes; every read is bounds-checked.
struct ParquetByteCursor {
    let bytes: UnsafeRawBufferPointer
    var position: Int
    let end: Int

    init(_ bytes: UnsafeRawBufferPointer, from start: Int = 0, to end: Int? = nil) {
        self.bytes = bytes
        self.position = start
        self.end = end ?? bytes.count
    }

    var remaining: Int { end - position }

    mutating func require(_ n: Int, _ what: @autoclosure () -> String) throws(ParquetError) {
        guard n >= 0, n <= end - position else { throw .corrupt("\(what()) runs past the end of the data") }
    }

    mutating func readByte() throws(ParquetError) -> UInt8 {
        try require(1, "a byte")
        defer { position += 1 }
        return bytes[position]
    }

    mutating func readUInt32() throws(ParquetError) -> UInt32 {
        try require(4, "a length")
        defer { position += 4 }
        return UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: position, as: UInt32.self))
    }

    mutating func readVarint() throws(ParquetError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let byte = try readByte()
            result |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return result }
            shift += 7
            guard shift < 64 else { throw .corrupt("varint longer than 10 bytes") }
        }
    }

    mutating func readZigzag() throws(ParquetError) -> Int64 {
        let raw = try readVarint()
        return Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
    }

    /// Reads `count` values of `width` bits packed LSB first, advancing by whole bytes.
    mutating func unpack(_ count: Int, width: Int, into out: inout [UInt64]) throws(ParquetError) {
        guard width > 0 else {
            out.append(contentsOf: repeatElement(0, count: count))
            return
        }
        guard width <= 64 else { throw .corrupt("bit width \(width) is more than 64") }
        let byteCount = (count * width + 7) / 8
        try require(byteCount, "bit-packed values")
        let mask: UInt64 = width == 64 ? ~0 : (1 << UInt64(width)) - 1
        var bitPosition = position * 8
        for _ in 0..<count {
            let byte = bitPosition >> 3
            let shift = bitPosition & 7
            // Gather up to 9 bytes little-endian; only whole bytes inside the buffer.
            var word: UInt64 = 0
            if byte + 8 <= end {
                word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: byte, as: UInt64.self))
            } else {
                for k in 0..<(end - byte) { word |= UInt64(bytes[byte + k]) << UInt64(8 * k) }
            }
            var value = word >> UInt64(shift)
            if shift + width > 64 && byte + 8 < end {
                value |= UInt64(bytes[byte + 8]) << UInt64(64 - shift)
            }
            out.append(value & mask)
            bitPosition += width
        }
        position += byteCount
    }
}

extension Array where Element == UInt8 {
    /// `withUnsafeBytes` for a body that throws `ParquetError` (the standard one rethrows `any Error`).
    func withParquetBytes<R>(_ body: (UnsafeRawBufferPointer) throws(ParquetError) -> R) throws(ParquetError) -> R {
        var result: Result<R, ParquetError>?
        withUnsafeBytes { raw in
            do throws(ParquetError) {
                result = .success(try body(raw))
            } catch {
                result = .failure(error)
            }
        }
        switch result {
        case .success(let value): return value
        case .failure(let error): throw error
        case nil: throw .corrupt("internal: no result")
        }
    }
}
