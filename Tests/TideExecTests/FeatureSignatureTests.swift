import Testing
import TideCore
import TidePlan
import TideTestSupport

@testable import TideExec

/// The string an SQL expression evaluates to.
private func text(_ expression: String) throws -> String {
    let value = try ExpressionTesting.value(expression)
    guard case .string(let s) = value else {
        throw SQLAssertionFailure(description: "\(expression) gave \(value), not a string")
    }
    return s
}

/// `hash64(expression)`, through SQL.
private func hash64(_ expression: String) throws -> Int64 {
    let value = try ExpressionTesting.value("hash64(\(expression))")
    guard case .int64(let h) = value else {
        throw SQLAssertionFailure(description: "hash64(\(expression)) gave \(value)")
    }
    return h
}

/// The unsigned fingerprint of `expression` modulo `n`, as `discrete(x, n)` buckets it.
private func bucket(_ expression: String, _ n: UInt64) throws -> UInt64 {
    UInt64(bitPattern: try hash64(expression)) % n
}

/// Resolving a call that must not type-check.
private func resolutionError(_ expression: String) throws -> TideError {
    try #require(throws: TideError.self) { try ExpressionTesting.value(expression) }
}

@Suite("Feature signatures")
struct FeatureSignatureTests {
    @Test func signatureValueIsATaggedStringArray() throws {
        let continuous = try ExpressionTesting.evaluate("continuous(2.25)")
        #expect(continuous.type == .array(.string))
        #expect(continuous.value == .array([.string("continuous"), .string("2.250000"), .string("0")]))
        let missing = try ExpressionTesting.value("discrete(int('x'), 7)")
        #expect(missing == .array([.string("discrete"), .null, .string("7")]))
        let label = try ExpressionTesting.value("binary_label(false)")
        #expect(label == .array([.string("binary_label"), .string("0"), .string("0")]))
    }

    @Test func continuousValuesAreWrittenLikeStdToString() throws {
        #expect(
            try text("csv(continuous(int16(-7)), continuous(true), continuous(bigint(9223372036854775807)))")
                == "-7,1,9223372036854775807")
        #expect(
            try text("csv(continuous(0.1), continuous(-2.5), continuous(1e-7), continuous(float(0.25)))")
                == "0.100000,-2.500000,0.000000,0.250000")
        #expect(try text("csv(continuous(1e20), continuous(0.0000006))") == "100000000000000000000.000000,0.000001")
        #expect(try text("csv(continuous(pow(10, 400)), continuous(-pow(10, 400)))") == "inf,-inf")
        #expect(
            try text("csv(regression_label(float(1.5)), multiclass_label(bigint(-3)), multiclass_label(true))")
                == "1.500000,-3,1")
    }

    @Test func nanIsWrittenWithItsSign() {
        #expect(FeatureSignature.fixed(.nan) == "nan")
        #expect(FeatureSignature.fixed(-Double.nan) == "-nan")
        #expect(FeatureSignature.fixed(0.0) == "0.000000")
        #expect(FeatureSignature.fixed(-0.0) == "-0.000000")
    }

    @Test(arguments: [
        "int16(12)", "345", "bigint(-1)", "true", "'héllo, wörld ✓'", "''",
        "'a string long enough to take the farmhash path for inputs over sixty-four bytes'",
        "date('1999-12-31')", "timestamp(1590115420000)",
    ])
    func discreteIsTheHash64OfTheValue(_ input: String) throws {
        #expect(try text("csv(discrete(\(input)))") == String(try hash64(input)))
        #expect(try text("csv(discrete(\(input), 97))") == String(try bucket(input, 97)))
        #expect(try text("csv(discrete(\(input), bigint(10000000000)))") == String(try bucket(input, 10_000_000_000)))
        #expect(try text("csv(discrete(\(input), 1))") == "0")
    }

    @Test func discreteBucketsTheUnsignedHash() throws {
        // Find an input whose fingerprint is negative: the bucket must come from its unsigned form.
        let negative = try #require(try (0..<64).first { try hash64("\($0)") < 0 })
        let hash = try hash64("\(negative)")
        #expect(try text("csv(discrete(\(negative), 1000))") == String(UInt64(bitPattern: hash) % 1000))
        #expect(try text("csv(discrete(\(negative)))") == String(hash))
        let largest = UInt64(Int64.max)
        #expect(
            try text("csv(discrete(\(negative), bigint(9223372036854775807)))")
                == String(UInt64(bitPattern: hash) % largest))
    }

    @Test func invalidBucketSizesMakeTheFeatureMissing() throws {
        #expect(
            try text("csv(discrete(5, 0), discrete(5, -3), discrete(5, int('n')), discrete(5, bigint(-1)))")
                == ",,,")
        #expect(try text("csv(discrete(int('n')), discrete(string(NULL), 4), continuous(double('n')))") == ",,")
    }

    @Test func csvHasOneFieldPerArgument() throws {
        #expect(try text("csv()") == "")
        #expect(try text("csv(continuous(1))") == "1")
        #expect(try text("csv(continuous(int('n')))") == "")
        #expect(try text("csv(continuous(1), regression_label(0.5), continuous(2))") == "1,0.500000,2")
        #expect(try text("csv(regression_label(int('n')), continuous(int('n')), binary_label(bool('maybe')))") == ",,")
    }

    @Test func libsvmNumbersContinuousFeaturesAndPutsTheLabelFirst() throws {
        #expect(try text("libsvm()") == "")
        #expect(try text("libsvm(continuous(4), continuous(int('n')), continuous(6))") == "1:4 3:6")
        #expect(try text("libsvm(continuous(4), multiclass_label(2))") == "2 1:4")
        #expect(try text("libsvm(regression_label(0.5))") == "0.500000")
        let hash = try hash64("'k'")
        #expect(try text("libsvm(discrete('k'), continuous(1.5))") == "\(hash):1 1:1.500000")
    }

    @Test func libsvmGivesEachBucketedFeatureARangeOfIndices() throws {
        let b = try bucket("'k'", 10)
        #expect(try text("libsvm(continuous(1), discrete('k', 10), continuous(2))") == "1:1 \(2 + b):1 12:2")
        // A missing value keeps its range; a missing bucket size takes none.
        #expect(
            try text("libsvm(discrete(int('n'), 50), discrete('k', int('n')), discrete('k', 0), continuous(3))")
                == "51:3")
    }

    @Test func libsvmIndexWrapsAsAnUnsigned64BitNumber() throws {
        let max = "bigint(9223372036854775807)"
        let wrapped = try text("libsvm(discrete(int('n'), \(max)), discrete(int('n'), \(max)), continuous(1))")
        #expect(wrapped == "18446744073709551615:1")
        let b = try bucket("'k'", UInt64(Int64.max))
        let expectedIndex = Int64(bitPattern: UInt64(Int64.max) &+ 1 &+ b)
        #expect(try text("libsvm(discrete(int('n'), \(max)), discrete('k', \(max)))") == "\(expectedIndex):1")
    }

    @Test func gcformatKeysContinuousSlotsByTheSlotHash() throws {
        let key1 = try hash64("bigint(1)")
        let key3 = try hash64("bigint(3)")
        let k = try hash64("'k'")
        #expect(
            try text("gcformat(continuous(0.5), discrete('k'), continuous(-2), binary_label(true))")
                == "1 | 1:\(key1):0.500000 2:\(k) 3:\(key3):-2")
        #expect(
            try text("gcformat(continuous(int('n')), discrete('k', 3), continuous(int('n')))")
                == " | 2:\(try bucket("'k'", 3))")
        #expect(try text("gcformat()") == " | ")
        #expect(try text("gcformat(multiclass_label(7))") == "7 | ")
    }

    @Test func theLastLabelWinsAndANullLabelClearsIt() throws {
        #expect(try text("libsvm(binary_label(true), multiclass_label(4), continuous(1))") == "4 1:1")
        #expect(try text("libsvm(multiclass_label(4), regression_label(int('n')), continuous(1))") == "1:1")
        #expect(try text("gcformat(regression_label(1), regression_label(int('n')))") == " | ")
        #expect(try text("csv(binary_label(true), multiclass_label(4))") == "1,4")
    }

    @Test func nullArgumentsActLikeUnknownSignatures() throws {
        let key2 = try hash64("bigint(2)")
        #expect(try FunctionTesting.call("csv", [.null, .null]) == .string(","))
        let sig = try FunctionTesting.call("continuous", [.int32(5)])
        #expect(try FunctionTesting.call("gcformat", [.null, sig]) == .string(" | 2:\(key2):5"))
        #expect(try FunctionTesting.call("libsvm", [.null, sig]) == .string("1:5"))
    }

    @Test func formattersRejectArraysThatAreNotSignatures() throws {
        for bad: Value in [
            .array([.string("a"), .string("b")]),
            .array([.string("continuous"), .string("1"), .string("x")]),
            .array([.string("ordinal"), .string("1"), .string("0")]),
            .array([.string("discrete"), .int64(1), .string("0")]),
        ] {
            let error = try #require(throws: TideError.self) {
                try FunctionTesting.call("csv", types: [.array(.string)], [bad])
            }
            #expect(error.code == .invalidParameterValue)
        }
    }

    @Test func unsupportedInputTypesDoNotResolve() throws {
        #expect(try resolutionError("discrete(1.5)").code == .undefinedFunction)
        #expect(try resolutionError("binary_label(1)").code == .undefinedFunction)
        #expect(try resolutionError("multiclass_label(2.5)").code == .undefinedFunction)
        #expect(try resolutionError("continuous('1')").code == .undefinedFunction)
        #expect(try resolutionError("csv(1)").code == .undefinedFunction)
        #expect(try resolutionError("discrete(1, 2.0)").code == .undefinedFunction)
    }
}
