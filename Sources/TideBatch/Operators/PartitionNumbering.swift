import TideCore

/// Numbers window partitions by their key values in order of first appearance; a single
/// key column is hashed as one value rather than as a one-element array.
struct PartitionNumbering {
    private var single: [Value: Int32] = [:]
    private var composite: [[Value]: Int32] = [:]
    private(set) var count: Int32 = 0

    init(expectedRows: Int) {
        single.reserveCapacity(min(expectedRows, 1 << 16))
    }

    /// The partition of row `r` of `keys` (one column per key expression); a new number when
    /// `create` and the key is new, else nil for a new key.
    mutating func partition(of keys: [[Value]], row r: Int, create: Bool) -> Int32? {
        if keys.count == 1 {
            let key = keys[0][r]
            if let p = single[key] { return p }
            guard create else { return nil }
            single[key] = count
        } else {
            let key = keys.map { $0[r] }
            if let p = composite[key] { return p }
            guard create else { return nil }
            composite[key] = count
        }
        count += 1
        return count - 1
    }
}
