import TideCore
import TideExec
import TidePlan

/// Reads a whole table from its source.
enum BatchScan {
    static func run(_ node: ScanNode, engine: BatchEngine) throws -> ColumnBatch {
        let (columns, count) = try read(
            try engine.sources.source(for: node), columns: node.readColumns, width: node.columns.count,
            engine: engine)
        return ColumnBatch(columns: columns, count: count)
    }

    /// The table columns `columns` (nil: every column) of `source`, whole, and the row count.
    static func read(
        _ source: any TableSource, columns read: [Int]?, width: Int, engine: BatchEngine
    ) throws -> (columns: [[Value]], count: Int) {
        var iterator = try source.scan(batchSize: engine.batchSize, columns: read)
        var columns = Array(repeating: [Value](), count: width)
        if let rows = source.rowCountHint {
            for c in columns.indices { columns[c].reserveCapacity(rows) }
        }
        var count = 0
        while let batch = try iterator.next() {
            try engine.context.checkInterrupt()
            for c in columns.indices where c < batch.columns.count { columns[c].append(contentsOf: batch.columns[c]) }
            count += batch.count
        }
        return (columns, count)
    }
}
