/// Fixed-width integer writers and readers shared by `IndexKey`, `OnlineKeySpace` and
/// `RowCodec`. Keys use big-endian (so byte order is numeric order); row payloads use
/// little-endian (the native order of every platform TideDB runs on).
extension Array where Element == UInt8 {
    /// Appends `value` most significant byte first.
    @inline(__always)
    mutating func appendBigEndian<T: FixedWidthInteger>(_ value: T) {
        var shift = T.bitWidth - 8
        while shift >= 0 {
            append(UInt8(truncatingIfNeeded: value >> shift))
            shift -= 8
        }
    }

    /// Appends `value` least significant byte first.
    @inline(__always)
    mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
        var shift = 0
        while shift < T.bitWidth {
            append(UInt8(truncatingIfNeeded: value >> shift))
            shift += 8
        }
    }
}

extension Span where Element == UInt8 {
    /// The `T` stored most significant byte first at `offset`. Requires `offset + T.size <= count`.
    @inline(__always)
    func loadBigEndian<T: FixedWidthInteger & BitwiseCopyable>(at offset: Int, as _: T.Type = T.self) -> T {
        T(bigEndian: bytes.unsafeLoadUnaligned(fromByteOffset: offset, as: T.self))
    }

    /// The `T` stored least significant byte first at `offset`. Requires `offset + T.size <= count`.
    @inline(__always)
    func loadLittleEndian<T: FixedWidthInteger & BitwiseCopyable>(at offset: Int, as _: T.Type = T.self) -> T {
        // One (bounds-checked) unaligned load; any bit pattern is a valid integer.
        T(littleEndian: bytes.unsafeLoadUnaligned(fromByteOffset: offset, as: T.self))
    }

    /// True if the bytes start with `prefix`.
    func starts(with prefix: [UInt8]) -> Bool {
        guard prefix.count <= count else { return false }
        for index in prefix.indices where self[index] != prefix[index] { return false }
        return true
    }
}
