import Foundation
import TideCore

/// How catalog values are encoded: records as JSON with sorted keys (stable bytes, readable
/// with `ldb`), sequences as 8-byte big-endian integers.
enum CatalogCoding {
    static func encode(_ value: some Encodable) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return Array(try encoder.encode(value))
    }

    static func decode<Value: Decodable>(_ type: Value.Type, from bytes: [UInt8], key: [UInt8]) throws -> Value {
        do {
            return try JSONDecoder().decode(type, from: Data(bytes))
        } catch {
            throw TideError.corruptedCatalog(key: key, "cannot decode \(Value.self): \(error)")
        }
    }

    static func encodeSequence(_ value: UInt64) -> [UInt8] {
        (0..<8).reversed().map { UInt8(truncatingIfNeeded: value >> ($0 * 8)) }
    }

    static func decodeSequence(_ bytes: [UInt8], key: [UInt8]) throws -> UInt64 {
        guard bytes.count == 8 else { throw TideError.corruptedCatalog(key: key, "sequence is not 8 bytes") }
        return bytes.reduce(0) { $0 << 8 | UInt64($1) }
    }
}
