import Foundation
import TideCore
import TidePlan

/// Implementations of the Math family (signatures in TidePlan's FunctionCatalog). Kernels are
/// registered for every overload the catalog declares, computing in the declared result type.
enum MathFunctions {
    static func register(into registry: inout FunctionRegistry) {
        OperatorFunctions.register(into: &registry)
        registerFloating(into: &registry)
        registerRounding(into: &registry)
        registerComparisons(into: &registry)
    }

    /// Calls `body` with each overload of `name` and its scalar result type.
    static func forEachSignature(_ name: String, _ body: (FunctionSignature, DataType) -> Void) {
        for signature in FunctionCatalog.lookup(name)?.signatures ?? [] {
            if let result = signature.returnType.scalar { body(signature, result) }
        }
    }

    /// Registers a one-argument C math function: the float overload uses the float variant.
    static func floatingUnary(
        _ name: String, into registry: inout FunctionRegistry, double: @escaping @Sendable (Double) -> Double,
        float: @escaping @Sendable (Float) -> Float
    ) {
        forEachSignature(name) { signature, result in
            guard signature.parameters.count == 1 else { return }
            registry.scalar(name, signature.parameters) { args, _ in
                if result == .float { return NumericValues.float(args[0]).map { .float(float($0)) } ?? .null }
                return NumericValues.double(args[0]).map { .double(double($0)) } ?? .null
            }
        }
    }

    /// Registers a two-argument C math function (`pow`, `atan2`).
    static func floatingBinary(
        _ name: String, into registry: inout FunctionRegistry, double: @escaping @Sendable (Double, Double) -> Double,
        float: @escaping @Sendable (Float, Float) -> Float
    ) {
        forEachSignature(name) { signature, result in
            guard signature.parameters.count == 2 else { return }
            registry.scalar(name, signature.parameters) { args, _ in
                if result == .float {
                    guard let x = NumericValues.float(args[0]), let y = NumericValues.float(args[1]) else {
                        return .null
                    }
                    return .float(float(x, y))
                }
                guard let x = NumericValues.double(args[0]), let y = NumericValues.double(args[1]) else { return .null }
                return .double(double(x, y))
            }
        }
    }

    /// The C-library functions: trigonometry, exponentials, logarithms, degrees and radians.
    static func registerFloating(into registry: inout FunctionRegistry) {
        floatingUnary("acos", into: &registry, double: { Foundation.acos($0) }, float: { Foundation.acos($0) })
        floatingUnary("asin", into: &registry, double: { Foundation.asin($0) }, float: { Foundation.asin($0) })
        floatingUnary("atan", into: &registry, double: { Foundation.atan($0) }, float: { Foundation.atan($0) })
        floatingUnary("cos", into: &registry, double: { Foundation.cos($0) }, float: { Foundation.cos($0) })
        floatingUnary("sin", into: &registry, double: { Foundation.sin($0) }, float: { Foundation.sin($0) })
        floatingUnary("tan", into: &registry, double: { Foundation.tan($0) }, float: { Foundation.tan($0) })
        // OpenMLDB semantics: cot(x) is cos(x) / sin(x), so cot(0) is +inf rather than NULL.
        floatingUnary(
            "cot", into: &registry, double: { Foundation.cos($0) / Foundation.sin($0) },
            float: { Foundation.cos($0) / Foundation.sin($0) })
        floatingUnary("exp", into: &registry, double: { Foundation.exp($0) }, float: { Foundation.exp($0) })
        floatingUnary("sqrt", into: &registry, double: { $0.squareRoot() }, float: { $0.squareRoot() })
        // OpenMLDB semantics: logarithms of 0 and of negative numbers are -inf and NaN, not NULL.
        for name in ["ln", "log"] {
            floatingUnary(name, into: &registry, double: { Foundation.log($0) }, float: { Foundation.log($0) })
        }
        floatingUnary("log2", into: &registry, double: { Foundation.log2($0) }, float: { Foundation.log2($0) })
        floatingUnary("log10", into: &registry, double: { Foundation.log10($0) }, float: { Foundation.log10($0) })
        floatingBinary(
            "log", into: &registry, double: { Foundation.log($1) / Foundation.log($0) },
            float: { Foundation.log($1) / Foundation.log($0) })
        floatingBinary("pow", into: &registry, double: { Foundation.pow($0, $1) }, float: { Foundation.pow($0, $1) })
        for name in ["atan", "atan2"] {
            floatingBinary(
                name, into: &registry, double: { Foundation.atan2($0, $1) }, float: { Foundation.atan2($0, $1) })
        }
        // OpenMLDB semantics: degrees and radians multiply before dividing (x * π / 180).
        registry.scalar("degrees", [.double]) { args, _ in
            NumericValues.double(args[0]).map { .double($0 * 180 / Double.pi) } ?? .null
        }
        registry.scalar("radians", [.double]) { args, _ in
            NumericValues.double(args[0]).map { .double($0 * Double.pi / 180) } ?? .null
        }
    }

    /// `maximum` and `minimum`, comparing in the wider of the two argument types.
    static func registerComparisons(into registry: inout FunctionRegistry) {
        for (name, wanted) in [("maximum", 1), ("minimum", -1)] {
            forEachSignature(name) { signature, result in
                registry.scalar(name, signature.parameters) { args, _ in
                    let x =
                        NumericValues.isIntegral(result) || result == .float || result == .double
                        ? NumericValues.coerce(args[0], to: result) : args[0]
                    let y =
                        NumericValues.isIntegral(result) || result == .float || result == .double
                        ? NumericValues.coerce(args[1], to: result) : args[1]
                    // OpenMLDB semantics: `x > y ? x : y`, so a NULL or NaN comparison picks y.
                    return Value.compare(x, y) == wanted && !isNaN(x) && !isNaN(y) ? x : y
                }
            }
        }
    }

    private static func isNaN(_ value: Value) -> Bool {
        switch value {
        case .float(let f): return f.isNaN
        case .double(let d): return d.isNaN
        case .null, .bool, .int16, .int32, .int64, .string, .date, .timestamp, .array, .map: return false
        }
    }
}
