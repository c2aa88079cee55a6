import Dispatch
import TideCore

/// Result columns that many threads fill at once, each at rows no other thread writes (the
/// rows of the window partitions it computes), so that no thread's results are collected
/// and copied into place afterwards. The columns are the arrays `ScatteredColumns.build`
/// returns, written where they lie: every row starts NULL, and no column is copied after
/// it is filled (a copy of 10 M values is a fresh 240 MB that the kernel must hand over
/// page by page).
///
/// Unchecked Sendable: `set` must only be called for rows no other thread sets meanwhile,
/// and only inside `build`'s body; the batch engine's window operator keeps these rules
/// (each main row belongs to exactly one partition).
struct ScatteredColumns: @unchecked Sendable {
    let rowCount: Int
    private let storage: [UnsafeMutablePointer<Value>]

    private init(rowCount: Int, storage: [UnsafeMutablePointer<Value>]) {
        self.rowCount = rowCount
        self.storage = storage
    }

    /// `columns` arrays of `rows` NULLs, which `body` fills through the `ScatteredColumns`
    /// it is given (from any number of threads, each at its own rows).
    static func build(columns: Int, rows: Int, _ body: (ScatteredColumns) throws -> Void) throws -> [[Value]] {
        guard rows > 0 else {
            try body(ScatteredColumns(rowCount: 0, storage: []))
            return Array(repeating: [], count: columns)
        }
        var pointers: [UnsafeMutablePointer<Value>] = []
        pointers.reserveCapacity(columns)
        // Each column's array is made by a nested unsafeUninitializedCapacity initializer,
        // so that every column's buffer is valid while `body` writes into all of them.
        func nest(_ remaining: Int) throws -> [[Value]] {
            guard remaining > 0 else {
                let output = ScatteredColumns(rowCount: rows, storage: pointers)
                // Filling fresh memory is mostly the kernel zeroing pages: spread it over every core.
                DispatchQueue.concurrentPerform(iterations: pointers.count) { c in output.fill(c) }
                guard pointers.count == columns else { throw TideError.internal("no buffer for a result column") }
                try body(output)
                return []
            }
            var inner: [[Value]] = []
            let column = try [Value](unsafeUninitializedCapacity: rows) { buffer, initialized in
                // The innermost level initializes every column before anything can throw.
                if let base = buffer.baseAddress {
                    pointers.append(base)
                    initialized = rows
                }
                inner = try nest(remaining - 1)
            }
            return [column] + inner
        }
        return try nest(columns)
    }

    private func fill(_ column: Int) {
        storage[column].initialize(repeating: .null, count: rowCount)
    }

    /// Writes the value of `row` in `column`, once per row: the NULL it replaces holds no
    /// reference, so the slot is initialized over without reading it (the rows of a
    /// partition are scattered over the table, and a read there would miss the cache).
    func set(_ column: Int, row: Int, to value: Value) {
        (storage[column] + row).initialize(to: value)
    }
}
