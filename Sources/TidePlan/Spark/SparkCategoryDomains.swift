import TideCore

/// The categories a `*_cate` aggregate's key takes, read from the data before the query is
/// lowered for good. Knowing them, the emitter computes each category's aggregate as a
/// conditional window aggregate (`sum(IF(key <=> 'dining', amount, NULL)) OVER w`), which
/// Spark evaluates in its generated code, instead of collecting every frame's rows into an
/// array and folding it with lambdas (tens of times slower on a 1,000-row frame).
///
/// Lowering runs twice when a plan has such aggregates: the first pass records a query per
/// key (`SELECT DISTINCT key ...` over the window's rows) and falls back to the array form;
/// the engine runs those queries (`pending`) and records their answers (`record`); the second
/// pass uses them. A key with more than `limit` categories keeps the array form.
public final class SparkCategoryDomains {
    /// The most categories a key may have to be lowered one aggregate per category.
    public static let limit = 64

    private var known: [String: [Value]] = [:]
    /// The queries whose answers are not known yet, in the order they were first asked for.
    public private(set) var pending: [String] = []

    public init() {}

    /// The categories the query answered, or nil (recorded as pending) before it has run.
    func categories(query: String) -> [Value]? {
        if let values = known[query] { return values }
        if !pending.contains(query) { pending.append(query) }
        return nil
    }

    /// The rows a pending query returned (its only column, at most `limit + 1` rows).
    public func record(query: String, values: [Value]) {
        known[query] = values
        pending.removeAll { $0 == query }
    }

    /// The query for the distinct non-NULL values of `key` over `rows`, one more than the limit
    /// at most (so a key with too many categories is seen as such).
    static func query(key: String, rows: String) -> String {
        "SELECT DISTINCT k FROM (SELECT \(key) AS k FROM \(rows)) AS d WHERE k IS NOT NULL LIMIT \(limit + 1)"
    }
}
