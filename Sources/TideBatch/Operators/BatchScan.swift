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
        // A part that is no longer where the snapshot saw it (a segment compacted away since)
        // sends the read to the source's own scan, which follows it; other failures are errors.
        if let parts = source.parts(columns: read), parts.count > 1,
            let whole = try readParts(parts, width: width, engine: engine)
        {
            return whole
        }
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

    /// The parts decoded a few at a time on every core, each wave appended to the columns
    /// (one column per thread) before the next is read: parallel, and holding at most a
    /// wave's decoded parts besides the columns.
    private static func readParts(
        _ parts: [any TablePart], width: Int, engine: BatchEngine
    ) throws -> (columns: [[Value]], count: Int)? {
        let total = parts.reduce(0) { $0 + $1.rowCount }
        var columns = Array(repeating: [Value](), count: width)
        for c in columns.indices { columns[c].reserveCapacity(total) }
        let waveSize = ParallelWork.cores * 2
        var count = 0
        for start in stride(from: 0, to: parts.count, by: waveSize) {
            try engine.context.checkInterrupt()
            let wave = Array(parts[start..<min(parts.count, start + waveSize)])
            let read = try ParallelWork.map(wave.count) { i -> ColumnBatch? in
                guard let batch = try wave[i].read() else { return nil }
                guard batch.count == wave[i].rowCount, batch.columns.count >= width else {
                    throw TideError.internal("a table part read \(batch.count) rows for \(wave[i].rowCount)")
                }
                return batch
            }
            let batches = read.compactMap { $0 }
            guard batches.count == read.count else { return nil }
            ParallelWork.mutateEach(&columns) { c, column in
                for batch in batches { column.append(contentsOf: batch.columns[c]) }
            }
            count += batches.reduce(0) { $0 + $1.count }
        }
        return (columns, count)
    }
}
