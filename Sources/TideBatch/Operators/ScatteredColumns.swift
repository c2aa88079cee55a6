import TideCore

/// Result columns that many threads fill at once, each at rows no other thread writes (the
/// rows of the window partitions it computes), so that no thread's results are collected
/// and copied into place afterwards. Every row starts NULL; `take` moves a finished column
/// out as an array without copying its values.
///
/// Unchecked Sendable: `set` must only be called for rows no other thread sets meanwhile,
/// `take` once per column and only once all writers have finished; the batch engine's
/// window operator keeps these rules (each main row belongs to exactly one partition).
final class ScatteredColumns: @unchecked Sendable {
    let rowCount: Int
    private let storage: [UnsafeMutablePointer<Value>]
    /// Per column: true once `take` moved it out (only `take(c)` writes flag `c`).
    private let taken: UnsafeMutablePointer<Bool>

    init(columns: Int, rows: Int) throws {
        rowCount = rows
        storage = (0..<columns).map { _ in UnsafeMutablePointer<Value>.allocate(capacity: max(1, rows)) }
        taken = UnsafeMutablePointer<Bool>.allocate(capacity: max(1, columns))
        taken.initialize(repeating: false, count: max(1, columns))
        // Filling fresh memory is mostly the kernel zeroing pages: spread it over every core.
        _ = try ParallelWork.map(columns) { [self] c in self.fill(c) }
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

    /// The finished column, moved out (each column once; later calls give an empty array).
    func take(_ column: Int) -> [Value] {
        guard !taken[column] else { return [] }
        taken[column] = true
        let values = storage[column]
        defer { values.deallocate() }
        return [Value](unsafeUninitializedCapacity: rowCount) { buffer, initialized in
            if let base = buffer.baseAddress { base.moveInitialize(from: values, count: rowCount) }
            initialized = rowCount
        }
    }

    deinit {
        for (c, values) in storage.enumerated() where !taken[c] {
            values.deinitialize(count: rowCount)
            values.deallocate()
        }
        taken.deallocate()
    }
}
