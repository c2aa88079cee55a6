/// Numbers keys in order of first appearance (the first distinct key 0, the next 1, ...),
/// across calls that share `numbers`, in parallel over a large input: each range of rows
/// numbers its own keys, the ranges' keys are then merged in range order (so a key's number
/// is still that of its first appearance in the whole input; there are few keys next to
/// rows), and each range renumbers its rows in place.
public enum FirstAppearanceNumbering {
    /// Rows from which the work is split into ranges.
    public static let rangeRows = 16_384

    /// The number of the key of each of `rows` rows (`key(r)`). A key not yet in `numbers` gets
    /// `count` (then incremented) when `create`, else -1. Nil, with `numbers` and `count` as
    /// they were, if `key` gives nil for any row.
    public static func number<Key: Hashable & Sendable>(
        rows: Int, create: Bool, numbers: inout [Key: Int32], count: inout Int32,
        key: @Sendable (Int) -> Key?
    ) throws -> [Int32]? {
        guard rows > 0 else { return [] }
        let ranges = ParallelWork.ranges(rows, minimum: rangeRows)
        guard ranges.count > 1 else {
            return serial(rows: rows, create: create, numbers: &numbers, count: &count, key: key)
        }
        // Each range: its rows' local numbers, and its keys in order of first appearance.
        let local = try ParallelWork.map(ranges.count) { piece -> (codes: [Int32], keys: [Key])? in
            var seen: [Key: Int32] = [:]
            var order: [Key] = []
            var codes: [Int32] = []
            codes.reserveCapacity(ranges[piece].count)
            for r in ranges[piece] {
                guard let key = key(r) else { return nil }
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
        var pieces: [(codes: [Int32], keys: [Key])] = []
        for piece in local {
            guard let piece else { return nil }
            pieces.append(piece)
        }
        // Local numbers to numbers, range by range in row order.
        var mappings: [[Int32]] = []
        mappings.reserveCapacity(pieces.count)
        for piece in pieces {
            mappings.append(
                piece.keys.map { key in
                    if let number = numbers[key] { return number }
                    guard create else { return -1 }
                    numbers[key] = count
                    count += 1
                    return count - 1
                })
        }
        let renumbering = mappings
        let localCodes = pieces.map(\.codes)
        return try ParallelWork.build(over: ranges) { piece, _, output in
            let mapping = renumbering[piece]
            for code in localCodes[piece] { output.append(mapping[Int(code)]) }
        }
    }

    private static func serial<Key: Hashable>(
        rows: Int, create: Bool, numbers: inout [Key: Int32], count: inout Int32, key: (Int) -> Key?
    ) -> [Int32]? {
        // Keys numbered by this call, forgotten again if a row has no key.
        let firstNumber = count
        var added: [Key] = []
        var codes: [Int32] = []
        codes.reserveCapacity(rows)
        for r in 0..<rows {
            guard let key = key(r) else {
                for key in added { numbers[key] = nil }
                count = firstNumber
                return nil
            }
            if let number = numbers[key] {
                codes.append(number)
            } else if create {
                numbers[key] = count
                added.append(key)
                codes.append(count)
                count += 1
            } else {
                codes.append(-1)
            }
        }
        return codes
    }
}
