import TideCore

extension TableDef {
    /// A 64-bit FNV-1a hash of the column names, types and nullability, stored in every offline
    /// segment and manifest so data written for another schema is detected on read.
    var offlineSchemaFingerprint: UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        func mix(_ byte: UInt8) {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        for column in columns {
            for byte in column.name.utf8 { mix(byte) }
            mix(0)
            for byte in column.type.rawValue.utf8 { mix(byte) }
            mix(column.notNull ? 1 : 2)
        }
        return hash
    }
}
