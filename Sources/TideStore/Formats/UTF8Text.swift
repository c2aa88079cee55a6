/// Strings from bytes read from files (CSV fields, Parquet byte arrays).
enum UTF8Text {
    /// The string of valid UTF-8 bytes, or nil. ASCII (the common case) skips the generic
    /// validating initializer, which is several times slower.
    static func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        if isASCII(bytes) { return String(decoding: bytes, as: UTF8.self) }
        return String(validating: bytes, as: UTF8.self)
    }

    /// Whether `bytes` are valid UTF-8 (ASCII checked first, without the validating initializer).
    static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        isASCII(bytes) || String(validating: bytes, as: UTF8.self) != nil
    }

    /// Whether every byte is below 0x80 (one OR over all of them, no early exit).
    private static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var bits: UInt8 = 0
        for byte in bytes { bits |= byte }
        return bits < 0x80
    }
}
