import TideCore

/// Decodes Bind parameter values into TideDB values by the type the client declared
/// (or, when it declared none, keeps the text for the statement to convert).
public struct WireParameterDecoder: Sendable {
    public var timeZone: SessionTimeZone

    public init(timeZone: SessionTimeZone) { self.timeZone = timeZone }

    /// The value of one parameter; throws 22P02 when the bytes do not fit the type.
    public func decode(_ bytes: [UInt8]?, typeOID: Int32, format: WireFormat, index: Int) throws(TideError) -> Value {
        guard let bytes else { return .null }
        switch format {
        case .text: return try decodeText(String(decoding: bytes, as: UTF8.self), typeOID: typeOID, index: index)
        case .binary: return try decodeBinary(bytes, typeOID: typeOID, index: index)
        }
    }

    private func bad(_ index: Int, _ what: String) -> TideError {
        TideError(.invalidTextRepresentation, "parameter $\(index + 1) is not a valid \(what)")
    }

    private func decodeText(_ text: String, typeOID: Int32, index: Int) throws(TideError) -> Value {
        switch typeOID {
        case PostgresType.bool.oid:
            switch text.lowercased() {
            case "t", "true", "1", "yes", "on", "y": return .bool(true)
            case "f", "false", "0", "no", "off", "n": return .bool(false)
            default: throw bad(index, "boolean")
            }
        case PostgresType.int2.oid:
            guard let v = Int16(text.trimmingSpaces) else { throw bad(index, "smallint") }
            return .int16(v)
        case PostgresType.int4.oid:
            guard let v = Int32(text.trimmingSpaces) else { throw bad(index, "integer") }
            return .int32(v)
        case PostgresType.int8.oid, PostgresType.oid.oid:
            guard let v = Int64(text.trimmingSpaces) else { throw bad(index, "bigint") }
            return .int64(v)
        case PostgresType.float4.oid:
            guard let v = Float(Self.floatSpelling(text)) else { throw bad(index, "real") }
            return .float(v)
        case PostgresType.float8.oid, PostgresType.numeric.oid:
            guard let v = Double(Self.floatSpelling(text)) else { throw bad(index, "double precision") }
            return .double(v)
        case PostgresType.date.oid:
            guard let parsed = DateTimeText.parse(text), let date = parsed.date(in: timeZone) else {
                throw bad(index, "date")
            }
            return .date(Int32(clamping: date.days))
        case PostgresType.timestamp.oid, PostgresType.timestamptz.oid:
            guard let parsed = DateTimeText.parse(text), let ms = parsed.timestamp(in: timeZone) else {
                throw bad(index, "timestamp")
            }
            return .timestamp(ms)
        default:
            return .string(text)
        }
    }

    /// PostgreSQL spells infinities `Infinity`; Swift's parser wants `inf`.
    static func floatSpelling(_ text: String) -> String {
        switch text.trimmingSpaces.lowercased() {
        case "infinity", "+infinity": return "inf"
        case "-infinity": return "-inf"
        case let other: return other
        }
    }

    private func decodeBinary(_ bytes: [UInt8], typeOID: Int32, index: Int) throws(TideError) -> Value {
        func integer<T: FixedWidthInteger>(_: T.Type) throws(TideError) -> T {
            guard bytes.count == MemoryLayout<T>.size else { throw bad(index, "binary \(T.self)") }
            return bytes.reduce(T.zero) { ($0 << 8) | T(truncatingIfNeeded: $1) }
        }
        switch typeOID {
        case PostgresType.bool.oid:
            guard bytes.count == 1 else { throw bad(index, "binary boolean") }
            return .bool(bytes[0] != 0)
        case PostgresType.int2.oid: return .int16(try integer(Int16.self))
        case PostgresType.int4.oid: return .int32(try integer(Int32.self))
        case PostgresType.oid.oid: return .int64(Int64(try integer(UInt32.self)))
        case PostgresType.int8.oid: return .int64(try integer(Int64.self))
        case PostgresType.float4.oid: return .float(Float(bitPattern: try integer(UInt32.self)))
        case PostgresType.float8.oid: return .double(Double(bitPattern: try integer(UInt64.self)))
        case PostgresType.date.oid:
            let (days, overflow) = try integer(Int32.self).addingReportingOverflow(WireValueEncoder.postgresEpochDays)
            guard !overflow else { throw bad(index, "date") }
            return .date(days)
        case PostgresType.timestamp.oid, PostgresType.timestamptz.oid:
            let micros = try integer(Int64.self)
            let (sinceUnix, overflow) = micros.addingReportingOverflow(WireValueEncoder.postgresEpochMicros)
            guard !overflow else { throw bad(index, "timestamp") }
            let ms = sinceUnix / 1000
            guard typeOID == PostgresType.timestamp.oid else { return .timestamp(ms) }
            // A timestamp without time zone is a wall-clock time in the session's zone.
            return .timestamp(ms - Int64(timeZone.offsetSeconds(atLocal: ms)) * 1000)
        case PostgresType.numeric.oid:
            throw TideError(
                .featureNotSupported, "parameter $\(index + 1): binary numeric is not supported; send it as text")
        default:
            return .string(String(decoding: bytes, as: UTF8.self))
        }
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first?.isWhitespace == true { s = s.dropFirst() }
        while s.last?.isWhitespace == true { s = s.dropLast() }
        return String(s)
    }
}
