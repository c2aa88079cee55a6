import Synchronization
import TideCore

/// Numbers window partitions by their key values in order of first appearance; a single
/// key column is hashed as one value rather than as a one-element array.
///
/// A relation's rows are numbered in parallel: each range of rows numbers its own keys, the
/// ranges' keys are then merged in range order (so a key's number is still that of its first
/// appearance in the whole relation; there are few keys next to rows), and each range
/// renumbers its rows.
struct PartitionNumbering {
    private var single: [Value: Int32] = [:]
    private var composite: [[Value]: Int32] = [:]
    private(set) var count: Int32 = 0

    /// Rows per range numbered on its own.
    private static let rangeRows = 16_384

    init(expectedRows: Int) {
        single.reserveCapacity(min(expectedRows, 1 << 16))
    }

    /// The partition of every row of `keys` (one column per key expression, `rows` rows): new
    /// keys get new numbers when `create`, else -1 (a union row whose key has no main row).
    mutating func number(_ keys: [[Value]], rows: Int, create: Bool) throws -> [Int32] {
        if keys.count == 1 {
            return try Self.number(keys[0], rows: rows, create: create, in: &single, count: &count)
        }
        let composite = (0..<rows).map { r in keys.map { $0[r] } }
        return try Self.number(composite, rows: rows, create: create, in: &self.composite, count: &count)
    }

    private static func number<Key: Hashable & Sendable>(
        _ keys: [Key], rows: Int, create: Bool, in numbers: inout [Key: Int32], count: inout Int32
    ) throws -> [Int32] {
        guard rows > 0 else { return [] }
        // Each range: its rows' local numbers, and its keys in order of first appearance.
        let ranges = ParallelWork.ranges(rows, minimum: rangeRows)
        let local = try ParallelWork.map(ranges.count) { piece -> (codes: [Int32], keys: [Key]) in
            var seen: [Key: Int32] = [:]
            var order: [Key] = []
            var codes: [Int32] = []
            codes.reserveCapacity(ranges[piece].count)
            for r in ranges[piece] {
                let key = keys[r]
                if let code = seen[key] {
                    codes.append(code)
                } else {
                    seen[key] = Int32(order.count)
                    codes.append(Int32(order.count))
                    order.append(key)
                }
            }
            return (codes, order)
        }
        // Local numbers to partition numbers, range by range in row order.
        var mappings: [[Int32]] = []
        mappings.reserveCapacity(local.count)
        for piece in local {
            mappings.append(
                piece.keys.map { key in
                    if let p = numbers[key] { return p }
                    guard create else { return -1 }
                    numbers[key] = count
                    count += 1
                    return count - 1
                })
        }
        let renumbering = mappings
        return try ParallelWork.build(rows, minimum: rangeRows) { rows, output in
            // `ranges` of `build` and of the local pass are the same cut of the rows.
            guard let piece = ranges.firstIndex(where: { $0.lowerBound == rows.lowerBound }) else {
                throw TideError.internal("partition ranges differ")
            }
            let mapping = renumbering[piece]
            for code in local[piece].codes { output.append(mapping[Int(code)]) }
        }
    }
}
