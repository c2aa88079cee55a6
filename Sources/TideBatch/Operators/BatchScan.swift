import TideCore
import TideExec
import TidePlan

/// Reads a whole table from its source.
enum BatchScan {
    static func run(_ node: ScanNode, engine: BatchEngine) throws -> ColumnBatch {
        let source = try engine.sources.source(for: node)
        var iterator = try source.scan(batchSize: engine.batchSize, columns: node.readColumns)
        var columns = Array(repeating: [Value](), count: node.columns.count)
        if let rows = source.rowCountHint {
            for c in columns.indices { columns[c].reserveCapacity(rows) }
        }
        var count = 0
        while let batch = try iterator.next() {
            try engine.context.checkInterrupt()
            for c in columns.indices where c < batch.columns.count { columns[c].append(contentsOf: batch.columns[c]) }
            count += batch.count
        }
        return ColumnBatch(columns: columns, count: count)
    }
}
