import TideCore
import TidePlan

/// The stored tables a plan reads (scans, join sides, window union sources), each once,
/// in first-read order: the deployment info's `dbs` and `tables`, and what the deployment
/// cache re-checks against the catalog.
public enum PlanTables {
    /// Every table `plan` scans.
    public static func tables(of plan: PhysicalPlan) -> [TableDef] {
        var tables: [TableDef] = []
        visit(plan, into: &tables)
        return tables
    }

    private static func visit(_ plan: PhysicalPlan, into tables: inout [TableDef]) {
        switch plan {
        case .scan(let node):
            let seen = tables.contains { $0.database == node.table.database && $0.name == node.table.name }
            if !seen { tables.append(node.table) }
        case .singleRow: return
        case .filter(let node): visit(node.input, into: &tables)
        case .project(let node): visit(node.input, into: &tables)
        case .windowAggregate(let node):
            visit(node.input, into: &tables)
            for window in node.windows {
                for union in window.unions { visit(union, into: &tables) }
            }
        case .lastJoin(let node):
            visit(node.left, into: &tables)
            visit(node.right, into: &tables)
        case .join(let node):
            visit(node.left, into: &tables)
            visit(node.right, into: &tables)
        case .groupAggregate(let node): visit(node.input, into: &tables)
        case .sort(let node): visit(node.input, into: &tables)
        case .limit(let node): visit(node.input, into: &tables)
        case .union(let node):
            for input in node.inputs { visit(input, into: &tables) }
        case .distinct(let node): visit(node.input, into: &tables)
        }
    }
}
