import Testing
import TideCore
import TideExec
import TidePlan
import TideTestSupport

/// The typed window kernels against the boxed aggregates they replace in the batch engine:
/// random partitions (ties, union rows, NULLs, NaN, ±inf, repeated values) under random
/// frames (ROWS, ROWS_RANGE, EXCLUDE CURRENT_ROW / CURRENT_TIME, INSTANCE_NOT_IN_WINDOW,
/// MAXSIZE) must give the same value for every frame, bit for bit.
@Suite struct TypedWindowKernelTests {
    static let names = [
        "count", "count_where", "sum", "sum_where", "avg", "avg_where", "min", "min_where", "max", "max_where",
        "distinct_count",
    ]

    /// Every catalog overload of the names above that has a typed kernel.
    static func signatures() -> [FunctionSignature] {
        names.flatMap { name in
            (FunctionCatalog.lookup(name)?.signatures ?? []).filter {
                $0.name == name && $0.kind == .aggregate && TypedWindowKernel($0) != nil
            }
        }
    }

    @Test func everyTypedFamilyHasOverloads() {
        #expect(Set(Self.signatures().map(\.name)) == Set(Self.names))
        // min and max over strings compare text: they stay boxed.
        let minOverStrings = FunctionCatalog.lookup("min")?.signatures.filter {
            $0.name == "min" && $0.parameters.first?.scalar == .string
        }
        #expect(minOverStrings?.isEmpty == false)
        #expect(minOverStrings?.allSatisfy { TypedWindowKernel($0) == nil } == true)
    }

    static func randomValue(_ type: DataType, _ rng: inout SeededGenerator) -> Value {
        if Int.random(in: 0..<7, using: &rng) == 0 { return .null }
        switch type {
        case .double, .float:
            let special: [Double] = [.nan, .infinity, -.infinity, 1e300, -1e300]
            let d =
                Int.random(in: 0..<12, using: &rng) == 0
                ? special.randomElement(using: &rng) ?? 0
                : Double(Int.random(in: -8...8, using: &rng)) * 0.25 + (Bool.random(using: &rng) ? 0.1 : 0)
            return type == .double ? .double(d) : .float(Float(d))
        case .string:
            return .string(["", "a", "b", "cc", "é"].randomElement(using: &rng) ?? "")
        case .bool:
            return .bool(Bool.random(using: &rng))
        case .int64, .timestamp:
            let edge: [Int64] = [.max, .min, .max - 1]
            let v =
                Int.random(in: 0..<15, using: &rng) == 0
                ? edge.randomElement(using: &rng) ?? 0 : Int64.random(in: -5...5, using: &rng)
            return .integer(v, as: type)
        case .int16, .int32, .date:
            return .integer(Int64.random(in: -5...5, using: &rng), as: type)
        }
    }

    static func randomSpec(_ rng: inout SeededGenerator) -> WindowSpecification {
        let unit: FrameSpec.Unit = Bool.random(using: &rng) ? .rows : .rowsRange
        let scale: Int64 = unit == .rows ? 1 : 10
        let start: Int64? =
            Int.random(in: 0..<5, using: &rng) == 0 ? nil : -Int64.random(in: 0...6, using: &rng) * scale
        var end: Int64 = Int.random(in: 0..<3, using: &rng) == 0 ? -Int64.random(in: 1...3, using: &rng) * scale : 0
        if let start, end < start { end = start }
        return WindowSpecification(
            name: "w", partitionBy: [], orderBy: .literal(.int64(0), .int64),
            frame: FrameSpec(unit: unit, start: start, end: end),
            excludeCurrentRow: Int.random(in: 0..<5, using: &rng) == 0,
            excludeCurrentTime: Int.random(in: 0..<5, using: &rng) == 0,
            instanceNotInWindow: Int.random(in: 0..<5, using: &rng) == 0,
            maxSize: Int.random(in: 0..<4, using: &rng) == 0 ? Int64.random(in: 1...5, using: &rng) : nil)
    }

    /// A random partition (1 to 40 rows, ties, union rows) under a random frame.
    static func randomPartition(_ rng: inout SeededGenerator) -> (count: Int, ranges: WindowFrameRanges) {
        let count = Int.random(in: 1...40, using: &rng)
        var orders = (0..<count).map { _ in Int64.random(in: 0...12, using: &rng) * 5 }
        orders.sort()
        let isMain = (0..<count).map { _ in Int.random(in: 0..<4, using: &rng) != 0 }
        let rows = WindowPartitionRows(orders: orders, isMain: isMain, emit: isMain)
        return (count, WindowFrameRanges(window: randomSpec(&rng), rows: rows))
    }

    private static func same(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.double(let x), .double(let y)): return x.bitPattern == y.bitPattern || (x.isNaN && y.isNaN)
        case (.float(let x), .float(let y)): return x.bitPattern == y.bitPattern || (x.isNaN && y.isNaN)
        default: return a == b
        }
    }

    @Test(arguments: 0..<40)
    func typedEqualsBoxed(seed: Int) throws {
        var rng = SeededGenerator(seed: UInt64(seed) &* 7919 &+ 17)
        let context = FunctionContext()
        for _ in 0..<25 {
            let (count, ranges) = Self.randomPartition(&rng)
            let candidates = WindowSlide.currentCandidates(ranges)
            for signature in Self.signatures() {
                guard let typed = TypedWindowKernel(signature) else { continue }
                let types = signature.parameters.compactMap(\.scalar)
                let columns = types.map { type in (0..<count).map { _ in Self.randomValue(type, &rng) } }
                let boxed = try WindowAggregation(
                    kernels: [try FunctionLibrary.aggregateKernel(signature)], context: context
                )
                .run(ranges, arguments: [columns])[0]
                var unboxed: [TypedColumn?] = []
                var codes: (codes: [Int32], count: Int32)?
                for (k, input) in typed.inputs.enumerated() {
                    switch input {
                    case .column(let type):
                        let column = TypedColumn(columns[k], type: type)
                        #expect(column != nil, "\(signature.id): column \(k) did not unbox")
                        unboxed.append(column)
                    case .codes(let type):
                        var coder = DistinctCoder(type: type)
                        let coded = try coder.codes(columns[k])
                        let global = try #require(coded)
                        var local = LocalCodes(count: coder.count)
                        codes = local.renumber(global)
                        unboxed.append(nil)
                    }
                }
                let result = try typed.run(ranges, currentCandidates: candidates, columns: unboxed, codes: codes)
                #expect(result.count == boxed.count)
                for f in boxed.indices where !Self.same(result[f], boxed[f]) {
                    Issue.record(
                        "\(signature.id) frame \(f) of \(ranges.frames.count): typed \(result[f]) boxed \(boxed[f]); columns \(columns)"
                    )
                    break
                }
            }
        }
    }

    @Test func distinctCodesFollowSQLEquality() throws {
        var doubles = DistinctCoder(type: .double)
        let codes = try doubles.codes([.double(0), .double(-0.0), .double(.nan), .double(-.nan), .null, .double(1)])
        #expect(codes == [0, 0, 1, 1, 0, 2])
        var strings = DistinctCoder(type: .string)
        // NULL counts as the empty string; canonically equivalent strings are one value.
        let text = try strings.codes([.string("é"), .string("e\u{301}"), .null, .string("")])
        #expect(text == [0, 0, 1, 1])
        #expect(try strings.codes([.int64(1)]) == nil)
    }

    /// Inputs large enough to be coded by ranges on every core get the codes of a serial
    /// first-appearance numbering, continued across calls; a value of another type anywhere
    /// codes nothing and leaves the coder as it was.
    @Test func largeInputsAreCodedInFirstAppearanceOrder() throws {
        var random = SystemRandomNumberGenerator()
        let rows = 5 * FirstAppearanceNumbering.rangeRows + 17
        for type in [DataType.string, .int64, .double] {
            func value(_ n: Int) -> Value {
                switch type {
                case .string: return .string("k\(n)")
                case .int64: return .int64(Int64(n))
                default: return .double(Double(n) / 4)
                }
            }
            let first = (0..<rows).map { _ in value(Int.random(in: 0..<3_000, using: &random)) }
            let second = (0..<rows).map { _ in value(Int.random(in: 0..<6_000, using: &random)) }
            var expected: [Value: Int32] = [:]
            let reference = (first + second).map { v -> Int32 in
                if let code = expected[v] { return code }
                expected[v] = Int32(expected.count)
                return Int32(expected.count - 1)
            }
            var coder = DistinctCoder(type: type)
            let coded = try #require(try coder.codes(first))
            let count = coder.count
            var broken = second
            broken[rows - 3] = .bool(true)
            #expect(try coder.codes(broken) == nil, "\(type)")
            #expect(coder.count == count)
            let more = try #require(try coder.codes(second))
            #expect(coded + more == reference, "\(type)")
            #expect(Int(coder.count) == expected.count)
        }
    }

    @Test func unexpectedValuesStayBoxed() {
        #expect(TypedColumn([.int64(1), .double(2)], type: .int64) == nil)
        #expect(TypedColumn([.string("x")], type: .double) == nil)
        #expect(TypedColumn([.null, .int32(3)], type: .int32)?.valid == [false, true])
    }
}
