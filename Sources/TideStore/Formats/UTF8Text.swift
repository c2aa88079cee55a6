/// Strings from bytes read from files (CSV fields, Parquet byte arrays).
enum UTF8Text {
    /// The string of valid UTF-8 bytes, or nil. ASCII (the common case) skips the generic
    /// validating initializer, which is several times slower.
    static func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var i = 0
        let n = bytes.count
        var bits: UInt8 = 0
        while i < n {
            bits |= bytes[i]
            i += 1
        }
        if bits < 0x80 { return String(decoding: bytes, as: UTF8.self) }
        return String(validating: bytes, as: UTF8.self)
    }

    /// Whether `bytes` are valid UTF-8 (ASCII checked first, without the validating initializer).
    static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var bits: UInt8 = 0
        for byte in bytes { bits |= byte }
        return bits < 0x80 || String(validating: bytes, as: UTF8.self) != nil
    }
}
