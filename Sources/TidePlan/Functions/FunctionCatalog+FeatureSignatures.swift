import TideCore

extension FunctionCatalog {
    /// The type of a feature-signature value: what `continuous`, `discrete` and the label
    /// functions return and what `csv`, `libsvm` and `gcformat` take. TideExec encodes a
    /// signature as a three-element `array<string>` (kind, value text, bucket size); see
    /// `FeatureSignature` there.
    public static let featureSignatureType: SQLType = .array(.string)

    /// The featureSignatures family (OpenMLDB 0.9): mark columns as continuous or discrete
    /// features or as the label, then format one training sample as CSV, LIBSVM or GCFormat.
    /// The marking functions never return NULL: a NULL input becomes a missing feature.
    static let featureSignatures: [FunctionDefinition] = [
        FunctionDefinition(
            "continuous", summary: "Marks a number as a continuous feature.",
            signatures: numericOrBool.map { marker("continuous", $0) }),
        FunctionDefinition(
            "discrete",
            summary: "Marks a value as a discrete feature: its hash64, or the hash modulo an optional bucket size.",
            signatures: discreteInputs.flatMap { input in
                [[input], [input, .int32], [input, .int64]].map {
                    .scalar("discrete", $0, returns: featureSignatureType, nullPropagating: false)
                }
            }),
        FunctionDefinition(
            "binary_label", summary: "Marks a bool as the sample's binary label.",
            signatures: [marker("binary_label", .bool)]),
        FunctionDefinition(
            "multiclass_label", summary: "Marks an integer as the sample's class label.",
            signatures: ([.bool] + SQLType.integerTypes).map { marker("multiclass_label", $0) }),
        FunctionDefinition(
            "regression_label", summary: "Marks a number as the sample's regression label.",
            signatures: numericOrBool.map { marker("regression_label", $0) }),
        formatter("csv", summary: "One training sample as comma-separated values, in argument order."),
        formatter("libsvm", summary: "One training sample in LIBSVM format: label, then index:value features."),
        formatter("gcformat", summary: "One training sample in GCFormat: label | slot:feature ..."),
    ]

    /// bool and the numeric types, as `continuous` and `regression_label` take them.
    private static let numericOrBool: [SQLType] = [.bool] + SQLType.numericTypes

    /// The value types `discrete` hashes (no floating point, as in OpenMLDB).
    private static let discreteInputs: [SQLType] = [.bool] + SQLType.integerTypes + [.string, .timestamp, .date]

    /// A one-argument marking overload; NULL is passed through to the implementation.
    private static func marker(_ name: String, _ input: SQLType) -> FunctionSignature {
        .scalar(name, [input], returns: featureSignatureType, nullPropagating: false)
    }

    /// A formatter taking any number of feature signatures.
    private static func formatter(_ name: String, summary: String) -> FunctionDefinition {
        FunctionDefinition(
            name, summary: summary,
            signatures: [
                .scalar(name, [], variadic: featureSignatureType, returns: .string, nullPropagating: false)
            ])
    }
}
