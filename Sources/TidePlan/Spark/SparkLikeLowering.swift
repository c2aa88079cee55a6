import TideCore

/// `like_match` / `ilike_match` in Spark SQL, with TideDB's meaning (TideExec's
/// `LikePattern`): the pattern is matched on UTF-8 bytes, the escape makes whatever byte
/// follows it literal, a trailing escape matches nothing, and ILIKE folds ASCII letters only.
/// The pattern and escape must be constants: they are rewritten here into a Spark pattern
/// with `\` as its escape, and ILIKE becomes LIKE over both sides with A-Z translated to a-z.
/// `_` matches one byte in TideDB and one character in Spark; they agree on ASCII text, and a
/// pattern with `_` raises an error in Spark on a value with other characters rather than
/// answer differently.
enum SparkLikeLowering {
    static func emit(
        target: String, pattern: BoundExpr, escape: BoundExpr?, caseInsensitive: Bool, name: String
    ) throws(TideError) -> String {
        guard case .literal(let patternValue, _) = pattern, let escapeValue = try escapeValue(escape) else {
            throw SparkLowering.unsupported("\(name) with a pattern or escape that is not a constant")
        }
        guard case .string(let patternText) = patternValue, case .string(let escapeText) = escapeValue else {
            return "CAST(NULL AS BOOLEAN)"  // a NULL pattern or escape: NULL
        }
        let escapeBytes = Array(escapeText.utf8)
        if escapeBytes.count > 1 { return "IF(\(target) IS NULL, NULL, FALSE)" }
        let escapeScalar = escapeBytes.first.map { Unicode.Scalar($0) }
        var spark = ""
        var hasSingle = false
        var scalars = patternText.unicodeScalars.makeIterator()
        func literal(_ scalar: Unicode.Scalar) {
            let folded = caseInsensitive ? fold(scalar) : scalar
            if folded == "%" || folded == "_" || folded == "\\" { spark += "\\" }
            spark.unicodeScalars.append(folded)
        }
        while let scalar = scalars.next() {
            if let escapeScalar, scalar == escapeScalar {
                guard let next = scalars.next() else { return "IF(\(target) IS NULL, NULL, FALSE)" }
                literal(next)
            } else if scalar == "%" {
                spark += "%"
            } else if scalar == "_" {
                spark += "_"
                hasSingle = true
            } else {
                literal(scalar)
            }
        }
        let subject = caseInsensitive ? "translate(\(target), '\(upper)', '\(lower)')" : target
        let match = "(\(subject) LIKE \(SparkSQLText.string(spark)))"
        guard hasSingle else { return match }
        let message =
            "\(name): '_' matches one byte in TideDB and one character in Spark; "
            + "run this query with SET @@offline_engine = 'local'"
        return "CASE WHEN \(target) RLIKE \(SparkSQLText.string("[^\\x00-\\x7F]")) "
            + "THEN raise_error(\(SparkSQLText.string(message))) ELSE \(match) END"
    }

    private static let upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    private static let lower = "abcdefghijklmnopqrstuvwxyz"

    private static func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        guard scalar.value >= 65 && scalar.value <= 90, let lower = Unicode.Scalar(scalar.value + 32) else {
            return scalar
        }
        return lower
    }

    /// The escape as a constant (`\` when the call has none), or nil when it is not constant.
    private static func escapeValue(_ escape: BoundExpr?) throws(TideError) -> Value? {
        guard let escape else { return .string("\\") }
        if case .literal(let value, _) = escape { return value }
        return nil
    }
}
