import TideCore
import TidePlan

/// Mean and sum of squared deviations with Welford's update and its inverse for retraction.
/// The finite values are kept, and the moments are recomputed with two passes (exactly, up to
/// rounding) after every `n` retractions (amortized O(1)), and also when the sum of squares has
/// shrunk by more than 10⁴ since the last recomputation: removing large values cancels most
/// digits of a running sum, which no update formula survives. NaN or infinite inputs make the
/// result NaN while they are in the window.
struct MomentAccumulator {
    /// Non-null values included (finite or not).
    private(set) var count = 0
    private var nonFinite = 0
    private var values = RowDeque<Double>()
    private var mean = 0.0
    private var squares = 0.0
    private var retractionsSinceRebuild = 0
    /// The largest sum of squares since the last recomputation: the scale of its rounding error.
    private var peakSquares = 0.0

    init() {}

    mutating func add(_ x: Double) {
        count += 1
        guard x.isFinite else {
            nonFinite += 1
            return
        }
        values.append(x)
        let n = Double(values.count)
        let delta = x - mean
        mean += delta / n
        squares += delta * (x - mean)
        peakSquares = Swift.max(peakSquares, squares)
    }

    /// Removes the oldest value (rows leave a window oldest first).
    mutating func remove(_ x: Double) {
        count -= 1
        guard x.isFinite else {
            nonFinite -= 1
            return
        }
        values.popFirst()
        retractionsSinceRebuild += 1
        if values.isEmpty {
            mean = 0
            squares = 0
            peakSquares = 0
            retractionsSinceRebuild = 0
            return
        }
        let delta = x - mean
        mean -= delta / Double(values.count)
        squares = Swift.max(0, squares - delta * (x - mean))
        if retractionsSinceRebuild >= Swift.max(16, values.count) || peakSquares > 1e4 * squares {
            rebuild()
        }
    }

    private mutating func rebuild() {
        retractionsSinceRebuild = 0
        var sum = CompensatedSum()
        for v in values.newestFirst { sum.add(v) }
        mean = sum.value / Double(values.count)
        var total = CompensatedSum()
        for v in values.newestFirst { total.add((v - mean) * (v - mean)) }
        squares = total.value
        peakSquares = squares
    }

    /// Σ(x - mean)², NaN if a non-finite value is included.
    var sumOfSquares: Double { nonFinite > 0 ? .nan : squares }
}

/// Which statistic a variance-family aggregate reports.
enum Dispersion: Sendable {
    case sampleStandardDeviation
    case populationStandardDeviation
    case sampleVariance
    case populationVariance
}

/// stddev / stddev_pop / var_samp / var_pop over numbers. Sample statistics need two values
/// (NULL otherwise); population statistics need one.
struct VarianceAggregator: Aggregator {
    let dispersion: Dispersion
    private var moments = MomentAccumulator()

    init(_ dispersion: Dispersion) { self.dispersion = dispersion }

    mutating func update(_ arguments: [Value]) throws {
        if let x = arguments.argument(0).doubleValue { moments.add(x) }
    }

    mutating func retract(_ arguments: [Value]) throws {
        if let x = arguments.argument(0).doubleValue { moments.remove(x) }
    }

    func result() throws -> Value {
        let n = Double(moments.count)
        let squares = moments.sumOfSquares
        switch dispersion {
        case .sampleStandardDeviation: return moments.count > 1 ? .double((squares / (n - 1)).squareRoot()) : .null
        case .populationStandardDeviation: return moments.count > 0 ? .double((squares / n).squareRoot()) : .null
        case .sampleVariance: return moments.count > 1 ? .double(squares / (n - 1)) : .null
        case .populationVariance: return moments.count > 0 ? .double(squares / n) : .null
        }
    }
}

extension AggregateFunctions {
    static func registerVariance(into registry: inout FunctionRegistry) {
        let kinds: [(String, Dispersion)] = [
            ("stddev", .sampleStandardDeviation), ("stddev_pop", .populationStandardDeviation),
            ("var_samp", .sampleVariance), ("var_pop", .populationVariance),
        ]
        for (name, dispersion) in kinds {
            registerOverloads(name, into: &registry, retractable: true) { _ in { _ in VarianceAggregator(dispersion) } }
        }
    }
}
