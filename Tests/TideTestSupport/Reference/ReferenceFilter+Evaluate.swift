import TideCore

extension ReferenceFilter {
    /// Whether a main-table row passes the WHERE condition (SQL: a NULL comparison is not true).
    func accepts(_ row: [Value]) -> Bool {
        guard let v = row[ReferenceSchema.v].int64Value else { return orNull }
        return v > Int64(threshold)
    }
}
