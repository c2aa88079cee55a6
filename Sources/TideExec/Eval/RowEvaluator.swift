import TideCore
import TidePlan

/// Compiles a bound expression into a closure over one row. The request engine calls it per
/// request; the batch engine's column evaluator shares every kernel it uses.
public struct RowEvaluator: Sendable {
    private let run: @Sendable ([Value]) throws -> Value

    /// - Parameters:
    ///   - parameters: values of `$1`, `$2`, ... in order.
    public init(_ expr: BoundExpr, context: FunctionContext, parameters: [Value] = []) throws {
        run = try Self.compile(expr, context: context, parameters: parameters)
    }

    public func evaluate(_ row: [Value]) throws -> Value { try run(row) }

    private static func compile(_ expr: BoundExpr, context: FunctionContext, parameters: [Value]) throws
        -> @Sendable ([Value]) throws -> Value
    {
        func sub(_ e: BoundExpr) throws -> @Sendable ([Value]) throws -> Value {
            try compile(e, context: context, parameters: parameters)
        }
        switch expr {
        case .literal(let value, _):
            return { _ in value }
        case .column(let ref):
            let index = ref.index
            return { row in index < row.count ? row[index] : .null }
        case .parameter(let n, let type):
            guard n >= 1, n <= parameters.count else {
                throw TideError(.invalidParameterValue, "no value was given for parameter $\(n)")
            }
            let value = parameters[n - 1]
            if let target = type.scalar, !value.isNull, value.dataType != target {
                let cast = Cast.cast(value, to: target, context: context)
                return { _ in cast }
            }
            return { _ in value }
        case .call(let signature, let arguments):
            let compiled = try arguments.map(sub)
            guard case .scalar(let kernel) = FunctionLibrary.registry.implementation(for: signature) else {
                throw TideError.internal("no scalar implementation for \(signature.id)")
            }
            let propagate = signature.nullPropagating
            return { row in
                var values: [Value] = []
                values.reserveCapacity(compiled.count)
                for argument in compiled {
                    let v = try argument(row)
                    if propagate, v.isNull { return .null }
                    values.append(v)
                }
                return try kernel(values, context)
            }
        case .cast(let inner, let type):
            let compiled = try sub(inner)
            return { row in Cast.cast(try compiled(row), to: type, context: context) }
        case .compare(let op, let a, let b):
            let left = try sub(a)
            let right = try sub(b)
            return { row in Predicates.compare(op, try left(row), try right(row)) }
        case .logical(let op, let items):
            let compiled = try items.map(sub)
            return { row in
                var values: [Value] = []
                for item in compiled { values.append(try item(row)) }
                return Predicates.logical(op, values)
            }
        case .isTest(let inner, let kind, let negated):
            let compiled = try sub(inner)
            return { row in Predicates.isTest(try compiled(row), kind, negated: negated) }
        case .inList(let inner, let items, let negated):
            let value = try sub(inner)
            let compiled = try items.map(sub)
            return { row in
                let v = try value(row)
                var candidates: [Value] = []
                for item in compiled { candidates.append(try item(row)) }
                return Predicates.inList(v, candidates, negated: negated)
            }
        case .castCollection(let inner, let type):
            let compiled = try sub(inner)
            return { row in Cast.collection(try compiled(row), to: type, context: context) }
        case .array(let elements, _):
            let compiled = try elements.map(sub)
            return { row in
                var values: [Value] = []
                values.reserveCapacity(compiled.count)
                for element in compiled { values.append(try element(row)) }
                return .array(values)
            }
        case .caseWhen(let branches, let otherwise, _):
            let compiled = try branches.map { (try sub($0.condition), try sub($0.result)) }
            let fallback = try otherwise.map(sub)
            return { row in
                for (condition, result) in compiled where Predicates.isTrue(try condition(row)) {
                    return try result(row)
                }
                return try fallback?(row) ?? .null
            }
        }
    }
}
