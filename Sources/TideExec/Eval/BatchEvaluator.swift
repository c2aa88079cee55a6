import TideCore
import TidePlan

/// Compiles a bound expression into a closure over a `ColumnBatch` that produces a whole
/// result column. It shares every kernel, cast and predicate with `RowEvaluator`, so both
/// engines compute the same values; only the loop is arranged by column.
///
/// A large batch is evaluated in parallel, by ranges of rows: each range reads a copy of its
/// part of the columns the expression uses (not of the others) and writes its part of the
/// result in place. An expression that is only a column reference costs nothing and stays
/// whole, as does CASE (its row evaluator reads whole rows).
public struct BatchEvaluator: Sendable {
    private let run: @Sendable (ColumnBatch) throws -> [Value]
    /// The input columns the expression reads, when it is evaluated by ranges of rows.
    private let rangeColumns: [Int]?

    /// Rows from which a batch is evaluated by ranges on every core.
    static let parallelRows = 32_768

    public init(_ expr: BoundExpr, context: FunctionContext, parameters: [Value] = []) throws {
        run = try Self.compile(expr, context: context, parameters: parameters)
        rangeColumns = Self.evaluatesByRanges(expr) ? Self.columns(of: expr) : nil
    }

    public func evaluate(_ batch: ColumnBatch) throws -> [Value] {
        guard let columns = rangeColumns, batch.count >= Self.parallelRows, ParallelWork.cores > 1 else {
            return try run(batch)
        }
        let width = batch.columns.count
        return try ParallelWork.build(batch.count, minimum: Self.parallelRows / 2) { rows, output in
            var part = [[Value]](repeating: [], count: width)
            for c in columns where c < width { part[c] = Array(batch.columns[c][rows]) }
            for value in try run(ColumnBatch(columns: part, count: rows.count)) { output.append(value) }
        }
    }

    /// Whether ranges of rows can be evaluated apart: not for a bare column (nothing to
    /// compute), a constant, or anything with CASE inside.
    private static func evaluatesByRanges(_ expr: BoundExpr) -> Bool {
        switch expr {
        case .literal, .parameter, .column: return false
        default: return !containsCase(expr)
        }
    }

    private static func containsCase(_ expr: BoundExpr) -> Bool {
        switch expr {
        case .literal, .parameter, .column: return false
        case .caseWhen: return true
        case .call(_, let items), .logical(_, let items), .array(let items, _):
            return items.contains(where: containsCase)
        case .cast(let inner, _), .isTest(let inner, _, _), .castCollection(let inner, _): return containsCase(inner)
        case .compare(_, let a, let b): return containsCase(a) || containsCase(b)
        case .inList(let value, let items, _): return containsCase(value) || items.contains(where: containsCase)
        }
    }

    private static func columns(of expr: BoundExpr) -> [Int] {
        var found = Set<Int>()
        expr.collectColumns(into: &found)
        return found.sorted()
    }

    private typealias Column = @Sendable (ColumnBatch) throws -> [Value]

    /// Per-row loops check the statement's timeout and cancel every 65,536 rows.
    private static let interruptMask = (1 << 16) - 1

    private static func compile(_ expr: BoundExpr, context: FunctionContext, parameters: [Value]) throws -> Column {
        func sub(_ e: BoundExpr) throws -> Column { try compile(e, context: context, parameters: parameters) }
        switch expr {
        case .literal, .parameter:
            let constant = try RowEvaluator(expr, context: context, parameters: parameters).evaluate([])
            return { batch in Array(repeating: constant, count: batch.count) }
        case .column(let ref):
            let index = ref.index
            return { batch in
                index < batch.columns.count ? batch.columns[index] : Array(repeating: .null, count: batch.count)
            }
        case .call(let signature, let arguments):
            let compiled = try arguments.map(sub)
            guard case .scalar(let kernel) = FunctionLibrary.registry.implementation(for: signature) else {
                throw TideError.internal("no scalar implementation for \(signature.id)")
            }
            let propagate = signature.nullPropagating
            return { batch in
                var inputs: [[Value]] = []
                for argument in compiled { inputs.append(try argument(batch)) }
                var out: [Value] = []
                out.reserveCapacity(batch.count)
                var values = [Value](repeating: .null, count: inputs.count)
                rows: for r in 0..<batch.count {
                    if r & Self.interruptMask == Self.interruptMask { try context.checkInterrupt() }
                    for a in 0..<inputs.count {
                        let v = inputs[a][r]
                        if propagate, v.isNull {
                            out.append(.null)
                            continue rows
                        }
                        values[a] = v
                    }
                    out.append(try kernel(values, context))
                }
                return out
            }
        case .cast(let inner, let type):
            let compiled = try sub(inner)
            return { batch in
                var out: [Value] = []
                out.reserveCapacity(batch.count)
                for (r, value) in try compiled(batch).enumerated() {
                    if r & Self.interruptMask == Self.interruptMask { try context.checkInterrupt() }
                    out.append(Cast.cast(value, to: type, context: context))
                }
                return out
            }
        case .compare(let op, let a, let b):
            let left = try sub(a)
            let right = try sub(b)
            return { batch in
                let l = try left(batch)
                let r = try right(batch)
                return (0..<batch.count).map { Predicates.compare(op, l[$0], r[$0]) }
            }
        case .logical(let op, let items):
            let compiled = try items.map(sub)
            return { batch in
                let columns = try compiled.map { try $0(batch) }
                return (0..<batch.count).map { r in Predicates.logical(op, columns.map { $0[r] }) }
            }
        case .isTest(let inner, let kind, let negated):
            let compiled = try sub(inner)
            return { batch in try compiled(batch).map { Predicates.isTest($0, kind, negated: negated) } }
        case .inList(let inner, let items, let negated):
            let value = try sub(inner)
            let compiled = try items.map(sub)
            return { batch in
                let v = try value(batch)
                let columns = try compiled.map { try $0(batch) }
                return (0..<batch.count).map { r in Predicates.inList(v[r], columns.map { $0[r] }, negated: negated) }
            }
        case .castCollection(let inner, let type):
            let compiled = try sub(inner)
            return { batch in try compiled(batch).map { Cast.collection($0, to: type, context: context) } }
        case .array(let elements, _):
            let compiled = try elements.map(sub)
            return { batch in
                let columns = try compiled.map { try $0(batch) }
                return (0..<batch.count).map { r in .array(columns.map { $0[r] }) }
            }
        case .caseWhen:
            // CASE evaluates branches lazily per row (a later branch may fail where an earlier
            // one matched), so it runs the row evaluator on each row.
            let row = try RowEvaluator(expr, context: context, parameters: parameters)
            return { batch in try (0..<batch.count).map { try row.evaluate(batch.row($0)) } }
        }
    }
}
