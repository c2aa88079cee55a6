import Foundation
import TideCore

/// The min, max and NULL count of a column chunk as it is written. NaN is left out of the
/// bounds (readers would otherwise skip rows wrongly); strings compare by their UTF-8 bytes.
struct ParquetColumnStatistics {
    private(set) var nullCount: Int64 = 0
    private(set) var min: Value?
    private(set) var max: Value?

    mutating func add(_ value: Value) {
        switch value {
        case .null:
            nullCount += 1
            return
        case .float(let f) where f.isNaN: return
        case .double(let d) where d.isNaN: return
        default: break
        }
        if let current = min {
            if Self.less(value, current) { min = value }
        } else {
            min = value
        }
        if let current = max {
            if Self.less(current, value) { max = value }
        } else {
            max = value
        }
    }

    var thrift: ParquetStatistics {
        ParquetStatistics(
            nullCount: nullCount, minValue: min.map(PlainEncoder.statisticsBytes),
            maxValue: max.map(PlainEncoder.statisticsBytes))
    }

    /// True if `a`'s UTF-8 bytes sort before `b`'s (unsigned bytes, shorter prefix first).
    private static func bytesPrecede(_ a: String, _ b: String) -> Bool {
        var a = a
        var b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in
                let n = Swift.min(x.count, y.count)
                if n > 0, let px = x.baseAddress, let py = y.baseAddress {
                    let c = memcmp(px, py, n)
                    if c != 0 { return c < 0 }
                }
                return x.count < y.count
            }
        }
    }

    private static func less(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.bool(let x), .bool(let y)): return !x && y
        case (.int16(let x), .int16(let y)): return x < y
        case (.int32(let x), .int32(let y)): return x < y
        case (.int64(let x), .int64(let y)): return x < y
        case (.date(let x), .date(let y)): return x < y
        case (.timestamp(let x), .timestamp(let y)): return x < y
        case (.float(let x), .float(let y)): return x < y
        case (.double(let x), .double(let y)): return x < y
        case (.string(let x), .string(let y)): return bytesPrecede(x, y)
        default: return false
        }
    }
}
