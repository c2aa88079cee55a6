import TideCore

extension FunctionCatalog {
    /// The math family: the user-visible math functions, followed by the arithmetic operators.
    static let math: [FunctionDefinition] = mathFunctions + operators

    /// The numeric types in OpenMLDB's widening order, with `bool` as the narrowest "number".
    static let arithmeticOperandTypes: [SQLType] = [.bool] + SQLType.numericTypes

    /// The wider of two numeric (or bool) types, as OpenMLDB types `a + b`, `a % b`, `maximum(a, b)`.
    /// OpenMLDB semantics: int16 + int16 stays int16 and int64 + float is float.
    static func widerArithmeticType(_ a: SQLType, _ b: SQLType) -> SQLType {
        let order = arithmeticOperandTypes
        let i = order.firstIndex(of: a) ?? 0
        let j = order.firstIndex(of: b) ?? 0
        return order[max(i, j)]
    }

    /// One overload per type, each returning `returns(type)`.
    fileprivate static func mathUnary(_ name: String, _ types: [SQLType], returns: (SQLType) -> SQLType)
        -> [FunctionSignature]
    {
        types.map { FunctionSignature.scalar(name, [$0], returns: returns($0)) }
    }

    /// One overload per ordered pair of types, each returning `returns(left, right)`.
    fileprivate static func mathBinary(
        _ name: String, _ types: [SQLType], returns: (SQLType, SQLType) -> SQLType
    ) -> [FunctionSignature] {
        types.flatMap { a in types.map { b in FunctionSignature.scalar(name, [a, b], returns: returns(a, b)) } }
    }

    /// OpenMLDB semantics: C math on int16/int32/int64/double returns double; the float overload
    /// calls the `f` variant (`sinf`) and returns float; bool is cast to double first.
    fileprivate static func cMathUnary(_ name: String) -> [FunctionSignature] {
        mathUnary(name, arithmeticOperandTypes) { $0 == .float ? .float : .double }
    }

    /// Two-argument C math (`pow`, `atan2`): float only when both arguments are float.
    fileprivate static func cMathBinary(_ name: String) -> [FunctionSignature] {
        mathBinary(name, arithmeticOperandTypes) { $0 == .float && $1 == .float ? .float : .double }
    }

    /// The user-visible math functions.
    fileprivate static let mathFunctions: [FunctionDefinition] = [
        FunctionDefinition(
            "abs", summary: "absolute value",
            // OpenMLDB semantics: int16 → int32; float and bool are computed as double.
            signatures: mathUnary("abs", arithmeticOperandTypes, returns: int32Int64OrDouble)),
        FunctionDefinition("acos", summary: "arc cosine", signatures: cMathUnary("acos")),
        FunctionDefinition("asin", summary: "arc sine", signatures: cMathUnary("asin")),
        FunctionDefinition(
            "atan", summary: "arc tangent of x, or of y / x with two arguments",
            signatures: cMathUnary("atan") + cMathBinary("atan")),
        FunctionDefinition("atan2", summary: "arc tangent of y / x", signatures: cMathBinary("atan2")),
        FunctionDefinition(
            "ceil", aliases: ["ceiling"], summary: "smallest integer not less than x",
            signatures: integralRounding("ceil")),
        FunctionDefinition("cos", summary: "cosine", signatures: cMathUnary("cos")),
        FunctionDefinition("cot", summary: "cotangent", signatures: cMathUnary("cot")),
        FunctionDefinition(
            "degrees", summary: "radians to degrees", signatures: [.scalar("degrees", [.double], returns: .double)]),
        FunctionDefinition("exp", summary: "e raised to x", signatures: cMathUnary("exp")),
        FunctionDefinition(
            "floor", summary: "largest integer not greater than x", signatures: integralRounding("floor")),
        FunctionDefinition("ln", summary: "natural logarithm", signatures: cMathUnary("ln")),
        FunctionDefinition(
            "log", summary: "natural logarithm of x, or log(base, x)",
            signatures: cMathUnary("log") + mathBinary("log", arithmeticOperandTypes) { _, _ in .double }),
        FunctionDefinition("log10", summary: "base-10 logarithm", signatures: cMathUnary("log10")),
        FunctionDefinition("log2", summary: "base-2 logarithm", signatures: cMathUnary("log2")),
        FunctionDefinition(
            "pmod", summary: "positive modulo; NULL when the divisor is 0",
            signatures: mathBinary("pmod", arithmeticOperandTypes, returns: widerArithmeticType)),
        FunctionDefinition(
            "pow", aliases: ["power"], summary: "x raised to y", signatures: cMathBinary("pow")),
        FunctionDefinition(
            "radians", summary: "degrees to radians", signatures: [.scalar("radians", [.double], returns: .double)]),
        FunctionDefinition(
            "round", summary: "round half away from zero to d decimal places (HALF_UP)",
            // OpenMLDB semantics: the result has the type of the first argument.
            signatures: mathUnary("round", SQLType.numericTypes) { $0 }
                + SQLType.numericTypes.map { .scalar("round", [$0, .int32], returns: $0) }),
        FunctionDefinition("sin", summary: "sine", signatures: cMathUnary("sin")),
        FunctionDefinition("sqrt", summary: "square root", signatures: cMathUnary("sqrt")),
        FunctionDefinition("tan", summary: "tangent", signatures: cMathUnary("tan")),
        FunctionDefinition(
            "truncate", summary: "x rounded toward zero",
            // OpenMLDB semantics: int16/int32 → int32, int64 and double keep their type, float → double.
            signatures: mathUnary("truncate", arithmeticOperandTypes, returns: int32Int64OrDouble)),
        FunctionDefinition("inc", summary: "x + 1", signatures: mathUnary("inc", SQLType.numericTypes) { $0 }),
        FunctionDefinition(
            "add", summary: "x + y",
            signatures: mathBinary("add", arithmeticOperandTypes, returns: widerArithmeticType)
                + timestampArithmetic("add", commutative: true)),
        FunctionDefinition("maximum", summary: "the larger of two values", signatures: comparisonSignatures("maximum")),
        FunctionDefinition(
            "minimum", summary: "the smaller of two values", signatures: comparisonSignatures("minimum")),
    ]

    /// int16/int32 → int32, int64 → int64, anything else → double (`abs`, `truncate`).
    fileprivate static func int32Int64OrDouble(_ type: SQLType) -> SQLType {
        if type == .int16 || type == .int32 { return .int32 }
        return type == .int64 ? .int64 : .double
    }

    /// `ceil`/`floor`: OpenMLDB returns int64 for integers and double for float, double and bool.
    fileprivate static func integralRounding(_ name: String) -> [FunctionSignature] {
        mathUnary(name, arithmeticOperandTypes) { $0.scalar?.isInteger == true ? .int64 : .double }
    }

    /// `maximum`/`minimum`: numeric pairs meet at the wider type; other scalars only with themselves.
    /// OpenMLDB semantics: `x > y ? x : y`, where a NULL comparison picks y, so NULLs do not simply
    /// propagate (`maximum(NULL, 1)` is 1, `maximum(1, NULL)` is NULL).
    fileprivate static func comparisonSignatures(_ name: String) -> [FunctionSignature] {
        let pairs =
            arithmeticOperandTypes.flatMap { a in arithmeticOperandTypes.map { b in (a, b, widerArithmeticType(a, b)) }
            }
            + [SQLType.string, .date, .timestamp].map { ($0, $0, $0) }
        return pairs.map { .scalar(name, [$0.0, $0.1], returns: $0.2, nullPropagating: false) }
    }

    /// `timestamp ± integer` (and `integer + timestamp` when commutative) → timestamp.
    fileprivate static func timestampArithmetic(_ name: String, commutative: Bool) -> [FunctionSignature] {
        let integral: [SQLType] = [.bool] + SQLType.integerTypes
        var result = integral.map { FunctionSignature.scalar(name, [.timestamp, $0], returns: .timestamp) }
        if commutative {
            result += integral.map { FunctionSignature.scalar(name, [$0, .timestamp], returns: .timestamp) }
            result.append(.scalar(name, [.timestamp, .timestamp], returns: .timestamp))
        }
        return result
    }

    /// The arithmetic and bitwise operators, under reserved `$` names the evaluator calls.
    /// OpenMLDB semantics: the result has the wider operand type (int16 stays int16, bool op bool is
    /// bool); `/` is always double; integer overflow wraps; division or modulo by zero is NULL.
    static let operators: [FunctionDefinition] = [
        FunctionDefinition(
            "$add", summary: "a + b",
            signatures: mathBinary("$add", arithmeticOperandTypes, returns: widerArithmeticType)
                + timestampArithmetic("$add", commutative: true)),
        FunctionDefinition(
            "$subtract", summary: "a - b",
            signatures: mathBinary("$subtract", arithmeticOperandTypes, returns: widerArithmeticType)
                + timestampArithmetic("$subtract", commutative: false)),
        FunctionDefinition(
            "$multiply", summary: "a * b",
            signatures: mathBinary("$multiply", arithmeticOperandTypes, returns: widerArithmeticType)
        ),
        FunctionDefinition(
            "$divide", summary: "a / b as double",
            signatures: mathBinary("$divide", arithmeticOperandTypes) { _, _ in .double }),
        FunctionDefinition(
            "$integer_divide", summary: "a DIV b",
            signatures: mathBinary("$integer_divide", [.bool] + SQLType.integerTypes, returns: widerArithmeticType)),
        FunctionDefinition(
            "$modulo", summary: "a % b",
            signatures: mathBinary("$modulo", arithmeticOperandTypes, returns: widerArithmeticType)),
        FunctionDefinition("$negate", summary: "-a", signatures: mathUnary("$negate", arithmeticOperandTypes) { $0 }),
        FunctionDefinition(
            "$bitwise_and", summary: "a & b",
            signatures: mathBinary("$bitwise_and", SQLType.integerTypes, returns: widerArithmeticType)),
        FunctionDefinition(
            "$bitwise_or", summary: "a | b",
            signatures: mathBinary("$bitwise_or", SQLType.integerTypes, returns: widerArithmeticType)
        ),
        FunctionDefinition(
            "$bitwise_xor", summary: "a ^ b",
            signatures: mathBinary("$bitwise_xor", SQLType.integerTypes, returns: widerArithmeticType)),
        FunctionDefinition(
            "$bitwise_not", summary: "~a", signatures: mathUnary("$bitwise_not", SQLType.integerTypes) { $0 }),
    ]
}
