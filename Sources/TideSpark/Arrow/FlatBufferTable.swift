import TideCore

/// Read access to one table of a FlatBuffers message (the encoding of Arrow's IPC metadata).
/// Every offset is checked against the buffer, so malformed bytes throw instead of trapping.
///
///     table at t:   int32 soffset → vtable at t - soffset
///     vtable:       uint16 vtable size, uint16 table size, uint16 field offsets (0: absent)
///     reference:    uint32 at p → the string, vector or table at p + value
struct FlatBufferTable {
    let bytes: [UInt8]
    /// Where the table starts.
    let position: Int
    private let vtable: Int
    private let vtableSize: Int

    /// The root table of a buffer (its first four bytes point at it).
    init(root bytes: [UInt8]) throws {
        let start = try FlatBufferTable.uint32(bytes, at: 0)
        try self.init(bytes: bytes, position: Int(start))
    }

    init(bytes: [UInt8], position: Int) throws {
        self.bytes = bytes
        self.position = position
        let back = Int(try FlatBufferTable.int32(bytes, at: position))
        vtable = position - back
        guard vtable >= 0, vtable + 4 <= bytes.count else { throw ArrowFormatError.corrupt("table's vtable") }
        vtableSize = Int(try FlatBufferTable.uint16(bytes, at: vtable))
        guard vtableSize >= 4, vtable + vtableSize <= bytes.count else {
            throw ArrowFormatError.corrupt("vtable size")
        }
    }

    /// The absolute position of field `index`, or nil when the field is absent.
    func fieldPosition(_ index: Int) throws -> Int? {
        let entry = 4 + 2 * index
        guard entry + 2 <= vtableSize else { return nil }
        let offset = Int(try FlatBufferTable.uint16(bytes, at: vtable + entry))
        return offset == 0 ? nil : position + offset
    }

    func int64(_ index: Int, default value: Int64 = 0) throws -> Int64 {
        guard let at = try fieldPosition(index) else { return value }
        return try FlatBufferTable.load(bytes, at: at, as: Int64.self)
    }

    func int32(_ index: Int, default value: Int32 = 0) throws -> Int32 {
        guard let at = try fieldPosition(index) else { return value }
        return try FlatBufferTable.int32(bytes, at: at)
    }

    func int16(_ index: Int, default value: Int16 = 0) throws -> Int16 {
        guard let at = try fieldPosition(index) else { return value }
        return try FlatBufferTable.load(bytes, at: at, as: Int16.self)
    }

    func uint8(_ index: Int, default value: UInt8 = 0) throws -> UInt8 {
        guard let at = try fieldPosition(index) else { return value }
        return try FlatBufferTable.load(bytes, at: at, as: UInt8.self)
    }

    func bool(_ index: Int, default value: Bool = false) throws -> Bool {
        try uint8(index, default: value ? 1 : 0) != 0
    }

    /// The table a field refers to, or nil when the field is absent.
    func table(_ index: Int) throws -> FlatBufferTable? {
        guard let at = try referenced(index) else { return nil }
        return try FlatBufferTable(bytes: bytes, position: at)
    }

    func string(_ index: Int) throws -> String? {
        guard let at = try referenced(index) else { return nil }
        let count = Int(try FlatBufferTable.uint32(bytes, at: at))
        guard at + 4 + count <= bytes.count else { throw ArrowFormatError.corrupt("string length") }
        return String(decoding: bytes[(at + 4)..<(at + 4 + count)], as: UTF8.self)
    }

    /// A vector field: where its elements start and how many there are.
    func vector(_ index: Int, elementSize: Int) throws -> (start: Int, count: Int)? {
        guard let at = try referenced(index) else { return nil }
        let count = Int(try FlatBufferTable.uint32(bytes, at: at))
        guard count <= (bytes.count - at - 4) / max(1, elementSize) else {
            throw ArrowFormatError.corrupt("vector length")
        }
        return (at + 4, count)
    }

    /// The tables of a vector of tables.
    func tables(_ index: Int) throws -> [FlatBufferTable] {
        guard let (start, count) = try vector(index, elementSize: 4) else { return [] }
        return try (0..<count).map { i in
            let slot = start + 4 * i
            return try FlatBufferTable(bytes: bytes, position: slot + Int(try FlatBufferTable.uint32(bytes, at: slot)))
        }
    }

    private func referenced(_ index: Int) throws -> Int? {
        guard let at = try fieldPosition(index) else { return nil }
        let target = at + Int(try FlatBufferTable.uint32(bytes, at: at))
        guard target < bytes.count else { throw ArrowFormatError.corrupt("reference out of the buffer") }
        return target
    }

    static func load<T: FixedWidthInteger>(_ bytes: [UInt8], at position: Int, as type: T.Type) throws -> T {
        guard position >= 0, position + MemoryLayout<T>.size <= bytes.count else {
            throw ArrowFormatError.corrupt("read past the end of the buffer")
        }
        return bytes.withUnsafeBytes { T(littleEndian: $0.loadUnaligned(fromByteOffset: position, as: T.self)) }
    }

    static func uint32(_ bytes: [UInt8], at position: Int) throws -> UInt32 {
        try load(bytes, at: position, as: UInt32.self)
    }

    static func int32(_ bytes: [UInt8], at position: Int) throws -> Int32 {
        try load(bytes, at: position, as: Int32.self)
    }

    static func uint16(_ bytes: [UInt8], at position: Int) throws -> UInt16 {
        try load(bytes, at: position, as: UInt16.self)
    }
}

/// Bytes that are not a valid Arrow IPC stream, or a part of Arrow TideDB does not read.
enum ArrowFormatError {
    static func corrupt(_ what: String) -> TideError {
        TideError(.dataCorrupted, "malformed Arrow IPC stream: \(what)")
    }

    static func unsupported(_ what: String) -> TideError {
        TideError(.featureNotSupported, "Arrow \(what) is not supported in results from Spark")
    }
}
