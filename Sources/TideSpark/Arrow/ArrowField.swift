import TideCore

/// One column of an Arrow schema, as far as TideDB reads it.
struct ArrowField: Sendable, Hashable {
    var name: String
    var type: ArrowType
}

/// The Arrow types Spark returns for the SQL types TideDB computes with.
enum ArrowType: Sendable, Hashable {
    case null
    case bool
    /// Signed integers of 8, 16, 32 or 64 bits.
    case int(bitWidth: Int)
    /// 32 or 64 bits.
    case floatingPoint(bitWidth: Int)
    /// 32-bit offsets (`Utf8`) or 64-bit offsets (`LargeUtf8`).
    case utf8(largeOffsets: Bool)
    /// Days since the epoch (32 bits) or milliseconds (64 bits).
    case date(days: Bool)
    /// A 64-bit count of `unitsPerSecond` since the epoch.
    case timestamp(unitsPerSecond: Int64)
    /// A 128-bit two's complement integer scaled by 10^-scale.
    case decimal(scale: Int)

    /// The TideDB type a column of this Arrow type becomes.
    var dataType: DataType? {
        switch self {
        case .null: return nil
        case .bool: return .bool
        case .int(let bits): return bits <= 16 ? .int16 : bits == 32 ? .int32 : .int64
        case .floatingPoint(let bits): return bits == 32 ? .float : .double
        case .utf8: return .string
        case .date: return .date
        case .timestamp: return .timestamp
        case .decimal: return .double
        }
    }

    /// Reads `Field.type` (a union: its type code and table) from Arrow's Schema.fbs.
    init(code: UInt8, table: FlatBufferTable?) throws {
        switch code {
        case 1: self = .null
        case 2:
            let bits = Int(try table?.int32(0) ?? 0)
            guard [8, 16, 32, 64].contains(bits), try table?.bool(1) ?? false else {
                throw ArrowFormatError.unsupported("integer type (\(bits) bits, unsigned)")
            }
            self = .int(bitWidth: bits)
        case 3:
            switch try table?.int16(0) ?? 0 {
            case 1: self = .floatingPoint(bitWidth: 32)
            case 2: self = .floatingPoint(bitWidth: 64)
            default: throw ArrowFormatError.unsupported("half-precision float")
            }
        case 5: self = .utf8(largeOffsets: false)
        case 20: self = .utf8(largeOffsets: true)
        case 6: self = .bool
        case 7:
            let bits = try table?.int32(2, default: 128) ?? 128
            guard bits == 128 else { throw ArrowFormatError.unsupported("\(bits)-bit decimal") }
            let scale = Int(try table?.int32(1) ?? 0)
            guard (0...76).contains(scale) else { throw ArrowFormatError.corrupt("decimal scale \(scale)") }
            self = .decimal(scale: scale)
        case 8: self = .date(days: (try table?.int16(0, default: 1) ?? 1) == 0)
        case 10:
            let perSecond: [Int16: Int64] = [0: 1, 1: 1_000, 2: 1_000_000, 3: 1_000_000_000]
            guard let units = perSecond[try table?.int16(0) ?? 0] else {
                throw ArrowFormatError.corrupt("timestamp unit")
            }
            self = .timestamp(unitsPerSecond: units)
        default:
            let names: [UInt8: String] = [
                4: "Binary", 9: "Time", 11: "Interval", 12: "List", 13: "Struct", 14: "Union", 15: "FixedSizeBinary",
                16: "FixedSizeList", 17: "Map", 18: "Duration", 19: "LargeBinary", 21: "LargeList",
            ]
            throw ArrowFormatError.unsupported("type \(names[code] ?? "#\(code)")")
        }
    }
}
