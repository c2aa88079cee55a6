import TideCore

/// How many generated cases exercised each feature, so a long run shows that the generator
/// reaches every frame form and attribute (and a quiet run is not a vacuous one).
public struct ReferenceCoverage: Sendable {
    public private(set) var counts: [String: Int] = [:]

    public init() {}

    /// Tallies one case.
    public mutating func add(_ query: ReferenceQuery, tables: ReferenceTables) {
        var features: [String] = []
        let times = tables.main.map { ReferenceSchema.time($0, column: ReferenceSchema.ts) }
        if times != times.sorted() { features.append("out-of-order arrival") }
        if Set(times).count < times.count { features.append("ts ties") }
        if tables.main.contains(where: { $0[ReferenceSchema.k].isNull }) { features.append("NULL key") }
        if ReferenceEvaluator.evaluate(query, tables: tables, mode: .batch)
            != ReferenceEvaluator.evaluate(query, tables: tables, mode: .request)
        {
            features.append("request differs from batch")
        }
        if query.windows.count > 1 { features.append("two windows") }
        for window in query.windows {
            features.append(window.unit.rawValue)
            if window.unionCount > 0 { features.append("UNION x\(window.unionCount)") }
            if window.partitionBy.count > 1 { features.append("two-column PARTITION BY") }
            if window.maxSize != nil { features.append("MAXSIZE") }
            if window.excludeCurrentRow { features.append("EXCLUDE CURRENT_ROW") }
            if window.excludeCurrentTime { features.append("EXCLUDE CURRENT_TIME") }
            if window.instanceNotInWindow { features.append("INSTANCE_NOT_IN_WINDOW") }
            if window.start == .unboundedPreceding { features.append("UNBOUNDED start") }
            if case .preceding(_, _, true) = window.start { features.append("OPEN start") }
            if case .preceding(_, _, true) = window.end { features.append("OPEN end") }
            let historyOnly =
                window.unit == .rows
                ? ReferenceFrame.rowsEndOffset(window.end) < 0
                : ReferenceFrame.rangeUpperBound(window.end, t: 0) < 0
            if historyOnly { features.append("history-only end") }
        }
        if let join = query.lastJoin { features.append(join.residual ? "LAST JOIN + residual" : "LAST JOIN") }
        if query.filter != nil { features.append("WHERE") }
        for feature in features { counts[feature, default: 0] += 1 }
    }

    /// One line per feature, most frequent first.
    public var report: String {
        counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { "  \($0.key): \($0.value)" }
            .joined(separator: "\n")
    }
}
