import TideCore
import TidePlan

/// Implementations of the FeatureSignature family (signatures in TidePlan's FunctionCatalog):
/// the marking functions build a `FeatureSignature`, the formatters turn a row's signatures
/// into one training-sample string (`TrainingSampleFormats`).
enum FeatureSignatureFunctions {
    static func register(into registry: inout FunctionRegistry) {
        let numericOrBool: [SQLType] = [.bool] + SQLType.numericTypes
        for type in numericOrBool {
            registry.scalar("continuous", [type]) { a, _ in marked(.continuous, a) }
            registry.scalar("regression_label", [type]) { a, _ in marked(.regressionLabel, a) }
        }
        for type in [.bool] + SQLType.integerTypes {
            registry.scalar("multiclass_label", [type]) { a, _ in marked(.multiclassLabel, a) }
        }
        registry.scalar("binary_label", [.bool]) { a, _ in marked(.binaryLabel, a) }
        for type in [.bool] + SQLType.integerTypes + [.string, .timestamp, .date] {
            registry.scalar("discrete", [type]) { a, _ in
                FeatureSignature.discrete(try argument(a, 0), bucketSize: nil).value
            }
            for size in [SQLType.int32, .int64] {
                registry.scalar("discrete", [type, size]) { a, _ in
                    FeatureSignature.discrete(try argument(a, 0), bucketSize: try argument(a, 1)).value
                }
            }
        }
        let variadic = FunctionCatalog.featureSignatureType
        registry.scalar("csv", [], variadic: variadic) { a, _ in
            .string(TrainingSampleFormats.csv(try a.map(FeatureSignature.decode)))
        }
        registry.scalar("libsvm", [], variadic: variadic) { a, _ in
            .string(TrainingSampleFormats.libsvm(try a.map(FeatureSignature.decode)))
        }
        registry.scalar("gcformat", [], variadic: variadic) { a, _ in
            .string(TrainingSampleFormats.gcformat(try a.map(FeatureSignature.decode)))
        }
    }

    /// A continuous feature or label of argument 0 (NULL: missing).
    private static func marked(_ kind: FeatureSignature.Kind, _ a: [Value]) -> Value {
        FeatureSignature(kind: kind, text: a.first.flatMap(FeatureSignature.text(of:))).value
    }

    /// Argument `i`, which the signature guarantees is there.
    private static func argument(_ a: [Value], _ i: Int) throws -> Value {
        guard i < a.count else { throw TideError.internal("missing argument \(i)") }
        return a[i]
    }
}
