import Synchronization
import TideCore
import TidePlan

/// Scans of the same table in one plan share what they read: `features.sql` reads
/// `transactions` for its windows and again in its LAST JOIN's subquery, and the second scan
/// takes the columns the first one read instead of decoding 10 M rows again (and holding a
/// second copy of them). Both read through one source, so they see the same snapshot and
/// the same row order. A column is kept only while a later scan of the table still needs it.
final class SharedScans: Sendable {
    /// What makes two scans read the same rows (their column choices aside).
    private struct Key: Hashable {
        let table: TableDef
        let lookup: IndexLookup?
        let keptBy: String?
        let tabletOrder: Bool

        init(_ node: ScanNode) {
            table = node.table
            lookup = node.lookup
            keptBy = node.keptBy
            tabletOrder = node.tabletOrder
        }
    }

    private struct Shared {
        /// Scans of the table still to run, and per table column how many of them read it.
        var scansLeft: Int
        var readsLeft: [Int: Int]
        var source: (any TableSource)?
        var count: Int?
        var columns: [Int: [Value]] = [:]
    }

    private let state: Mutex<[Key: Shared]>

    /// Counts the scans of `plan`; only tables scanned more than once are shared.
    init(_ plan: PhysicalPlan) {
        var scans: [Key: [[Int]?]] = [:]
        func visit(_ plan: PhysicalPlan) {
            if case .scan(let node) = plan { scans[Key(node), default: []].append(node.readColumns) }
            plan.children.forEach(visit)
        }
        visit(plan)
        var shared: [Key: Shared] = [:]
        for (key, reads) in scans where reads.count > 1 {
            var readsLeft: [Int: Int] = [:]
            for columns in reads {
                for c in columns ?? Array(key.table.columns.indices) { readsLeft[c, default: 0] += 1 }
            }
            shared[key] = Shared(scansLeft: reads.count, readsLeft: readsLeft)
        }
        state = Mutex(shared)
    }

    /// The scan's rows: read from its source, or taken (in part or whole) from an earlier scan
    /// of the same table.
    func scan(_ node: ScanNode, engine: BatchEngine) throws -> ColumnBatch {
        let key = Key(node)
        guard var shared = state.withLock({ $0.removeValue(forKey: key) }) else {
            return try BatchScan.run(node, engine: engine)
        }
        let wanted = node.readColumns ?? Array(node.table.columns.indices)
        let source = try shared.source ?? engine.sources.source(for: node)
        let missing = wanted.filter { shared.columns[$0] == nil }
        if !missing.isEmpty || shared.count == nil {
            let (columns, count) = try BatchScan.read(source, columns: missing, width: missing.count, engine: engine)
            if let known = shared.count, known != count {
                throw TideError.internal("two scans of \(node.table.name) read \(known) and \(count) rows")
            }
            shared.count = count
            for (c, column) in zip(missing, columns) { shared.columns[c] = column }
        }
        let count = shared.count ?? 0
        var columns: [[Value]] = []
        columns.reserveCapacity(wanted.count)
        for c in wanted {
            columns.append(shared.columns[c] ?? [])
            shared.readsLeft[c, default: 1] -= 1
            if shared.readsLeft[c] == 0 { shared.columns[c] = nil }
        }
        shared.scansLeft -= 1
        if shared.scansLeft > 0 {
            shared.source = source
            state.withLock { $0[key] = shared }
        }
        return ColumnBatch(columns: columns, count: count)
    }
}
