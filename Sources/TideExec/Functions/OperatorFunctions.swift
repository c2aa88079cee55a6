import TideCore
import TidePlan

/// Implementations of the arithmetic operators (`$add`, `$divide`, ...) the evaluator calls, and
/// of the user-visible `add`. Each overload computes in the result type its signature declares.
enum OperatorFunctions {
    static func register(into registry: inout FunctionRegistry) {
        let binary: [(String, Arithmetic.Operator)] = [
            ("$add", .add), ("add", .add), ("$subtract", .subtract), ("$multiply", .multiply),
            ("$divide", .divide), ("$integer_divide", .integerDivide), ("$modulo", .modulo),
            ("$bitwise_and", .bitwiseAnd), ("$bitwise_or", .bitwiseOr), ("$bitwise_xor", .bitwiseXor),
        ]
        for (name, op) in binary {
            MathFunctions.forEachSignature(name) { signature, result in
                registry.scalar(name, signature.parameters) { args, _ in
                    Arithmetic.apply(op, args[0], args[1], as: result)
                }
            }
        }
        MathFunctions.forEachSignature("$negate") { signature, result in
            registry.scalar("$negate", signature.parameters) { args, _ in Arithmetic.negate(args[0], as: result) }
        }
        MathFunctions.forEachSignature("$bitwise_not") { signature, result in
            registry.scalar("$bitwise_not", signature.parameters) { args, _ in
                guard let x = NumericValues.integer(args[0]) else { return .null }
                return NumericValues.make(~x, as: result)
            }
        }
        MathFunctions.forEachSignature("pmod") { signature, result in
            registry.scalar("pmod", signature.parameters) { args, _ in
                Arithmetic.positiveModulo(args[0], args[1], as: result)
            }
        }
        MathFunctions.forEachSignature("inc") { signature, result in
            registry.scalar("inc", signature.parameters) { args, _ in
                Arithmetic.apply(.add, args[0], .int64(1), as: result)
            }
        }
    }
}
