import Foundation
import TideCore

/// One feature-signature value: what `continuous(x)`, `discrete(x[, n])` and the label
/// functions produce and what the formatters `csv`, `libsvm` and `gcformat` consume.
///
/// Representation: OpenMLDB passes a (signature code, value, bucket size) tuple between
/// these functions; TideDB has no tuple type, so a signature travels as the SQL value
/// `array<string>` of exactly three elements:
///
/// 1. the kind tag: `continuous`, `discrete`, `binary_label`, `multiclass_label` or
///    `regression_label`;
/// 2. the value already written as the formatters print it (OpenMLDB's `std::to_string`),
///    or NULL for a missing value;
/// 3. the bucket size in decimal: `discrete`'s positive bucket size, else `0`.
///
/// `continuous(1.5)` is `["continuous", "1.500000", "0"]`; `discrete(3, 100)` is
/// `["discrete", "28", "100"]`. Nothing else produces or reads these arrays.
struct FeatureSignature: Sendable, Hashable {
    enum Kind: String, Sendable, Hashable {
        case continuous
        case discrete
        case binaryLabel = "binary_label"
        case multiclassLabel = "multiclass_label"
        case regressionLabel = "regression_label"
    }

    var kind: Kind
    /// The value as the formatters print it; nil when it is missing (NULL).
    var text: String?
    /// `discrete`'s bucket size when it was given and positive, else 0.
    var bucketSize: Int64 = 0

    /// The SQL value that carries this signature.
    var value: Value {
        .array([.string(kind.rawValue), text.map(Value.string) ?? .null, .string(String(bucketSize))])
    }

    /// Decodes a formatter argument: nil for NULL (OpenMLDB has no NULL signature; the
    /// formatters treat it as an unknown one), an error for an array no signature function made.
    static func decode(_ value: Value) throws -> FeatureSignature? {
        switch value {
        case .null: return nil
        case .array(let items):
            guard items.count == 3, case .string(let tag) = items[0], let kind = Kind(rawValue: tag),
                case .string(let bucketText) = items[2], let bucketSize = Int64(bucketText)
            else { throw notASignature }
            switch items[1] {
            case .null: return FeatureSignature(kind: kind, text: nil, bucketSize: bucketSize)
            case .string(let text): return FeatureSignature(kind: kind, text: text, bucketSize: bucketSize)
            case .bool, .int16, .int32, .int64, .float, .double, .date, .timestamp, .array, .map:
                throw notASignature
            }
        case .bool, .int16, .int32, .int64, .float, .double, .string, .date, .timestamp, .map:
            throw notASignature
        }
    }

    private static var notASignature: TideError {
        TideError(
            .invalidParameterValue, "argument is not a feature signature",
            hint: "wrap each column in continuous(), discrete(), binary_label(), multiclass_label() or "
                + "regression_label()")
    }

    /// A number, bool or label as OpenMLDB's `std::to_string` writes it: bools as `1`/`0`,
    /// integers in decimal, floats and doubles with `%f` (`1.500000`, `inf`, `-nan`).
    /// nil for NULL and for values these functions do not take.
    static func text(of value: Value) -> String? {
        switch value {
        case .bool(let b): return b ? "1" : "0"
        case .int16(let v): return String(v)
        case .int32(let v): return String(v)
        case .int64(let v): return String(v)
        case .float(let v): return fixed(Double(v))
        case .double(let v): return fixed(v)
        case .null, .string, .date, .timestamp, .array, .map: return nil
        }
    }

    /// C's `%f`: six decimals, no exponent; `inf`, `-inf`, `nan`, `-nan` as glibc spells them.
    static func fixed(_ x: Double) -> String {
        if x.isNaN { return x.sign == .minus ? "-nan" : "nan" }
        if x.isInfinite { return x < 0 ? "-inf" : "inf" }
        return NumberFormatting.printf("%f", x)
    }

    /// `discrete`'s value: the FarmHash fingerprint of the value's bytes (as `hash64`),
    /// signed; with a bucket size, the unsigned fingerprint modulo the size.
    ///
    /// OpenMLDB semantics: a NULL, zero or negative bucket size makes the feature missing
    /// *and* drops the bucket size (LIBSVM then does not advance its index); a NULL value
    /// with a valid bucket size is missing but keeps the size.
    static func discrete(_ input: Value, bucketSize: Value?) -> FeatureSignature {
        let fingerprint = MiscFunctions.hashBytes(input).map(FarmHash.fingerprint64)
        guard let bucketSize else {
            return FeatureSignature(kind: .discrete, text: fingerprint.map { String(Int64(bitPattern: $0)) })
        }
        guard let size = bucketSize.int64Value, size > 0 else {
            return FeatureSignature(kind: .discrete, text: nil)
        }
        let bucket = fingerprint.map { String($0 % UInt64(size)) }
        return FeatureSignature(kind: .discrete, text: bucket, bucketSize: size)
    }
}
