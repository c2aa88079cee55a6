import TideCore
import TideSQL

/// Binds AST expressions to typed `BoundExpr`s over one scope.
///
/// After aggregation, expressions see the aggregate node's output: `aggregateSlots` maps
/// each aggregate call to the column holding its value and `groupKeys` maps grouped input
/// columns to their key column; any other input column is a grouping error.
struct ExpressionBinder {
    var scope: Scope
    /// Which clause is being bound, for messages ("WHERE", "the select list").
    var clause: String
    var parameterTypes: [Int: SQLType] = [:]
    var parameterSink: ParameterTypeSink?
    /// Aggregate calls computed upstream → output column.
    var aggregateSlots: [FunctionCall: Int] = [:]
    /// Whole expressions computed upstream (GROUP BY keys) → output column.
    var expressionSlots: [Expr: Int] = [:]
    /// Set after GROUP BY: input scope and grouped input column → key column.
    var grouping: (input: Scope, keys: [Int: Int])?

    init(scope: Scope, clause: String, parameterTypes: [Int: SQLType] = [:]) {
        self.scope = scope
        self.clause = clause
        self.parameterTypes = parameterTypes
    }

    /// Binds a condition (WHERE, HAVING, ON): it must be boolean.
    func bindCondition(_ expr: Expr) throws(TideError) -> BoundExpr {
        try boolean(try bind(expr), at: expr.location)
    }

    func bind(_ expr: Expr) throws(TideError) -> BoundExpr {
        if let slot = expressionSlots[expr] { return column(slot) }
        switch expr.kind {
        case .literal(let literal): return Self.bindLiteral(literal)
        case .column(let name): return try bindColumn(name)
        case .parameter(let n): return .parameter(n, parameterTypes[n] ?? .null)
        case .variable(let name, _):
            throw BinderErrors.unsupported(
                "variable @@\(name) cannot be used in an expression", at: expr.location,
                hint: "use SHOW VARIABLES to read session variables")
        case .unary(let op, let operand): return try bindUnary(op, operand, at: expr.location)
        case .binary(let op, let left, let right): return try bindBinary(op, left, right, at: expr.location)
        case .isTest(let operand, let test, let negated):
            let bound = try bind(operand)
            let kind: IsTestKind
            switch test {
            case .null: kind = .null
            case .true: kind = .true
            case .false: kind = .false
            }
            return .isTest(bound, kind, negated: negated)
        case .between(let value, let low, let high, let negated):
            let v = try Self.copyable(try bind(value), at: value.location)
            let lower = try compare(.greaterOrEqual, v, try bind(low), at: expr.location)
            let upper = try compare(.lessOrEqual, v, try bind(high), at: expr.location)
            let both = BoundExpr.logical(.and, [lower, upper])
            return negated ? .logical(.not, [both]) : both
        case .inList(let value, let items, let negated):
            let v = try bind(value)
            var bound: [BoundExpr] = []
            for item in items {
                var b = try bind(item)
                if TypeRules.commonType(v.type, b.type) == nil, b.type != .null, let target = v.type.scalar,
                    let source = b.type.scalar,
                    TypeRules.castSupported(from: source, to: target)
                {
                    // OpenMLDB semantics: IN list values are converted to the tested value's type.
                    b = .cast(b, target)
                }
                guard TypeRules.comparable(v.type, b.type) else {
                    throw BinderErrors.typeMismatch(
                        "IN list value of type \(b.type) cannot match \(v.type)", at: item.location)
                }
                bound.append(b)
            }
            return .inList(v, bound, negated: negated)
        case .inQuery:
            throw BinderErrors.unsupported(
                "IN (subquery) is not supported", at: expr.location,
                hint: "use LAST JOIN to look up rows of another table")
        case .like(let like): return try bindLike(like, at: expr.location)
        case .caseWhen(let c): return try bindCase(c, at: expr.location)
        case .cast(let value, let type):
            guard case .scalar(let target, _) = type else {
                return try Self.castCollection(try bind(value), to: type, at: expr.location)
            }
            let bound = try bind(value)
            if let source = bound.type.scalar, !TypeRules.castSupported(from: source, to: target) {
                throw BinderErrors.typeMismatch("cannot cast \(source) to \(target)", at: expr.location)
            }
            return .cast(bound, target)
        case .function(let call): return try bindCall(call, at: expr.location)
        case .subquery:
            throw BinderErrors.unsupported(
                "scalar subqueries are not supported", at: expr.location,
                hint: "use LAST JOIN to look up a value from another table")
        case .exists:
            throw BinderErrors.unsupported("EXISTS is not supported", at: expr.location)
        case .array(let declared, let elements):
            let array = try bindArray(elements, at: expr.location)
            guard let declared else { return array }
            return try Self.castCollection(
                array, to: .array(element: declared, elementNotNull: false), at: expr.location)
        case .element(let base, let index):
            return try bindFunction("$element", [try bind(base), try bind(index)], at: expr.location)
        }
    }

    func column(_ index: Int) -> BoundExpr {
        let c = scope.columns[index]
        return .column(ColumnReference(index: index, name: c.name, type: c.type))
    }

    static func bindLiteral(_ literal: Literal) -> BoundExpr {
        switch literal {
        case .null: return .literal(.null, .null)
        case .bool(let b): return .literal(.bool(b), .bool)
        case .integer(let v):
            if let small = Int32(exactly: v) { return .literal(.int32(small), .int32) }
            return .literal(.int64(v), .int64)
        case .long(let v): return .literal(.int64(v), .int64)
        case .double(let v): return .literal(.double(v), .double)
        case .float(let v): return .literal(.float(v), .float)
        case .string(let s): return .literal(.string(s), .string)
        case .interval(let v, let unit):
            return .literal(.int64(v.multipliedReportingOverflow(by: unit.milliseconds).partialValue), .int64)
        }
    }

    /// `expr`, which binding is about to copy; refused (54001) when so large that nested copies
    /// (`v BETWEEN a AND b BETWEEN c AND d ...`) would grow the statement exponentially.
    static func copyable(_ expr: BoundExpr, at location: NodeLocation) throws(TideError) -> BoundExpr {
        if expr.hasMoreNodes(than: BoundExpr.maxCopiedNodes) {
            throw TideError(
                "54001", "statement too complex: an operand of BETWEEN or CASE is too large to evaluate twice",
                position: location.location)
        }
        return expr
    }

    /// An interval literal (`1s`, `30d`) is a duration, not a number: OpenMLDB takes it in frame
    /// bounds and added to or subtracted from a time (`t2.ts BETWEEN t1.ts - 30d AND t1.ts`), so
    /// `100 + 1s` or `1s * 2` is a type error rather than milliseconds.
    static func checkIntervalOperands(
        _ op: BinaryOperator, _ left: (Expr, BoundExpr), _ right: (Expr, BoundExpr), at location: NodeLocation
    ) throws(TideError) {
        func isInterval(_ e: Expr) -> Bool {
            if case .literal(.interval) = e.kind { return true }
            return false
        }
        let leftInterval = isInterval(left.0)
        let rightInterval = isInterval(right.0)
        guard leftInterval || rightInterval else { return }
        let other = leftInterval ? right.1 : left.1
        let timeLike = other.type == .timestamp || other.type == .int64 || other.type == .null
        let additive = op == .add || (op == .subtract && rightInterval)
        if additive, !(leftInterval && rightInterval), timeLike { return }
        throw BinderErrors.typeMismatch(
            "an interval such as 1s can only be added to or subtracted from a timestamp or a bigint time",
            at: location)
    }

    private func bindColumn(_ name: QualifiedName) throws(TideError) -> BoundExpr {
        if let grouping {
            let inputIndex = try grouping.input.resolve(name)
            guard let key = grouping.keys[inputIndex] else {
                throw BinderErrors.grouping(
                    "column \"\(name)\" must appear in the GROUP BY clause or be used in an aggregate function",
                    at: name.location)
            }
            return column(key)
        }
        return column(try scope.resolve(name))
    }

    // MARK: - Operators

    private func bindUnary(_ op: UnaryOperator, _ operand: Expr, at location: NodeLocation) throws(TideError)
        -> BoundExpr
    {
        let bound = try bind(operand)
        switch op {
        case .plus: return bound
        case .minus: return try bindFunction("$negate", [bound], at: location)
        case .bitwiseNot:
            // A NULL literal is a bool to OpenMLDB, so `~NULL` is a bool NULL.
            if case .literal(.null, .null) = bound { return .literal(.null, .scalar(.bool)) }
            return try bindFunction("$bitwise_not", [bound], at: location)
        case .not: return .logical(.not, [try boolean(bound, at: operand.location, anyScalar: true)])
        }
    }

    private func bindBinary(_ op: BinaryOperator, _ left: Expr, _ right: Expr, at location: NodeLocation)
        throws(TideError) -> BoundExpr
    {
        let l = try bind(left)
        let r = try bind(right)
        try Self.checkIntervalOperands(op, (left, l), (right, r), at: location)
        switch op {
        case .and:
            return .logical(
                .and,
                [
                    try boolean(l, at: left.location, anyScalar: true),
                    try boolean(r, at: right.location, anyScalar: true),
                ])
        case .or:
            return .logical(
                .or,
                [
                    try boolean(l, at: left.location, anyScalar: true),
                    try boolean(r, at: right.location, anyScalar: true),
                ])
        case .xor:
            return .logical(
                .xor,
                [
                    try boolean(l, at: left.location, anyScalar: true),
                    try boolean(r, at: right.location, anyScalar: true),
                ])
        case .equal: return try compare(.equal, l, r, at: location)
        case .notEqual: return try compare(.notEqual, l, r, at: location)
        case .less: return try compare(.less, l, r, at: location)
        case .lessOrEqual: return try compare(.lessOrEqual, l, r, at: location)
        case .greater: return try compare(.greater, l, r, at: location)
        case .greaterOrEqual: return try compare(.greaterOrEqual, l, r, at: location)
        case .add: return try bindFunction("$add", [l, r], at: location)
        case .subtract: return try bindFunction("$subtract", [l, r], at: location)
        case .multiply: return try bindFunction("$multiply", [l, r], at: location)
        case .divide: return try bindFunction("$divide", [l, r], at: location)
        case .integerDivide: return try bindFunction("$integer_divide", [l, r], at: location)
        case .modulo: return try bindFunction("$modulo", [l, r], at: location)
        case .bitwiseAnd: return try bindFunction("$bitwise_and", [l, r], at: location)
        case .bitwiseOr: return try bindFunction("$bitwise_or", [l, r], at: location)
        case .bitwiseXor: return try bindFunction("$bitwise_xor", [l, r], at: location)
        }
    }

    /// A condition must be boolean (or NULL); numbers are accepted as OpenMLDB does (non-zero is true).
    func boolean(_ e: BoundExpr, at location: NodeLocation, anyScalar: Bool = false) throws(TideError) -> BoundExpr {
        switch e.type {
        case .scalar(.bool), .null: return e
        case .scalar(let t) where t.isNumeric: return .cast(e, .bool)
        // OpenMLDB semantics: AND/OR/XOR/NOT take any scalar: a non-empty string, a non-zero
        // timestamp and any date are true (`Predicates.isTrue`).
        case .scalar where anyScalar: return e
        default:
            throw BinderErrors.typeMismatch("argument of \(clause) condition must be bool, not \(e.type)", at: location)
        }
    }

    /// A comparison after making both sides comparable (strings meet dates/timestamps as them).
    func compare(_ op: ComparisonOperator, _ l: BoundExpr, _ r: BoundExpr, at location: NodeLocation)
        throws(TideError) -> BoundExpr
    {
        guard TypeRules.comparable(l.type, r.type) else {
            throw BinderErrors.typeMismatch("cannot compare \(l.type) with \(r.type)", at: location)
        }
        parameterSink?.note(l, as: r.type)
        parameterSink?.note(r, as: l.type)
        var left = l
        var right = r
        // OpenMLDB semantics: a string compared with any other scalar compares as text (dates
        // and timestamps in their 'YYYY-MM-DD[ HH:MM:SS]' form), and a bool compared with a
        // number is 0 or 1.
        if l.type == .string, let t = r.type.scalar, t != .string { right = .cast(r, .string) }
        if r.type == .string, let t = l.type.scalar, t != .string { left = .cast(l, .string) }
        if l.type == .bool, let t = r.type.scalar, t.isNumeric { left = .cast(l, t) }
        if r.type == .bool, let t = l.type.scalar, t.isNumeric { right = .cast(r, t) }
        return .compare(op, left, right)
    }

    private func bindLike(_ like: LikeExpr, at location: NodeLocation) throws(TideError) -> BoundExpr {
        let name: String
        switch like.kind {
        case .like: name = "like_match"
        case .ilike: name = "ilike_match"
        case .rlike: name = "regexp_like"
        }
        try Self.checkPattern(
            name, [like.value, like.pattern] + (like.escape.map { [$0] } ?? []), label: like.kind.rawValue)
        var arguments = [try bind(like.value), try bind(like.pattern)]
        if let escape = like.escape {
            // A written ESCAPE of two or more characters is a mistake in the statement (the
            // function form like_match(x, p, 'ab') stays OpenMLDB's "matches nothing").
            if case .literal(.string(let text)) = escape.kind, text.utf8.count > 1 {
                throw TideError(
                    "22025", "invalid escape string '\(text)': ESCAPE takes one character, or '' for none",
                    position: BinderErrors.at(escape.location))
            }
            arguments.append(try bind(escape))
        }
        let call = try bindFunction(name, arguments, at: location)
        return like.negated ? .logical(.not, [call]) : call
    }

    /// LIKE and its function forms (like_match, ilike_match, regexp_like): the pattern is a
    /// string, never a NULL literal (OpenMLDB's rule).
    static func checkPattern(_ name: String, _ arguments: [Expr], label: String? = nil) throws(TideError) {
        let label = label ?? name
        guard ["like_match", "ilike_match", "regexp_like"].contains(name.lowercased()), arguments.count >= 2 else {
            return
        }
        if case .literal(.null) = arguments[1].kind {
            throw BinderErrors.typeMismatch("\(label) needs a string pattern, not NULL", at: arguments[1].location)
        }
    }

    private func bindCase(_ c: CaseExpr, at location: NodeLocation) throws(TideError) -> BoundExpr {
        let operand = try c.operand.map { e throws(TideError) in try Self.copyable(try bind(e), at: e.location) }
        var branches: [CaseBranch] = []
        var resultType: SQLType = .null
        for when in c.whens {
            let condition: BoundExpr
            if let operand {
                condition = try compare(.equal, operand, try bind(when.condition), at: when.condition.location)
            } else {
                condition = try boolean(try bind(when.condition), at: when.condition.location)
            }
            let result = try bind(when.result)
            guard let common = TypeRules.branchType(resultType, result.type) else {
                throw BinderErrors.typeMismatch(
                    "CASE results of types \(resultType) and \(result.type) cannot be matched", at: when.result.location
                )
            }
            resultType = common
            branches.append(CaseBranch(condition: condition, result: result))
        }
        let otherwise = try c.otherwise.map { e throws(TideError) in try bind(e) }
        if let otherwise {
            guard let common = TypeRules.branchType(resultType, otherwise.type) else {
                throw BinderErrors.typeMismatch(
                    "CASE results of types \(resultType) and \(otherwise.type) cannot be matched", at: location)
            }
            resultType = common
        }
        let widened = branches.map {
            CaseBranch(condition: $0.condition, result: Self.widen($0.result, to: resultType))
        }
        return .caseWhen(widened, otherwise: otherwise.map { Self.widen($0, to: resultType) }, type: resultType)
    }

    private func bindArray(_ elements: [Expr], at location: NodeLocation) throws(TideError) -> BoundExpr {
        var bound: [BoundExpr] = []
        var elementType: SQLType = .null
        for element in elements {
            let e = try bind(element)
            guard e.type.scalar != nil || e.type == .null else {
                throw BinderErrors.typeMismatch("array elements must be scalars, not \(e.type)", at: element.location)
            }
            guard let common = TypeRules.commonType(elementType, e.type) else {
                throw BinderErrors.typeMismatch(
                    "array elements of types \(elementType) and \(e.type) cannot be mixed",
                    at: element.location)
            }
            elementType = common
            bound.append(e)
        }
        // All constants: one literal value. Otherwise the elements are computed per row.
        let values = bound.compactMap { e -> Value? in
            if case .literal(let value, _) = e { return value }
            return nil
        }
        if values.count == bound.count { return .literal(.array(values), .array(elementType)) }
        return .array(bound.map { Self.widen($0, to: elementType) }, elementType: elementType)
    }

    // MARK: - Calls

    private func bindCall(_ call: FunctionCall, at location: NodeLocation) throws(TideError) -> BoundExpr {
        if let slot = aggregateSlots[call] { return column(slot) }
        let name = call.name.description
        if call.over != nil {
            throw BinderErrors.window("window function \(name) is not allowed in \(clause)", at: location)
        }
        if let definition = FunctionCatalog.lookup(name), definition.signatures.allSatisfy({ $0.kind == .aggregate }) {
            throw BinderErrors.grouping("aggregate function \(name) is not allowed in \(clause)", at: location)
        }
        if call.star {
            throw BinderErrors.typeMismatch("\(name)(*) is only valid for aggregates", at: location)
        }
        try Self.checkPattern(name, call.arguments)
        var arguments: [BoundExpr] = []
        for argument in call.arguments { arguments.append(try bind(argument)) }
        return try bindFunction(name, arguments, at: location, scalarOnly: true)
    }

    /// Resolves `name` for the arguments' types and inserts the implicit casts it needs.
    func bindFunction(_ name: String, _ arguments: [BoundExpr], at location: NodeLocation, scalarOnly: Bool = false)
        throws(TideError) -> BoundExpr
    {
        var types = arguments.map(\.type)
        // An untyped placeholder in a binary operator takes the other operand's type (`v + $1`),
        // rather than whatever overload accepts NULL first.
        if parameterSink != nil, name.hasPrefix("$"), arguments.count == 2 {
            for (i, argument) in arguments.enumerated() {
                if case .parameter(_, .null) = argument, types[1 - i] != .null { types[i] = types[1 - i] }
            }
        }
        var signature = try FunctionResolver.resolve(name, argumentTypes: types, position: location.location)
        if scalarOnly, signature.kind == .aggregate {
            let scalars = FunctionCatalog.lookup(name)?.signatures.filter { $0.kind == .scalar } ?? []
            guard
                let scalar = scalars.min(by: {
                    (FunctionResolver.matchCost($0, types) ?? .max) < (FunctionResolver.matchCost($1, types) ?? .max)
                }), FunctionResolver.matchCost(scalar, types) != nil
            else {
                throw BinderErrors.grouping("aggregate function \(name) is not allowed in \(clause)", at: location)
            }
            signature = scalar
        }
        if let parameterSink {
            for (i, argument) in arguments.enumerated() {
                let wanted = i < signature.parameters.count ? signature.parameters[i] : signature.variadic
                if let wanted, !signature.acceptsAnyScalar { parameterSink.note(argument, as: wanted) }
            }
        }
        return .call(signature, Self.widenArguments(arguments, to: signature))
    }

    static func widenArguments(_ arguments: [BoundExpr], to signature: FunctionSignature) -> [BoundExpr] {
        if signature.acceptsAnyScalar { return arguments }
        return arguments.enumerated().map { i, argument in
            let wanted =
                i < signature.parameters.count ? signature.parameters[i] : (signature.variadic ?? argument.type)
            return widen(argument, to: wanted)
        }
    }

    /// Wraps `e` in a CAST when its type differs from the scalar `type` (NULL literals adopt it).
    static func widen(_ e: BoundExpr, to type: SQLType) -> BoundExpr {
        guard let target = type.scalar, e.type != type else { return e }
        if case .literal(.null, _) = e { return .literal(.null, type) }
        if e.type == .null { return e }
        return .cast(e, target)
    }
}
