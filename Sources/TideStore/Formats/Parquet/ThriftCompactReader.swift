/// Reads Thrift's compact protocol, in which Parquet writes its footer and page headers.
///
/// Every read is bounds-checked: malformed input throws `ParquetError.corrupt`, never traps.
/// Structs are read with `readStruct`, which hands each field's id and type to a closure and
/// skips the fields the closure does not take.
struct ThriftCompactReader {
    /// Compact-protocol type codes (the low nibble of a field header).
    enum FieldType: UInt8 {
        case stop = 0
        case boolTrue = 1
        case boolFalse = 2
        case byte = 3
        case i16 = 4
        case i32 = 5
        case i64 = 6
        case double = 7
        case binary = 8
        case list = 9
        case set = 10
        case map = 11
        case structure = 12
    }

    private let bytes: UnsafeRawBufferPointer
    /// The offset of the next unread byte.
    private(set) var position: Int
    /// The value of the bool field whose header was just read (compact bools live in the header).
    private var pendingBool: Bool?
    private var depth = 0

    init(_ bytes: UnsafeRawBufferPointer, at position: Int = 0) {
        self.bytes = bytes
        self.position = position
    }

    // MARK: - Scalars

    mutating func readByte() throws(ParquetError) -> UInt8 {
        guard position < bytes.count else { throw .corrupt("metadata ends early") }
        defer { position += 1 }
        return bytes[position]
    }

    mutating func readVarint() throws(ParquetError) -> UInt64 {
        var cursor = ParquetByteCursor(bytes, from: position)
        defer { position = cursor.position }
        return try cursor.readVarint()
    }

    mutating func readI64() throws(ParquetError) -> Int64 {
        var cursor = ParquetByteCursor(bytes, from: position)
        defer { position = cursor.position }
        return try cursor.readZigzag()
    }

    mutating func readI32() throws(ParquetError) -> Int32 {
        let v = try readI64()
        guard let narrow = Int32(exactly: v) else { throw .corrupt("i32 field out of range") }
        return narrow
    }

    mutating func readDouble() throws(ParquetError) -> Double {
        guard position + 8 <= bytes.count else { throw .corrupt("metadata ends early") }
        var bits: UInt64 = 0
        for k in 0..<8 { bits |= UInt64(bytes[position + k]) << (8 * UInt64(k)) }
        position += 8
        return Double(bitPattern: bits)
    }

    mutating func readBinary() throws(ParquetError) -> [UInt8] {
        let length = try readVarint()
        guard length <= UInt64(bytes.count - position) else { throw .corrupt("binary field longer than its data") }
        let n = Int(length)
        defer { position += n }
        return Array(bytes[position..<position + n])
    }

    mutating func readString() throws(ParquetError) -> String {
        String(decoding: try readBinary(), as: UTF8.self)
    }

    /// A bool: the value carried in the field header, or (inside a list) one byte.
    mutating func readBool() throws(ParquetError) -> Bool {
        if let value = pendingBool {
            pendingBool = nil
            return value
        }
        return try readByte() == FieldType.boolTrue.rawValue
    }

    // MARK: - Containers

    /// Reads a struct, calling `field(&self, id, type)` for each field; a field it returns
    /// false for is skipped.
    mutating func readStruct(
        _ field: (inout ThriftCompactReader, Int16, FieldType) throws(ParquetError) -> Bool
    ) throws(ParquetError) {
        depth += 1
        guard depth <= 64 else { throw .corrupt("metadata nested too deeply") }
        defer { depth -= 1 }
        var lastID: Int16 = 0
        while true {
            let header = try readByte()
            guard let type = FieldType(rawValue: header & 0x0F) else {
                throw .corrupt("unknown thrift type \(header & 0x0F)")
            }
            if type == .stop { return }
            let delta = Int16(header >> 4)
            let id: Int16
            if delta == 0 {
                guard let explicit = Int16(exactly: try readI64()) else { throw .corrupt("field id out of range") }
                id = explicit
            } else {
                id = lastID &+ delta
            }
            lastID = id
            if type == .boolTrue || type == .boolFalse { pendingBool = type == .boolTrue }
            if try !field(&self, id, type) { try skip(type) }
            pendingBool = nil
        }
    }

    /// Reads a list header: the element type and count.
    mutating func readListHeader() throws(ParquetError) -> (FieldType, Int) {
        let header = try readByte()
        guard let type = FieldType(rawValue: header & 0x0F) else { throw .corrupt("unknown list element type") }
        var count = Int(header >> 4)
        if count == 15 {
            let n = try readVarint()
            guard n <= UInt64(bytes.count - position) else { throw .corrupt("list longer than its data") }
            count = Int(n)
        }
        return (type, count)
    }

    /// Reads a list whose elements `element` reads.
    mutating func readList<T>(
        _ element: (inout ThriftCompactReader) throws(ParquetError) -> T
    ) throws(ParquetError) -> [T] {
        let (_, count) = try readListHeader()
        var result: [T] = []
        result.reserveCapacity(count)
        for _ in 0..<count { result.append(try element(&self)) }
        return result
    }

    /// Skips a value of `type`.
    mutating func skip(_ type: FieldType) throws(ParquetError) {
        switch type {
        case .stop: return
        case .boolTrue, .boolFalse: if pendingBool == nil { _ = try readByte() }
        case .byte: _ = try readByte()
        case .i16, .i32, .i64: _ = try readVarint()
        case .double:
            guard position + 8 <= bytes.count else { throw .corrupt("metadata ends early") }
            position += 8
        case .binary: _ = try readBinary()
        case .list, .set:
            let (element, count) = try readListHeader()
            for _ in 0..<count { try skipElement(element) }
        case .map:
            let count = try readVarint()
            guard count <= UInt64(bytes.count - position) else { throw .corrupt("map longer than its data") }
            if count == 0 { return }
            let types = try readByte()
            guard let key = FieldType(rawValue: types >> 4), let value = FieldType(rawValue: types & 0x0F) else {
                throw .corrupt("unknown map types")
            }
            for _ in 0..<count {
                try skipElement(key)
                try skipElement(value)
            }
        case .structure:
            try readStruct { _, _, _ in false }
        }
    }

    private mutating func skipElement(_ type: FieldType) throws(ParquetError) {
        if type == .boolTrue || type == .boolFalse {
            _ = try readByte()
        } else {
            try skip(type)
        }
    }
}
