/// Read access to a table's rows for the batch engine: the offline store's files, or the
/// online store for online preview. Rows come in ingestion order (their `seq` order), which
/// is the tie order of windows (SEMANTICS.md, TideDB decision 1).
public protocol TableSource: Sendable {
    /// The table's rows in batches, in ingestion order.
    func scan(batchSize: Int) throws -> any BatchIterator
    /// The table's rows with only the columns at `columns` (in that order); nil: every column.
    /// By default each batch of `scan(batchSize:)` narrowed; a source that stores columns
    /// apart reads only those asked for.
    func scan(batchSize: Int, columns: [Int]?) throws -> any BatchIterator
    /// How many rows a scan yields, when the source knows it up front (a reader reserves
    /// room for them instead of growing its columns as batches arrive).
    var rowCountHint: Int? { get }
    /// The rows a scan of the columns `columns` yields, as parts that can be read at once on
    /// several threads (in order, their rows are the scan's); nil when the source reads only
    /// in sequence (the default).
    func parts(columns: [Int]?) -> [any TablePart]?
}

/// One independently readable part of a table's rows (`TableSource.parts(columns:)`).
public protocol TablePart: Sendable {
    /// The rows `read()` returns.
    var rowCount: Int { get }
    /// The part's rows, with the columns its source was asked for; nil when the part is no
    /// longer where the snapshot saw it (its rows moved since, as a compacted segment's do),
    /// and the source's own scan must read the table instead. Any other failure throws.
    func read() throws -> ColumnBatch?
}

extension TableSource {
    public var rowCountHint: Int? { nil }

    public func parts(columns: [Int]?) -> [any TablePart]? { nil }

    public func scan(batchSize: Int, columns: [Int]?) throws -> any BatchIterator {
        let iterator = try scan(batchSize: batchSize)
        guard let columns else { return iterator }
        return NarrowingIterator(base: iterator, columns: columns)
    }
}

/// Batches of another iterator with only some of their columns.
struct NarrowingIterator: BatchIterator {
    var base: any BatchIterator
    let columns: [Int]

    mutating func next() throws -> ColumnBatch? {
        guard let batch = try base.next() else { return nil }
        return ColumnBatch(columns: columns.map { batch.columns[$0] }, count: batch.count)
    }
}

/// Yields batches until it returns nil.
public protocol BatchIterator {
    mutating func next() throws -> ColumnBatch?
}

/// A table held in memory (tests, small fixtures).
public struct InMemoryTableSource: TableSource {
    public var rows: [[Value]]
    public var width: Int

    public init(rows: [[Value]], width: Int) {
        self.rows = rows
        self.width = width
    }

    public func scan(batchSize: Int) throws -> any BatchIterator {
        Iterator(rows: rows, width: width, batchSize: max(1, batchSize))
    }

    struct Iterator: BatchIterator {
        let rows: [[Value]]
        let width: Int
        let batchSize: Int
        var position = 0

        mutating func next() throws -> ColumnBatch? {
            guard position < rows.count else { return nil }
            let end = min(rows.count, position + batchSize)
            defer { position = end }
            return ColumnBatch(rows: Array(rows[position..<end]), width: width)
        }
    }
}
