import TideCore
import TidePlan

/// The collection constructors: `map(k1, v1, ...)`, `array_combine(delimiter, arrays...)`
/// and `make_tuple(...)`.
extension CollectionFunctions {
    /// The most strings one `array_combine` call may produce (a TideDB limit; OpenMLDB has none).
    static let maxCombinations = 1_000_000

    static func registerConstruction(into registry: inout FunctionRegistry) {
        registry.scalar("map", []) { _, _ in .map(keys: [], values: []) }
        for count in 1...FunctionCatalog.maxMapPairs {
            for key in SQLType.scalarTypes {
                for value in SQLType.scalarTypes {
                    let parameters = Array(repeating: [key, value], count: count).flatMap { $0 }
                    registry.scalar("map", parameters) { a, _ in makeMap(a) }
                }
            }
        }
        registry.scalar("array_combine", [.string, .array(.string)], variadic: .array(.string)) { a, context in
            .array(try combine(a, timeZone: context.timeZone).map(Value.string))
        }
        for type in SQLType.scalarTypes {
            registry.scalar("make_tuple", [], variadic: type) { a, _ in .array(a) }
        }
    }

    /// `map(k1, v1, k2, v2, ...)`: the pairs in argument order.
    ///
    /// OpenMLDB semantics: a pair whose key is NULL is dropped; NULL values are kept; duplicate
    /// keys are all kept (a lookup finds the first).
    static func makeMap(_ a: [Value]) -> Value {
        var keys: [Value] = []
        var values: [Value] = []
        for i in stride(from: 0, to: a.count - 1, by: 2) where !a[i].isNull {
            keys.append(a[i])
            values.append(a[i + 1])
        }
        return .map(keys: keys, values: values)
    }

    /// `array_combine(delimiter, array1, array2, ...)`: every combination of one element from
    /// each array (the first array varying slowest), its elements joined by the delimiter.
    ///
    /// OpenMLDB semantics: elements are first turned into strings as `string(x)` does; a NULL
    /// delimiter joins with nothing; a NULL array counts as empty; a combination with a NULL
    /// element is left out. The result is never NULL (possibly empty).
    static func combine(_ a: [Value], timeZone: SessionTimeZone) throws -> [String] {
        guard let delimiterValue = a.first else { throw TideError.internal("array_combine without arguments") }
        let delimiter = delimiterValue.isNull ? "" : Cast.text(delimiterValue, timeZone: timeZone)
        let lists = try a.dropFirst().map { argument -> [String] in
            switch argument {
            case .null: return []
            case .array(let items): return items.filter { !$0.isNull }.map { Cast.text($0, timeZone: timeZone) }
            case .bool, .int16, .int32, .int64, .float, .double, .string, .date, .timestamp, .map:
                throw TideError.internal("array_combine expects arrays")
            }
        }
        var total = 1
        for list in lists {
            let (product, overflow) = total.multipliedReportingOverflow(by: list.count)
            guard !overflow, product <= maxCombinations else {
                throw TideError(
                    .invalidParameterValue, "array_combine would produce more than \(maxCombinations) strings")
            }
            total = product
        }
        var combinations: [[String]] = [[]]
        for list in lists {
            combinations = combinations.flatMap { prefix in list.map { prefix + [$0] } }
        }
        return combinations.map { $0.joined(separator: delimiter) }
    }
}
