import TideCore
import TidePlan

extension Array where Element == Value {
    /// The argument at `index`, or NULL if the call has fewer.
    func argument(_ index: Int) -> Value { index < count ? self[index] : .null }

    /// Whether the argument at `index` is TRUE; NULL and FALSE both count as not true.
    func isTrue(_ index: Int) -> Bool { argument(index).boolValue == true }
}

extension Value {
    /// An integer result in the given integer-like type, wrapping as OpenMLDB's native types do.
    static func integer(_ v: Int64, as type: DataType) -> Value {
        switch type {
        case .int16: return .int16(Int16(truncatingIfNeeded: v))
        case .int32: return .int32(Int32(truncatingIfNeeded: v))
        case .date: return .date(Int32(truncatingIfNeeded: v))
        case .timestamp: return .timestamp(v)
        case .int64: return .int64(v)
        case .float: return .float(Float(v))
        case .double: return .double(Double(v))
        case .bool: return .bool(v != 0)
        case .string: return .string(String(v))
        }
    }

    /// A floating-point result in the given type (float rounds to the nearest Float).
    static func floating(_ v: Double, as type: DataType) -> Value {
        switch type {
        case .float: return .float(Float(v))
        case .double: return .double(v)
        case .int16, .int32, .int64, .date, .timestamp, .bool, .string:
            return Int64(exactly: v.rounded(.towardZero)).map { integer($0, as: type) } ?? .null
        }
    }
}

extension DataType {
    /// True for float and double.
    var isFloatingPoint: Bool {
        switch self {
        case .float, .double: return true
        case .bool, .int16, .int32, .int64, .string, .date, .timestamp: return false
        }
    }
}

extension FunctionSignature {
    /// The scalar type of the first parameter (the aggregated value), double if there is none.
    var valueType: DataType { parameters.first?.scalar ?? .double }
}
