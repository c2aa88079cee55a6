import Testing
import TideCore
import TideExec
import TidePlan
import TideTestSupport

enum AggregateTesting {
    /// One-argument rows from a column.
    static func column(_ values: [Value]) -> [[Value]] { values.map { [$0] } }

    /// Runs aggregate `name` over `rows` with explicit argument types.
    static func run(_ name: String, _ rows: [[Value]], types: [SQLType]) throws -> Value {
        try FunctionTesting.aggregate(name, rows, types: types)
    }

    /// Whether two results agree, allowing floating-point rounding differences.
    static func close(_ a: Value, _ b: Value, tolerance: Double = 1e-9) -> Bool {
        if case .double(let x) = a, case .double(let y) = b { return closeNumbers(x, y, tolerance) }
        if case .float(let x) = a, case .float(let y) = b { return closeNumbers(Double(x), Double(y), 1e-5) }
        if case .array(let x) = a, case .array(let y) = b {
            return x.count == y.count && zip(x, y).allSatisfy { close($0, $1, tolerance: tolerance) }
        }
        return a == b
    }

    private static func closeNumbers(_ x: Double, _ y: Double, _ tolerance: Double) -> Bool {
        if x.isNaN || y.isNaN { return x.isNaN && y.isNaN }
        if x.isInfinite || y.isInfinite { return x == y }
        return abs(x - y) <= tolerance * Swift.max(1, abs(x), abs(y))
    }

    /// Slides windows of several widths over `rows` and checks every step against a
    /// recomputation from scratch.
    static func expectSlidingMatchesScratch(
        _ name: String, _ rows: [[Value]], types: [SQLType], widths: [Int] = [1, 3, 7],
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws {
        let signature = try FunctionResolver.resolve(name, argumentTypes: types)
        let kernel = try FunctionLibrary.aggregateKernel(signature)
        #expect(kernel.retractable, "\(name) should be retractable", sourceLocation: sourceLocation)
        for width in widths {
            let steps = try FunctionTesting.slidingVersusScratch(name, rows, width: width, types: types)
            #expect(steps.count == rows.count, sourceLocation: sourceLocation)
            for (i, step) in steps.enumerated() where !close(step.sliding, step.scratch) {
                Issue.record(
                    "\(name) width \(width) row \(i): sliding \(step.sliding) != scratch \(step.scratch)",
                    sourceLocation: sourceLocation)
                return
            }
        }
    }

    /// Random integers in -20...20 with about one NULL in six (many ties).
    static func randomIntegers(_ count: Int, seed: UInt64, type: DataType = .int32) -> [Value] {
        var rng = SeededGenerator(seed: seed)
        return (0..<count).map { _ in
            if Int.random(in: 0..<6, using: &rng) == 0 { return .null }
            return .integer(Int64.random(in: -20...20, using: &rng), as: type)
        }
    }

    /// Random doubles, mostly small with some large magnitudes, and NULLs.
    static func randomDoubles(_ count: Int, seed: UInt64) -> [Value] {
        var rng = SeededGenerator(seed: seed)
        return (0..<count).map { _ in
            switch Int.random(in: 0..<10, using: &rng) {
            case 0: return .null
            case 1: return .double(Double(Int.random(in: -3...3, using: &rng)))
            case 2: return .double(Double.random(in: -1e6...1e6, using: &rng))
            default: return .double(Double.random(in: -50...50, using: &rng))
            }
        }
    }

    /// Random booleans with NULLs.
    static func randomConditions(_ count: Int, seed: UInt64) -> [Value] {
        var rng = SeededGenerator(seed: seed)
        return (0..<count).map { _ in
            switch Int.random(in: 0..<5, using: &rng) {
            case 0: return .null
            case 1, 2: return .bool(false)
            default: return .bool(true)
            }
        }
    }

    /// Random short category strings with NULLs.
    static func randomCategories(_ count: Int, seed: UInt64) -> [Value] {
        var rng = SeededGenerator(seed: seed)
        let names = ["a", "b", "c", "dd", "e"]
        return (0..<count).map { _ in
            Int.random(in: 0..<8, using: &rng) == 0 ? .null : .string(names[Int.random(in: 0..<5, using: &rng)])
        }
    }
}

extension Value {
    /// An integer value of the given type (test shorthand).
    static func integer(_ v: Int64, as type: DataType) -> Value {
        switch type {
        case .int16: return .int16(Int16(truncatingIfNeeded: v))
        case .int64: return .int64(v)
        case .timestamp: return .timestamp(v)
        case .date: return .date(Int32(truncatingIfNeeded: v))
        case .float: return .float(Float(v))
        case .double: return .double(Double(v))
        case .int32, .bool, .string: return .int32(Int32(truncatingIfNeeded: v))
        }
    }
}
