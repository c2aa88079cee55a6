import TideCore

/// One key of one index: what an online-preview scan under `WHERE key = value` reads.
public struct IndexLookup: Sendable, Hashable {
    public var index: String
    /// In the index's key column order.
    public var key: [Value]

    public init(index: String, key: [Value]) {
        self.index = index
        self.key = key
    }
}

/// Online preview reads a table the way OpenMLDB's online engine does: a scan filtered by
/// `column = value` equalities that cover exactly an index's key columns reads that key
/// through that index, so it sees the rows that index keeps (its TTL), not those of the
/// table's first index. Other scans read the whole table. The filter stays above the scan.
public enum IndexLookupRule {
    /// `parameters` are the values of `$n` placeholders, which count as constants.
    public static func apply(_ plan: PhysicalPlan, parameters: [Value] = []) -> PhysicalPlan {
        switch plan {
        case .filter(var node):
            if case .scan(var scan) = node.input, scan.lookup == nil,
                let lookup = lookup(node.predicate, table: scan.table, parameters: parameters)
            {
                scan.lookup = lookup
                node.input = .scan(scan)
                return .filter(node)
            }
            node.input = apply(node.input, parameters: parameters)
            return .filter(node)
        case .project(var node):
            node.input = apply(node.input, parameters: parameters)
            return .project(node)
        case .limit(var node):
            node.input = apply(node.input, parameters: parameters)
            return .limit(node)
        case .sort(var node):
            node.input = apply(node.input, parameters: parameters)
            return .sort(node)
        case .distinct(var node):
            node.input = apply(node.input, parameters: parameters)
            return .distinct(node)
        case .groupAggregate(var node):
            node.input = apply(node.input, parameters: parameters)
            return .groupAggregate(node)
        case .windowAggregate(var node):
            node.input = readThroughWindowIndex(node.input, windows: node.windows)
            return .windowAggregate(node)
        case .scan, .singleRow, .join, .lastJoin, .union:
            // Joins and unions read whole tables (their own rules are not this one).
            return plan
        }
    }

    /// A window's main table is read through the window's index (the rows that index keeps),
    /// when every window of the node reads the table through the same index.
    private static func readThroughWindowIndex(_ input: PhysicalPlan, windows: [WindowSpecification]) -> PhysicalPlan {
        let names = Set(windows.map { $0.index?.indexName })
        guard names.count == 1, let name = names.first ?? nil else { return input }
        switch input {
        case .scan(var scan) where scan.lookup == nil && scan.table.indexes.contains(where: { $0.name == name }):
            scan.keptBy = name
            return .scan(scan)
        case .filter(var node):
            node.input = readThroughWindowIndex(node.input, windows: windows)
            return .filter(node)
        default:
            return input
        }
    }

    /// The index whose key columns are exactly the columns `predicate` equates to constants.
    static func lookup(_ predicate: BoundExpr, table: TableDef, parameters: [Value]) -> IndexLookup? {
        var equalities: [String: Value] = [:]
        for term in conjuncts(predicate) {
            guard case .compare(.equal, let a, let b) = term else { continue }
            let pair: (ColumnReference, Value, SQLType)
            switch (a, b) {
            case (.column(let ref), .literal(let v, let t)), (.literal(let v, let t), .column(let ref)):
                pair = (ref, v, t)
            case (.column(let ref), .parameter(let n, let t)), (.parameter(let n, let t), .column(let ref)):
                guard n >= 1, n <= parameters.count else { continue }
                pair = (ref, parameters[n - 1], t)
            default: continue
            }
            guard !pair.1.isNull, pair.0.index < table.columns.count,
                pair.2 == .scalar(table.columns[pair.0.index].type)
            else { continue }
            equalities[table.columns[pair.0.index].name.lowercased()] = pair.1
        }
        guard !equalities.isEmpty else { return nil }
        let index = table.indexes.first { index in
            Set(index.keyColumns.map { $0.lowercased() }) == Set(equalities.keys)
        }
        guard let index else { return nil }
        return IndexLookup(index: index.name, key: index.keyColumns.compactMap { equalities[$0.lowercased()] })
    }

    private static func conjuncts(_ expr: BoundExpr) -> [BoundExpr] {
        if case .logical(.and, let terms) = expr { return terms.flatMap(conjuncts) }
        return [expr]
    }
}
