import TideBatch
import TideCore
import TideExec
import TideOnline

extension Database {
    /// How request mode computes a LAST JOIN's right-side subquery that no index read
    /// produces (a union, a join, a window or an aggregate over another table's rows): the
    /// batch engine over the online store, as online preview computes it, so the request sees
    /// the rows the same query sees there. Holds the database weakly: a compiled deployment
    /// keeps it, and the database must still close when its last session goes.
    func requestSubqueries(context: FunctionContext, asOf: AsOfIndexReader? = nil) -> RequestEngine.SubqueryRunner {
        { [weak self] plan in
            guard let self else { throw TideError(.adminShutdown, "the database is closed") }
            let sources = OnlineSources(database: self, rowLimit: OnlineSources.defaultRowLimit, asOf: asOf)
            return try BatchEngine(sources: sources, context: context).rows(plan)
        }
    }
}
