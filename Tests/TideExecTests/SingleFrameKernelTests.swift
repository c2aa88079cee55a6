import Testing
import TideCore
import TideExec
import TidePlan
import TideTestSupport

/// A request emits one frame, which `WindowSlide` computes in one pass (`result(over:adding:)`)
/// instead of sliding. Every typed state's one-pass result must be the boxed aggregate's (whose
/// one pass is the default: clear, add each row, result): random partitions whose last row is
/// the request row, NULLs, NaN, ±inf, ties and union rows (TypedWindowKernelTests' generators).
@Suite struct SingleFrameKernelTests {
    /// A random partition whose last row, a main row, is the only one emitted (a request's
    /// one frame).
    static func partition(_ rng: inout SeededGenerator) -> (count: Int, one: WindowFrameRanges) {
        let count = Int.random(in: 1...60, using: &rng)
        var orders = (0..<count).map { _ in Int64.random(in: 0...12, using: &rng) * 5 }
        orders.sort()
        var isMain = (0..<count).map { _ in Int.random(in: 0..<4, using: &rng) != 0 }
        isMain[count - 1] = true
        let spec = TypedWindowKernelTests.randomSpec(&rng)
        var emitLast = [Bool](repeating: false, count: count)
        emitLast[count - 1] = true
        return (
            count,
            WindowFrameRanges(window: spec, rows: WindowPartitionRows(orders: orders, isMain: isMain, emit: emitLast))
        )
    }

    static func same(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.double(let x), .double(let y)): return x.bitPattern == y.bitPattern || (x.isNaN && y.isNaN)
        case (.float(let x), .float(let y)): return x.bitPattern == y.bitPattern || (x.isNaN && y.isNaN)
        case (.string(let x), .string(let y)): return Array(x.utf8) == Array(y.utf8)
        default: return a == b
        }
    }

    @Test(arguments: 0..<30)
    func typedKernelsInOnePass(seed: Int) throws {
        var rng = SeededGenerator(seed: UInt64(seed) &* 6151 &+ 5)
        let context = FunctionContext()
        var onePassFrames = 0
        for _ in 0..<25 {
            let (count, one) = Self.partition(&rng)
            #expect(one.frames.count == 1)
            onePassFrames += one.frames.count
            for signature in TypedWindowKernelTests.signatures() {
                let typed = try #require(TypedWindowKernel(signature))
                let types = signature.parameters.compactMap(\.scalar)
                let columns = types.map { type in
                    (0..<count).map { _ in TypedWindowKernelTests.randomValue(type, &rng) }
                }
                let aggregation = WindowAggregation(
                    kernels: [try FunctionLibrary.aggregateKernel(signature)], typed: [typed], context: context)
                let boxed = try WindowAggregation(
                    kernels: [try FunctionLibrary.aggregateKernel(signature)], context: context
                ).run(one, arguments: [columns])[0]
                let onePass = try aggregation.run(one, arguments: [columns])[0]
                let label = "\(signature.id); columns \(columns)"
                #expect(onePass.count == 1 && boxed.count == 1, "\(label)")
                #expect(Self.same(onePass[0], boxed[0]), "one pass \(onePass[0]) boxed \(boxed[0]); \(label)")
            }
        }
        #expect(onePassFrames == 25)
    }

    /// `*_cate` over a read's unboxed double column and a dictionary that also holds strings of
    /// other columns (an online read's): one pass, boxed values and the boxed aggregate agree.
    @Test(arguments: 0..<20)
    func categoryKernelsInOnePass(seed: Int) throws {
        var rng = SeededGenerator(seed: UInt64(seed) &* 1223 &+ 9)
        let context = FunctionContext()
        let unrelated = ["u0001", "m000042", "zz", "a"]
        for _ in 0..<20 {
            let (count, one) = Self.partition(&rng)
            for signature in TypedCategoryKernelTests.signatures() {
                let kernel = try #require(TypedCategoryKernel(signature))
                let types = signature.parameters.compactMap(\.scalar)
                let columns = TypedCategoryKernelTests.randomColumns(signature, kernel: kernel, count: count, &rng)
                let aggregate = try FunctionLibrary.aggregateKernel(signature)
                let boxed = try WindowAggregation(kernels: [aggregate], context: context).run(
                    one, arguments: [columns])[0]
                // The keys coded as an online read codes them: one dictionary, unrelated strings first.
                let (codes, dictionary) = try #require(ColumnValues.stringCodes(columns[kernel.keyArgument]))
                let shifted = (unrelated + dictionary, codes.map { $0 < 0 ? $0 : $0 + Int32(unrelated.count) })
                let values: ColumnValues =
                    types[0] == .double && columns[0].allSatisfy({ $0.isNull || $0.doubleValue != nil })
                    ? .floats(
                        columns[0].map { $0.doubleValue ?? 0 }, valid: columns[0].map { !$0.isNull }, type: .double)
                    : .boxed(columns[0])
                let candidates = WindowSlide.currentCandidates(one)
                let onePass = try kernel.run(
                    one, currentCandidates: candidates, values: values, keys: (shifted.1, shifted.0),
                    conditions: kernel.conditionArgument.map { columns[$0] }, context: context)
                let label = "\(signature.id); columns \(columns)"
                #expect(
                    onePass.count == 1 && Self.same(onePass[0], boxed[0]),
                    "one pass \(onePass) boxed \(boxed); \(label)")
            }
        }
    }
}
