import TideCore

/// Numbers window partitions by their key values in order of first appearance; a single
/// key column is hashed as one value rather than as a one-element array.
///
/// A relation's rows are numbered in parallel (`FirstAppearanceNumbering`).
struct PartitionNumbering {
    private var single: [Value: Int32] = [:]
    private var composite: [[Value]: Int32] = [:]
    private(set) var count: Int32 = 0

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
        let numbered = try FirstAppearanceNumbering.number(
            rows: rows, create: create, numbers: &numbers, count: &count, key: { keys[$0] })
        guard let numbered else { throw TideError.internal("a partition key is missing") }
        return numbered
    }
}
