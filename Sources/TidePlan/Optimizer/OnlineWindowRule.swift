import TideCore

/// The online engine (online preview and request mode) reads a window's partitions through an
/// index, so OpenMLDB refuses online a window keyed by a float or double (no index keys one)
/// or over rows that need a computation of their own (a subquery with windows, aggregates or
/// unions). Offline, a window may be partitioned by any value over any input.
public enum OnlineWindowRule {
    /// Refuses `window` when a partition key is a float or double.
    public static func checkKeys(_ window: WindowSpecification, mode: String) throws(TideError) {
        for key in window.partitionBy where key.type == .scalar(.float) || key.type == .scalar(.double) {
            throw TideError(
                .featureNotSupported,
                "window \(window.name) is partitioned by a \(key.type) value, which no index can key in \(mode)",
                hint: "partition by string, integer, date or timestamp columns, or run the query offline")
        }
    }

    /// Refuses a window node whose input index reads cannot produce.
    public static func checkInput(_ node: WindowAggregateNode, mode: String) throws(TideError) {
        if node.input.indexReadTable == nil {
            throw TideError(
                .featureNotSupported,
                "a window over a subquery with windows, aggregates or unions is not supported in \(mode)",
                hint: "compute the inner values in the same SELECT, or LAST JOIN the subquery instead")
        }
    }

    /// Checks every window of `plan` for online preview.
    public static func checkOnlinePreview(_ plan: PhysicalPlan) throws(TideError) {
        if case .windowAggregate(let node) = plan {
            try checkInput(node, mode: "online mode")
            for window in node.windows { try checkKeys(window, mode: "online mode") }
        }
        for child in plan.children { try checkOnlinePreview(child) }
    }
}
