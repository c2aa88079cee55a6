import Testing
import TideCore
import TideExec
import TidePlan
import TideTestSupport

/// The typed `*_cate` kernels against `CategoryAggregator`, the boxed aggregate they replace:
/// random partitions under random frames (TypedWindowKernelTests' generators), with NULL
/// categories, values and conditions, and categories equal as text with different bytes,
/// must print the same text for every frame.
@Suite struct TypedCategoryKernelTests {
    static let names = ["count", "sum", "avg", "min", "max"].flatMap { ["\($0)_cate", "\($0)_cate_where"] }

    static func signatures() -> [FunctionSignature] {
        names.flatMap { name in
            (FunctionCatalog.lookup(name)?.signatures ?? []).filter {
                $0.name == name && $0.kind == .aggregate && TypedCategoryKernel($0) != nil
            }
        }
    }

    static let categories: [Value] = [
        .null, .string(""), .string("a"), .string("b"), .string("B"), .string("10"), .string("9"),
        .string("\u{e9}"), .string("e\u{301}"),
    ]

    @Test func everyFamilyHasTypedOverloads() {
        #expect(Set(Self.signatures().map(\.name)) == Set(Self.names))
        for name in ["top_n_key_avg_cate_where", "top_n_value_sum_cate_where", "top_n_key_ratio_cate"] {
            let signatures = FunctionCatalog.lookup(name)?.signatures ?? []
            #expect(!signatures.isEmpty && signatures.allSatisfy { TypedCategoryKernel($0) == nil }, "\(name)")
        }
    }

    /// Random arguments of `signature` for `count` rows: categories for the key, random values
    /// (NULLs, NaN, ±inf) for the others.
    static func randomColumns(
        _ signature: FunctionSignature, kernel: TypedCategoryKernel, count: Int, _ rng: inout SeededGenerator
    ) -> [[Value]] {
        let types = signature.parameters.compactMap(\.scalar)
        return types.indices.map { k in
            (0..<count).map { _ in
                k == kernel.keyArgument
                    ? categories.randomElement(using: &rng) ?? .null
                    : TypedWindowKernelTests.randomValue(types[k], &rng)
            }
        }
    }

    @Test(arguments: 0..<30)
    func typedEqualsBoxed(seed: Int) throws {
        var rng = SeededGenerator(seed: UInt64(seed) &* 104_729 &+ 3)
        let context = FunctionContext()
        for _ in 0..<20 {
            let (count, ranges) = TypedWindowKernelTests.randomPartition(&rng)
            for signature in Self.signatures() {
                let kernel = try #require(TypedCategoryKernel(signature))
                let columns = Self.randomColumns(signature, kernel: kernel, count: count, &rng)
                let aggregate = try FunctionLibrary.aggregateKernel(signature)
                let boxed = try WindowAggregation(kernels: [aggregate], context: context)
                    .run(ranges, arguments: [columns])[0]
                let typed = try WindowAggregation(kernels: [aggregate], categories: [kernel], context: context)
                    .run(ranges, arguments: [columns])[0]
                #expect(typed.count == boxed.count)
                for f in boxed.indices where typed[f] != boxed[f] || !Self.sameBytes(typed[f], boxed[f]) {
                    Issue.record("\(signature.id) frame \(f): typed \(typed[f]) boxed \(boxed[f]); columns \(columns)")
                    break
                }
            }
        }
    }

    /// Text results byte for byte (String equality alone would take "é" for "e\u{301}").
    static func sameBytes(_ a: Value, _ b: Value) -> Bool {
        if case .string(let x) = a, case .string(let y) = b { return Array(x.utf8) == Array(y.utf8) }
        return a == b
    }

    @Test func codesKeepBytesAndRejectOtherTypes() throws {
        let (codes, dictionary) = try #require(
            ColumnValues.stringCodes([.string("\u{e9}"), .null, .string("e\u{301}"), .string("\u{e9}")]))
        #expect(codes == [0, -1, 1, 0] && dictionary.count == 2)
        #expect(ColumnValues.stringCodes([.string("a"), .int64(1)]) == nil)
    }
}
