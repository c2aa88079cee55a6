import TideCore

/// Online preview returns rows in the order OpenMLDB's tablet scans them, so that a query
/// without ORDER BY (`LIMIT n`, the order of GROUP BY's groups) answers as OpenMLDB does: the
/// scan whose order reaches the result — the main table, under filters, projections, limits,
/// GROUP BY, the left side of joins and the input of windows — is read in tablet order
/// (`ScanNode.tabletOrder`). Union sources and join right sides keep arrival order. A
/// window keeps its meaning only if each of its partitions lies within one index key (rows of
/// one key keep their arrival order, which decides ties); a window partitioned otherwise
/// keeps its input in arrival order.
public enum TabletOrderRule {
    public static func apply(_ plan: PhysicalPlan) -> PhysicalPlan {
        switch plan {
        case .scan(var scan):
            scan.tabletOrder = true
            return .scan(scan)
        case .filter(var node):
            node.input = apply(node.input)
            return .filter(node)
        case .project(var node):
            node.input = apply(node.input)
            return .project(node)
        case .limit(var node):
            node.input = apply(node.input)
            return .limit(node)
        case .sort(var node):
            node.input = apply(node.input)
            return .sort(node)
        case .distinct(var node):
            node.input = apply(node.input)
            return .distinct(node)
        case .groupAggregate(var node):
            // One group of counts, minima and maxima over every (filtered) row is the same in
            // any order: the scan keeps arrival order instead of sorting every row of the
            // table (`SELECT count(*) FROM t` on millions of online rows).
            if node.keys.isEmpty, node.aggregates.allSatisfy(isOrderFree), readsWholeScan(node.input) {
                return .groupAggregate(node)
            }
            node.input = apply(node.input)
            return .groupAggregate(node)
        case .lastJoin(var node):
            node.left = apply(node.left)
            return .lastJoin(node)
        case .join(var node):
            node.left = apply(node.left)
            return .join(node)
        case .windowAggregate(var node):
            if partitionsWithinOneKey(node) { node.input = apply(node.input) }
            return .windowAggregate(node)
        case .singleRow, .union:
            return plan
        }
    }

    /// Aggregates whose result does not depend on the order of their rows. (`sum` and `avg`
    /// do, in the last bits of floating-point results; order-statistics like `top` do on ties.)
    private static let orderFreeAggregates: Set<String> = ["count", "distinct_count", "count_where"]

    /// Counts always; `min` and `max` of non-floating values (of 0.0 and -0.0, which compare
    /// equal, the first one seen is reported).
    private static func isOrderFree(_ call: AggregateCall) -> Bool {
        if orderFreeAggregates.contains(call.signature.name) { return true }
        guard call.signature.name == "min" || call.signature.name == "max" else { return false }
        return call.signature.parameters.allSatisfy { $0 != .double && $0 != .float }
    }

    /// Whether `plan` reads every row of a scan, only filtered and projected (no LIMIT,
    /// whose rows would depend on the order).
    private static func readsWholeScan(_ plan: PhysicalPlan) -> Bool {
        switch plan {
        case .scan: return true
        case .filter(let node): return readsWholeScan(node.input)
        case .project(let node): return readsWholeScan(node.input)
        default: return false
        }
    }

    /// Whether every window of `node` is partitioned by (at least) the key columns of the index
    /// its input scan reads.
    private static func partitionsWithinOneKey(_ node: WindowAggregateNode) -> Bool {
        guard let scan = scanUnderFilters(node.input) else { return false }
        let index =
            scan.keptBy.flatMap { name in scan.table.indexes.first { $0.name == name } } ?? scan.table.indexes.first
        guard let index else { return false }
        let keyColumns = Set(index.keyColumns.compactMap { scan.table.columnIndex($0) })
        return node.windows.allSatisfy { window in
            var partitionColumns = Set<Int>()
            for case .column(let ref) in window.partitionBy { partitionColumns.insert(ref.index) }
            return keyColumns.isSubset(of: partitionColumns)
        }
    }

    private static func scanUnderFilters(_ plan: PhysicalPlan) -> ScanNode? {
        switch plan {
        case .scan(let scan): return scan
        case .filter(let node): return scanUnderFilters(node.input)
        default: return nil
        }
    }
}
