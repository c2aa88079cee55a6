import TideCore

/// Reads an Arrow IPC stream (the format Spark Connect returns results in): a Schema
/// message, then RecordBatch messages, each an encapsulated FlatBuffers header followed by
/// its body. Rows are appended to `columns` as TideDB values; several streams (one per Spark
/// batch) may be read into one reader as long as their schemas agree.
///
///     message: 0xFFFFFFFF, int32 metadata length, Message (FlatBuffers), padding, body
///     end:     0xFFFFFFFF 0x00000000 (or the bytes simply end)
struct ArrowStreamReader {
    private(set) var fields: [ArrowField] = []
    private(set) var columns: [[Value]] = []
    private(set) var rowCount = 0

    /// Reads one IPC stream's messages.
    /// - Throws: XX001 for malformed bytes, 0A000 for types, dictionaries or compression
    ///   TideDB does not read.
    mutating func read(_ stream: [UInt8]) throws {
        var position = 0
        var schemaSeen = false
        while position + 4 <= stream.count {
            var length = Int(try FlatBufferTable.int32(stream, at: position))
            position += 4
            if length == -1 {  // continuation marker, then the length
                guard position + 4 <= stream.count else { break }
                length = Int(try FlatBufferTable.int32(stream, at: position))
                position += 4
            }
            if length == 0 { break }
            guard length > 0, position + length <= stream.count else {
                throw ArrowFormatError.corrupt("message length")
            }
            let metadata = Array(stream[position..<(position + length)])
            position += length
            let message = try FlatBufferTable(root: metadata)
            let bodyLength = Int(try message.int64(3))
            guard bodyLength >= 0, position + bodyLength <= stream.count else {
                throw ArrowFormatError.corrupt("message body length")
            }
            let body = stream[position..<(position + bodyLength)]
            position += bodyLength
            switch try message.uint8(1) {
            case 1:
                let schema = try ArrowStreamReader.schema(try header(of: message))
                if fields.isEmpty && columns.isEmpty {
                    fields = schema
                    columns = Array(repeating: [], count: schema.count)
                } else if schema.map(\.type) != fields.map(\.type) {
                    throw ArrowFormatError.corrupt("batches with different schemas")
                }
                schemaSeen = true
            case 3:
                guard schemaSeen || !fields.isEmpty else {
                    throw ArrowFormatError.corrupt("record batch before schema")
                }
                try readRecordBatch(try header(of: message), body: Array(body))
            case 2: throw ArrowFormatError.unsupported("dictionary-encoded column")
            default: throw ArrowFormatError.corrupt("unknown message type")
            }
        }
    }

    private func header(of message: FlatBufferTable) throws -> FlatBufferTable {
        guard let header = try message.table(2) else { throw ArrowFormatError.corrupt("message without header") }
        return header
    }

    private static func schema(_ table: FlatBufferTable) throws -> [ArrowField] {
        try table.tables(1).map { field in
            if try field.table(4) != nil { throw ArrowFormatError.unsupported("dictionary-encoded column") }
            return ArrowField(
                name: try field.string(0) ?? "",
                type: try ArrowType(code: try field.uint8(2), table: try field.table(3)))
        }
    }

    private mutating func readRecordBatch(_ batch: FlatBufferTable, body: [UInt8]) throws {
        if try batch.table(3) != nil { throw ArrowFormatError.unsupported("compressed record batch") }
        let length = Int(try batch.int64(0))
        // Every column but a Null one has at least a bit per row in the body.
        guard length >= 0, length <= max(body.count * 8, 65_536) else {
            throw ArrowFormatError.corrupt("row count \(length) larger than the batch")
        }
        guard let (nodeStart, nodeCount) = try batch.vector(1, elementSize: 16), nodeCount == fields.count,
            let (bufferStart, bufferCount) = try batch.vector(2, elementSize: 16)
        else { throw ArrowFormatError.corrupt("record batch without a node per column") }
        func buffer(_ index: Int) throws -> ArraySlice<UInt8> {
            guard index < bufferCount else { throw ArrowFormatError.corrupt("too few buffers") }
            let at = bufferStart + 16 * index
            let offset = Int(try FlatBufferTable.load(batch.bytes, at: at, as: Int64.self))
            let size = Int(try FlatBufferTable.load(batch.bytes, at: at + 8, as: Int64.self))
            guard offset >= 0, size >= 0, offset <= body.count, size <= body.count - offset else {
                throw ArrowFormatError.corrupt("buffer outside the body")
            }
            return body[offset..<(offset + size)]
        }
        // Decoded aside and appended once every column decoded, so a bad batch adds nothing.
        var decoded = Array(repeating: [Value](), count: fields.count)
        var next = 0
        for (c, field) in fields.enumerated() {
            let nodeLength = Int(try FlatBufferTable.load(batch.bytes, at: nodeStart + 16 * c, as: Int64.self))
            let nullCount = Int(try FlatBufferTable.load(batch.bytes, at: nodeStart + 16 * c + 8, as: Int64.self))
            guard nodeLength == length else { throw ArrowFormatError.corrupt("column length differs from the batch's") }
            if case .null = field.type {  // Null columns have no buffers.
                decoded[c] = Array(repeating: .null, count: length)
                continue
            }
            let validity = try buffer(next)
            let bufferCount = if case .utf8 = field.type { 3 } else { 2 }
            let decoder = ArrowColumnDecoder(
                type: field.type, length: length, validity: nullCount == 0 ? nil : validity,
                buffers: try (1..<bufferCount).map { try buffer(next + $0) })
            next += bufferCount
            try decoder.append(to: &decoded[c])
        }
        for c in columns.indices { columns[c].append(contentsOf: decoded[c]) }
        rowCount += length
    }
}
