import TideCore

/// PostgreSQL's binary COPY format: a signature and header, then per row a 16-bit field
/// count and per field a 32-bit length (-1 for NULL) and the value in the type's binary
/// send format (big-endian). Dates count days and timestamps microseconds from 2000-01-01.
enum PostgresBinaryCopy {
    static let signature: [UInt8] = Array("PGCOPY\n".utf8) + [0xFF, 0x0D, 0x0A, 0x00]
    /// Days from 1970-01-01 to 2000-01-01.
    static let epochDays: Int64 = 10_957
    /// Microseconds from 1970-01-01 to 2000-01-01.
    static let epochMicros: Int64 = 946_684_800_000_000

    /// The header: signature, flags (0), header extension length (0).
    static var header: [UInt8] { signature + [0, 0, 0, 0, 0, 0, 0, 0] }

    /// The trailer: a field count of -1.
    static let trailer: [UInt8] = [0xFF, 0xFF]

    // MARK: - Writing

    static func appendRow(_ values: [Value], types: [DataType], to out: inout [UInt8]) throws {
        appendBE(UInt16(values.count), to: &out)
        for (value, type) in zip(values, types) { try appendField(value, type: type, to: &out) }
    }

    static func appendField(_ value: Value, type: DataType, to out: inout [UInt8]) throws {
        if value.isNull {
            appendBE(UInt32(bitPattern: -1), to: &out)
            return
        }
        switch type {
        case .bool:
            guard let b = value.boolValue else { throw mismatch(value, type) }
            appendBE(UInt32(1), to: &out)
            out.append(b ? 1 : 0)
        case .int16:
            guard let v = value.int64Value, let n = Int16(exactly: v) else { throw mismatch(value, type) }
            appendBE(UInt32(2), to: &out)
            appendBE(UInt16(bitPattern: n), to: &out)
        case .int32:
            guard let v = value.int64Value, let n = Int32(exactly: v) else { throw mismatch(value, type) }
            appendBE(UInt32(4), to: &out)
            appendBE(UInt32(bitPattern: n), to: &out)
        case .int64:
            guard let v = value.int64Value else { throw mismatch(value, type) }
            appendBE(UInt32(8), to: &out)
            appendBE(UInt64(bitPattern: v), to: &out)
        case .float:
            guard let v = value.doubleValue else { throw mismatch(value, type) }
            appendBE(UInt32(4), to: &out)
            appendBE(Float(v).bitPattern, to: &out)
        case .double:
            guard let v = value.doubleValue else { throw mismatch(value, type) }
            appendBE(UInt32(8), to: &out)
            appendBE(v.bitPattern, to: &out)
        case .string:
            guard case .string(let s) = value else { throw mismatch(value, type) }
            appendBE(UInt32(s.utf8.count), to: &out)
            out.append(contentsOf: s.utf8)
        case .date:
            guard case .date(let days) = value else { throw mismatch(value, type) }
            appendBE(UInt32(4), to: &out)
            appendBE(UInt32(bitPattern: Int32(truncatingIfNeeded: Int64(days) - epochDays)), to: &out)
        case .timestamp:
            guard let ms = value.int64Value else { throw mismatch(value, type) }
            let (micros, overflow) = ms.multipliedReportingOverflow(by: 1000)
            guard !overflow else { throw TideError(.numericValueOutOfRange, "timestamp \(ms) is out of range") }
            appendBE(UInt32(8), to: &out)
            appendBE(UInt64(bitPattern: micros &- epochMicros), to: &out)
        }
    }

    static func appendBE<T: FixedWidthInteger>(_ value: T, to out: inout [UInt8]) {
        var v = value.bigEndian
        withUnsafeBytes(of: &v) { out.append(contentsOf: $0) }
    }

    private static func mismatch(_ value: Value, _ type: DataType) -> TideError {
        TideError(.datatypeMismatch, "value \(value) cannot be written as \(PostgresTypes.sqlName(type))")
    }

    // MARK: - Reading

    /// Decodes one field of `type` (the COPY cast guarantees its format).
    static func readField(_ bytes: UnsafeRawBufferPointer, type: DataType) throws -> Value {
        func be<T: FixedWidthInteger>(_: T.Type) throws -> T {
            guard bytes.count == MemoryLayout<T>.size else {
                throw TideError("22P04", "PostgreSQL sent \(bytes.count) bytes for a \(PostgresTypes.sqlName(type))")
            }
            return T(bigEndian: bytes.loadUnaligned(as: T.self))
        }
        switch type {
        case .bool: return .bool(try be(UInt8.self) != 0)
        case .int16: return .int16(Int16(bitPattern: try be(UInt16.self)))
        case .int32: return .int32(Int32(bitPattern: try be(UInt32.self)))
        case .int64: return .int64(Int64(bitPattern: try be(UInt64.self)))
        case .float: return .float(Float(bitPattern: try be(UInt32.self)))
        case .double: return .double(Double(bitPattern: try be(UInt64.self)))
        case .string:
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw TideError("22021", "PostgreSQL sent a string that is not valid UTF-8")
            }
            return .string(text)
        case .date:
            let days = Int64(Int32(bitPattern: try be(UInt32.self)))
            guard days != Int64(Int32.max), days != Int64(Int32.min) else {
                throw TideError(.invalidDatetimeFormat, "date 'infinity' cannot be loaded")
            }
            return .date(Int32(truncatingIfNeeded: days + epochDays))
        case .timestamp:
            let micros = Int64(bitPattern: try be(UInt64.self))
            guard micros != Int64.max, micros != Int64.min else {
                throw TideError(.invalidDatetimeFormat, "timestamp 'infinity' cannot be loaded")
            }
            return .timestamp((micros &+ epochMicros).dividedRoundingDown(by: 1000))
        }
    }
}
