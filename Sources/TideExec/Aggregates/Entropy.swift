import TideCore
import TidePlan

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// entropy(x): Shannon entropy in bits of the distribution of the non-null values, NULL if
/// there are none. Keeps S = Σ c·log2(c) over the per-value counts c, so that
/// H = log2(N) - S/N costs O(1) per update, retract and result.
struct EntropyAggregator: Aggregator {
    private var counts = ValueCounts()
    private var weighted = 0.0

    private static func term(_ c: Int) -> Double { c > 1 ? Double(c) * log2(Double(c)) : 0 }

    mutating func update(_ arguments: [Value]) throws {
        let c = counts.add(arguments.argument(0))
        if c > 0 { weighted += Self.term(c) - Self.term(c - 1) }
    }

    mutating func retract(_ arguments: [Value]) throws {
        let c = counts.remove(arguments.argument(0))
        if c > 0 { weighted += Self.term(c - 1) - Self.term(c) }
        if counts.total == 0 { weighted = 0 }
    }

    func result() throws -> Value {
        guard counts.total > 0 else { return .null }
        let n = Double(counts.total)
        return .double(Swift.max(0, log2(n) - weighted / n))
    }
}

extension AggregateFunctions {
    static func registerEntropy(into registry: inout FunctionRegistry) {
        registerOverloads("entropy", into: &registry, retractable: true) { _ in { _ in EntropyAggregator() } }
    }
}
