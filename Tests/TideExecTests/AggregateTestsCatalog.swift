import Testing
import TideCore
import TideExec
import TidePlan
import TideTestSupport

@Suite("aggregate catalog and registry")
struct AggregateCatalogTests {
    static let names = [
        "count", "sum", "avg", "min", "max", "distinct_count", "median", "percentile", "quantile", "stddev",
        "stddev_pop", "var_samp", "var_pop", "entropy", "ew_avg", "drawdown", "top", "topn_frequency", "top1_ratio",
        "count_where", "sum_where", "avg_where", "min_where", "max_where", "count_cate", "sum_cate", "avg_cate",
        "min_cate", "max_cate", "count_cate_where", "sum_cate_where", "avg_cate_where", "min_cate_where",
        "max_cate_where", "top_n_key_count_cate_where", "top_n_key_sum_cate_where", "top_n_key_avg_cate_where",
        "top_n_key_min_cate_where", "top_n_key_max_cate_where", "top_n_value_count_cate_where",
        "top_n_value_sum_cate_where", "top_n_value_avg_cate_where", "top_n_value_min_cate_where",
        "top_n_value_max_cate_where", "top_n_key_ratio_cate", "top_n_value_ratio_cate", "nth_value_where",
        "window_split", "window_split_by_key", "window_split_by_value", "lag", "first_value", "last_value",
    ]

    @Test(arguments: names)
    func everyOverloadHasAnAggregateImplementation(name: String) throws {
        let definition = try #require(FunctionCatalog.lookup(name))
        #expect(definition.kind == .aggregate)
        #expect(!definition.signatures.isEmpty)
        for signature in definition.signatures {
            #expect(signature.kind == .aggregate)
            guard case .aggregate = FunctionLibrary.registry.implementation(for: signature) else {
                Issue.record("no aggregate implementation for \(signature.id)")
                continue
            }
        }
    }

    @Test func aliasesResolve() throws {
        for (alias, name) in [
            ("std", "stddev"), ("stddev_samp", "stddev"), ("variance", "var_samp"),
            ("fz_window_split", "window_split"), ("fz_topn_frequency", "topn_frequency"),
        ] {
            #expect(FunctionCatalog.lookup(alias)?.name == name)
        }
    }

    /// `at` is lag over a window and element access on an array.
    @Test func atIsLagOverAWindowAndElementAccessOtherwise() throws {
        let window = try FunctionResolver.resolve("at", argumentTypes: [.int32, .int32])
        #expect(window.kind == .aggregate)
        let element = try FunctionResolver.resolve("at", argumentTypes: [.array(.string), .int32])
        #expect(element.kind == .scalar)
        #expect(element.returnType == .string)
    }

    @Test func resultTypesFollowOpenMLDB() throws {
        func returns(_ name: String, _ types: [SQLType]) throws -> SQLType {
            try FunctionResolver.resolve(name, argumentTypes: types).returnType
        }
        #expect(try returns("count", []) == .int64)
        #expect(try returns("sum", [.int16]) == .int16)
        #expect(try returns("sum", [.timestamp]) == .timestamp)
        #expect(try returns("avg", [.int32]) == .double)
        #expect(try returns("max", [.date]) == .date)
        #expect(try returns("count_where", [.string, .bool]) == .int64)
        #expect(try returns("sum_where", [.float, .bool]) == .float)
        #expect(try returns("lag", [.string, .int32]) == .string)
        #expect(try returns("window_split", [.string, .string]) == .array(.string))
        #expect(try returns("top_n_key_avg_cate_where", [.double, .bool, .date, .int64]) == .string)
    }

    @Test func unsupportedArgumentTypesAreRejected() {
        for (name, types) in [
            ("sum", [SQLType.string]), ("avg", [.date]), ("max_where", [.string, .bool]),
            ("sum_cate", [.int32, .double]), ("count_cate", [.int32, .float]), ("avg_cate", [.date, .string]),
            ("min_cate", [.string, .int32]), ("window_split", [.int32, .string]),
        ] as [(String, [SQLType])] {
            #expect(throws: TideError.self, "\(name)\(types)") {
                try FunctionResolver.resolve(name, argumentTypes: types)
            }
        }
    }

    @Test func orderSensitiveAggregatesAreRebuilt() throws {
        for (name, types) in [("ew_avg", [SQLType.double, .double]), ("drawdown", [.double])] {
            let signature = try FunctionResolver.resolve(name, argumentTypes: types)
            #expect(try !FunctionLibrary.aggregateKernel(signature).retractable)
        }
        let sum = try FunctionResolver.resolve("sum", argumentTypes: [.int32])
        #expect(try FunctionLibrary.aggregateKernel(sum).retractable)
    }
}
