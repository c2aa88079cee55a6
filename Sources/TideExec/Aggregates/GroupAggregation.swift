import TideCore
import TidePlan

/// GROUP BY's accumulation, written once for the batch engine (every group of a table) and
/// request mode (the request row's group): one aggregate state per group and call, groups in
/// first-seen order, keys and DISTINCT arguments compared as DISTINCT compares
/// (`OrderedValue`). A whole-table aggregate over no rows still yields one row.
public struct GroupAggregation {
    private let node: GroupAggregateNode
    private let kernels: [AggregateKernel]
    private let context: FunctionContext
    private var groupOf: [[OrderedValue]: Int] = [:]
    private var groupKeys: [[Value]] = []
    private var states: [[any Aggregator]] = []
    private var seen: [[Set<[OrderedValue]>]] = []

    public init(_ node: GroupAggregateNode, context: FunctionContext) throws {
        self.node = node
        self.kernels = try node.aggregates.map { try FunctionLibrary.aggregateKernel($0.signature) }
        self.context = context
    }

    /// Adds one input row: its group key and each call's argument values.
    public mutating func add(key: [Value], arguments: [[Value]]) throws {
        let groupKey = OrderedValue.keys(key)
        let g: Int
        if let existing = groupOf[groupKey] {
            g = existing
        } else {
            g = groupKeys.count
            groupOf[groupKey] = g
            groupKeys.append(key)
            states.append(kernels.map { $0.make(context) })
            seen.append(Array(repeating: [], count: kernels.count))
        }
        for a in kernels.indices {
            if node.aggregates[a].distinct {
                guard seen[g][a].insert(OrderedValue.keys(arguments[a])).inserted else { continue }
            }
            try states[g][a].update(arguments[a])
        }
    }

    /// The output rows: each group's keys, then its aggregates.
    public func rows() throws -> [[Value]] {
        var keys = groupKeys
        var states = self.states
        if node.keys.isEmpty && keys.isEmpty {
            keys.append([])
            states.append(kernels.map { $0.make(context) })
        }
        return try keys.enumerated().map { g, key in key + (try states[g].map { state in try Self.result(of: state) }) }
    }

    /// The output row of the group `key` belongs to, if it has one.
    public func row(forKey key: [Value]) throws -> [Value]? {
        if node.keys.isEmpty { return try rows().first }
        guard let g = groupOf[OrderedValue.keys(key)] else { return nil }
        return key + (try states[g].map { state in try Self.result(of: state) })
    }

    private static func result(of state: any Aggregator) throws -> Value {
        var state = state
        return try state.result()
    }
}
