import Foundation
import TideCore
import TidePlan

/// Implementations of the Misc family (signatures in TidePlan's FunctionCatalog): `hash64`,
/// `earth_distance`, `get_json_object`, `json_array_length`.
enum MiscFunctions {
    static func register(into registry: inout FunctionRegistry) {
        for type in SQLType.scalarTypes {
            registry.scalar("hash64", [type]) { args, _ in
                guard let bytes = hashBytes(args[0]) else { return .null }
                return .int64(Int64(bitPattern: FarmHash.fingerprint64(bytes)))
            }
        }
        registry.scalar("earth_distance", [.double, .double, .double, .double]) { args, _ in
            let degrees = args.compactMap(NumericValues.double)
            guard degrees.count == 4 else { return .null }
            return .double(earthDistance(degrees[0], degrees[1], degrees[2], degrees[3]))
        }
        registry.scalar("get_json_object", [.string, .string]) { args, _ in
            guard let json = args[0].stringValue, let path = args[1].stringValue,
                let found = JSONScanner(json).value(atPointer: path)
            else { return .null }
            return .string(found)
        }
        registry.scalar("json_array_length", [.string]) { args, _ in
            guard let json = args[0].stringValue, let count = JSONScanner(json).arrayLength(),
                let length = Int32(exactly: count)
            else { return .null }
            return .int32(length)
        }
    }

    /// The bytes OpenMLDB fingerprints for a value: integers, floats and timestamps as their
    /// little-endian in-memory bytes (2, 4 or 8), bools as one byte, strings as UTF-8, and dates in
    /// OpenMLDB's packed int32 form `(year - 1900) << 16 | (month - 1) << 8 | day`.
    static func hashBytes(_ value: Value) -> [UInt8]? {
        func littleEndian<T: FixedWidthInteger>(_ v: T) -> [UInt8] {
            (0..<(T.bitWidth / 8)).map { UInt8(truncatingIfNeeded: v >> (8 * $0)) }
        }
        switch value {
        case .bool(let b): return [b ? 1 : 0]
        case .int16(let v): return littleEndian(v)
        case .int32(let v): return littleEndian(v)
        case .int64(let v): return littleEndian(v)
        case .float(let f): return littleEndian(f.bitPattern)
        case .double(let d): return littleEndian(d.bitPattern)
        case .string(let s): return Array(s.utf8)
        case .timestamp(let ms): return littleEndian(ms)
        case .date(let days):
            let date = CivilDate(days: Int64(days))
            let packed = Int32(truncatingIfNeeded: (date.year - 1900) << 16 | (date.month - 1) << 8 | date.day)
            return littleEndian(packed)
        case .null, .array, .map: return nil
        }
    }

    /// OpenMLDB semantics: the haversine distance on a sphere of radius 6372.8 km, with degrees
    /// converted as `x * π / 180`.
    static func earthDistance(_ lat1: Double, _ lon1: Double, _ lat2: Double, _ lon2: Double) -> Double {
        let radius = 6372.8
        let phi1 = lat1 * Double.pi / 180, phi2 = lat2 * Double.pi / 180
        let lambda1 = lon1 * Double.pi / 180, lambda2 = lon2 * Double.pi / 180
        let dPhi = Foundation.sin((phi2 - phi1) / 2)
        let dLambda = Foundation.sin((lambda2 - lambda1) / 2)
        let a = dPhi * dPhi + Foundation.cos(phi1) * Foundation.cos(phi2) * dLambda * dLambda
        return 2 * radius * Foundation.asin(a.squareRoot())
    }
}
