import Testing
import TideCore
import TidePlan
import TideTestSupport

/// Online preview reads the main table in OpenMLDB's tablet order wherever the order reaches
/// the result, and in arrival order (no sort of every row) where it cannot.
@Suite struct TabletOrderRuleTests {
    let catalog: InMemoryCatalog

    init() throws {
        catalog = try PlanTesting.catalog([
            "CREATE TABLE t (id int, card string, amount double, ts timestamp, INDEX(KEY=card, TS=ts))"
        ])
    }

    /// The `tabletOrder` flag of every scan of `sql`'s plan after the rule, outermost first.
    private func scanOrders(_ sql: String) throws -> [Bool] {
        var orders: [Bool] = []
        func walk(_ plan: PhysicalPlan) {
            switch plan {
            case .scan(let scan): orders.append(scan.tabletOrder)
            case .filter(let node): walk(node.input)
            case .project(let node): walk(node.input)
            case .limit(let node): walk(node.input)
            case .sort(let node): walk(node.input)
            case .distinct(let node): walk(node.input)
            case .groupAggregate(let node): walk(node.input)
            case .windowAggregate(let node): walk(node.input)
            case .lastJoin(let node):
                walk(node.left)
                walk(node.right)
            case .join(let node):
                walk(node.left)
                walk(node.right)
            case .union, .singleRow: break
            }
        }
        walk(TabletOrderRule.apply(try PlanTesting.bind(sql, catalog: catalog).plan))
        return orders
    }

    @Test("counts, minima and maxima of all (filtered) rows read in arrival order")
    func orderFreeAggregates() throws {
        #expect(try scanOrders("SELECT count(*) FROM t") == [false])
        #expect(try scanOrders("SELECT count(id), min(card), max(ts) FROM t WHERE amount > 1") == [false])
        #expect(try scanOrders("SELECT distinct_count(card), count_where(id, amount > 2) FROM t") == [false])
    }

    @Test("groups, order-dependent aggregates and limited inputs keep the tablet order")
    func orderReachesTheResult() throws {
        #expect(try scanOrders("SELECT card, count(*) FROM t GROUP BY card") == [true])
        #expect(try scanOrders("SELECT sum(amount) FROM t") == [true])
        #expect(try scanOrders("SELECT count(*), avg(amount) FROM t") == [true])
        // Of 0.0 and -0.0 (equal), min and max report the first one seen.
        #expect(try scanOrders("SELECT min(amount) FROM t") == [true])
        #expect(try scanOrders("SELECT count(*) FROM (SELECT * FROM t LIMIT 3) AS s") == [true])
        #expect(try scanOrders("SELECT * FROM t LIMIT 3") == [true])
    }
}
