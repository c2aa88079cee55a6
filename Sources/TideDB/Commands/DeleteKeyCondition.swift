import TideCore
import TideExec
import TidePlan
import TideSQL

/// OpenMLDB's DELETE condition: `column = value [AND column = value ...]`, compared as an
/// index lookup compares keys. The value is converted to the column's type as an inserted
/// value would be (a timestamp column takes epoch milliseconds), and `= NULL` matches NULL.
/// Conditions of any other shape are evaluated as ordinary SQL predicates instead.
struct DeleteKeyCondition {
    /// (column position, value) pairs that must all be equal.
    let equalities: [(column: Int, value: Value)]

    /// Nil unless `condition` is a conjunction of `column = constant` comparisons.
    init?(_ condition: Expr, table: TableDef, context: FunctionContext) throws {
        var equalities: [(column: Int, value: Value)] = []
        for term in Self.conjuncts(condition) {
            guard case .binary(.equal, let lhs, let rhs) = term.kind else { return nil }
            let pair: (QualifiedName, Expr)
            switch (lhs.kind, rhs.kind) {
            case (.column(let name), _) where Self.isConstant(rhs): pair = (name, rhs)
            case (_, .column(let name)) where Self.isConstant(lhs): pair = (name, lhs)
            default: return nil
            }
            guard let index = table.columnIndex(pair.0.name.name) else { return nil }
            let column = table.columns[index]
            let value = try RowEvaluator(try ConstantBinder().bind(pair.1), context: context).evaluate([])
            let converted = try AssignmentCast.assign(
                value, to: column, context: context, what: "DELETE value", position: pair.1.location.location)
            equalities.append((index, converted))
        }
        guard !equalities.isEmpty else { return nil }
        self.equalities = equalities
    }

    /// OpenMLDB deletes the rows matching comparisons joined by AND; a condition with OR
    /// would delete across keys in one statement, which it refuses (0A000).
    static func refuseDisjunction(_ condition: Expr) throws(TideError) {
        for term in conjuncts(condition) {
            if case .binary(let op, _, _) = term.kind, op == .or || op == .xor {
                throw TideError(
                    .featureNotSupported,
                    "DELETE conditions are comparisons joined by AND; \(op.rawValue) is not supported",
                    hint: "run one DELETE per alternative", position: term.location.location)
            }
        }
    }

    func matches(_ row: [Value]) -> Bool {
        equalities.allSatisfy { row[$0.column] == $0.value }
    }

    private static func conjuncts(_ expr: Expr) -> [Expr] {
        if case .binary(.and, let a, let b) = expr.kind { return conjuncts(a) + conjuncts(b) }
        return [expr]
    }

    /// A literal, possibly negated or cast: what a key value is written as.
    private static func isConstant(_ expr: Expr) -> Bool {
        switch expr.kind {
        case .literal: return true
        case .unary(_, let inner), .cast(let inner, _): return isConstant(inner)
        default: return false
        }
    }
}
