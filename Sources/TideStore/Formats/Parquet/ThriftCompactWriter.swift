/// Writes Thrift's compact protocol (Parquet's footer and page headers).
///
/// Fields are written in increasing id order within a struct: `beginStruct`, the fields,
/// `endStruct`.
struct ThriftCompactWriter {
    typealias FieldType = ThriftCompactReader.FieldType

    private(set) var bytes: [UInt8] = []
    private var lastIDs: [Int16] = [0]

    mutating func beginStruct() { lastIDs.append(0) }

    mutating func endStruct() {
        bytes.append(FieldType.stop.rawValue)
        lastIDs.removeLast()
    }

    mutating func fieldHeader(_ id: Int16, _ type: FieldType) {
        let last = lastIDs[lastIDs.count - 1]
        let delta = id - last
        if delta > 0 && delta <= 15 {
            bytes.append(UInt8(delta) << 4 | type.rawValue)
        } else {
            bytes.append(type.rawValue)
            writeZigzag(Int64(id))
        }
        lastIDs[lastIDs.count - 1] = id
    }

    mutating func writeVarint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    mutating func writeZigzag(_ value: Int64) {
        writeVarint(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
    }

    mutating func i32(_ id: Int16, _ value: Int32) {
        fieldHeader(id, .i32)
        writeZigzag(Int64(value))
    }

    mutating func i64(_ id: Int16, _ value: Int64) {
        fieldHeader(id, .i64)
        writeZigzag(value)
    }

    mutating func bool(_ id: Int16, _ value: Bool) {
        fieldHeader(id, value ? .boolTrue : .boolFalse)
    }

    mutating func byte(_ id: Int16, _ value: Int8) {
        fieldHeader(id, .byte)
        bytes.append(UInt8(bitPattern: value))
    }

    mutating func binary(_ id: Int16, _ value: [UInt8]) {
        fieldHeader(id, .binary)
        writeVarint(UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    mutating func string(_ id: Int16, _ value: String) { binary(id, Array(value.utf8)) }

    /// Appends bytes as they are (list elements already encoded by the caller).
    mutating func appendRaw(_ raw: [UInt8]) { bytes.append(contentsOf: raw) }

    /// Starts a struct-valued field; close it with `endStruct`.
    mutating func structField(_ id: Int16) {
        fieldHeader(id, .structure)
        beginStruct()
    }

    /// Writes a list field header for `count` elements of `element` type.
    mutating func listField(_ id: Int16, _ element: FieldType, count: Int) {
        fieldHeader(id, .list)
        listHeader(element, count: count)
    }

    mutating func listHeader(_ element: FieldType, count: Int) {
        if count < 15 {
            bytes.append(UInt8(count) << 4 | element.rawValue)
        } else {
            bytes.append(0xF0 | element.rawValue)
            writeVarint(UInt64(count))
        }
    }
}
