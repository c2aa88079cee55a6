import Testing
import TideCore
import TideExec
import TidePlan
import TideTestSupport

@Suite("*_cate, *_cate_where, top_n_key_*, top_n_value_*, *_ratio_cate")
struct AggregateCategoryTests {
    typealias T = AggregateTesting

    /// value, category
    private let pairs: [[Value]] = [
        [.int32(0), .string("x")], [.int32(1), .string("y")], [.int32(2), .string("x")],
        [.int32(3), .string("y")], [.int32(4), .string("x")], [.null, .string("z")], [.int32(9), .null],
    ]

    @Test func categoryAggregatesPrintKeysAscending() throws {
        let types: [SQLType] = [.int32, .string]
        #expect(try T.run("count_cate", pairs, types: types) == .string("x:3,y:2"))
        #expect(try T.run("sum_cate", pairs, types: types) == .string("x:6,y:4"))
        #expect(try T.run("avg_cate", pairs, types: types) == .string("x:2.000000,y:2.000000"))
        #expect(try T.run("min_cate", pairs, types: types) == .string("x:0,y:1"))
        #expect(try T.run("max_cate", pairs, types: types) == .string("x:4,y:3"))
        #expect(try T.run("count_cate", [], types: types) == .string(""))
    }

    @Test func valuesAndKeysPrintByType() throws {
        let rows: [[Value]] = [[.float(1.1), .int64(30)], [.float(1.4), .int64(30)], [.float(1.3), .int64(4)]]
        #expect(try T.run("max_cate", rows, types: [.float, .int64]) == .string("4:1.300000,30:1.400000"))
        let dated: [[Value]] = [[.double(2.5), .date(18_383)], [.double(1), .date(18_384)]]
        #expect(
            try T.run("sum_cate", dated, types: [.double, .date]) == .string("2020-05-01:2.500000,2020-05-02:1.000000"))
        let stamped: [[Value]] = [[.int16(3), .timestamp(1_590_738_990_000)]]
        #expect(try T.run("count_cate", stamped, types: [.int16, .timestamp]) == .string("2020-05-29 07:56:30:1"))
        let words: [[Value]] = [[.string("w"), .int32(7)], [.string("v"), .int32(7)], [.null, .int32(8)]]
        #expect(try T.run("count_cate", words, types: [.string, .int32]) == .string("7:2"))
    }

    @Test func timestampKeysUseTheSessionTimeZone() throws {
        let zone = try #require(SessionTimeZone("Asia/Shanghai"))
        let signature = try FunctionResolver.resolve("count_cate", argumentTypes: [.int32, .timestamp])
        var state = try FunctionLibrary.aggregateKernel(signature).make(FunctionContext(timeZone: zone))
        try state.update([.int32(1), .timestamp(1_590_738_990_000)])
        #expect(try state.result() == .string("2020-05-29 15:56:30:1"))
    }

    @Test func integerSumsWrapInTheValueType() throws {
        let rows: [[Value]] = [[.int16(32_767), .string("k")], [.int16(1), .string("k")]]
        #expect(try T.run("sum_cate", rows, types: [.int16, .string]) == .string("k:-32768"))
    }

    /// value, condition, category (the documented OpenMLDB example table).
    private let conditional: [[Value]] = [
        [.int32(0), .bool(true), .string("x")], [.int32(1), .bool(true), .string("y")],
        [.int32(2), .bool(false), .string("x")], [.int32(3), .bool(true), .string("y")],
        [.int32(4), .bool(false), .string("x")], [.int32(5), .bool(true), .string("z")],
        [.int32(6), .bool(true), .string("z")], [.int32(8), .null, .string("w")],
    ]

    @Test func whereFormsCountOnlyTrueRows() throws {
        let types: [SQLType] = [.int32, .bool, .string]
        #expect(try T.run("count_cate_where", conditional, types: types) == .string("x:1,y:2,z:2"))
        #expect(try T.run("sum_cate_where", conditional, types: types) == .string("x:0,y:4,z:11"))
        #expect(try T.run("avg_cate_where", conditional, types: types) == .string("x:0.000000,y:2.000000,z:5.500000"))
        #expect(try T.run("min_cate_where", conditional, types: types) == .string("x:0,y:1,z:5"))
        #expect(try T.run("max_cate_where", conditional, types: types) == .string("x:0,y:3,z:6"))
    }

    private func topN(_ name: String, _ n: Value, bound: SQLType = .int32) throws -> Value {
        try T.run(name, conditional.map { $0 + [n] }, types: [.int32, .bool, .string, bound])
    }

    @Test func topNKeyKeepsTheLargestKeysDescending() throws {
        #expect(try topN("top_n_key_count_cate_where", .int32(2)) == .string("z:2,y:2"))
        #expect(try topN("top_n_key_sum_cate_where", .int64(2), bound: .int64) == .string("z:11,y:4"))
        #expect(try topN("top_n_key_max_cate_where", .int32(5)) == .string("z:6,y:3,x:0"))
        #expect(try topN("top_n_key_min_cate_where", .int32(-1)) == .string("z:5,y:1,x:0"))
        #expect(try topN("top_n_key_avg_cate_where", .int32(0)) == .string(""))
    }

    @Test func topNValueKeepsTheLargestAggregates() throws {
        #expect(try topN("top_n_value_sum_cate_where", .int32(2)) == .string("z:11,y:4"))
        // Ties rank the larger key first.
        #expect(try topN("top_n_value_count_cate_where", .int32(2)) == .string("z:2,y:2"))
        #expect(try topN("top_n_value_min_cate_where", .int32(-1)) == .string("z:5,y:1,x:0"))
        #expect(try topN("top_n_value_avg_cate_where", .int32(1)) == .string("z:5.500000"))
        #expect(try topN("top_n_value_max_cate_where", .int32(0)) == .string(""))
    }

    @Test func ratioCategories() throws {
        // value, cond, category: x 3/3, y 1/2, z 2/2; the NULL-value row is not counted.
        let rows: [[Value]] = [
            [.int32(0), .bool(true), .string("x")], [.int32(2), .bool(true), .string("x")],
            [.int32(4), .bool(true), .string("x")], [.int32(1), .bool(true), .string("y")],
            [.int32(3), .bool(false), .string("y")], [.int32(5), .bool(true), .string("z")],
            [.int32(6), .null, .string("z")], [.null, .bool(true), .string("y")],
        ]
        func run(_ name: String, _ n: Int32) throws -> Value {
            try T.run(name, rows.map { $0 + [.int32(n)] }, types: [.int32, .bool, .string, .int32])
        }
        #expect(try run("top_n_key_ratio_cate", 2) == .string("z:0.500000,y:0.500000"))
        #expect(try run("top_n_value_ratio_cate", 2) == .string("x:1.000000,z:0.500000"))
        #expect(try run("top_n_value_ratio_cate", -1) == .string("x:1.000000,z:0.500000,y:0.500000"))
        #expect(try run("top_n_key_ratio_cate", 0) == .string(""))
    }

    @Test func outputStopsAt4096Bytes() throws {
        let key = String(repeating: "k", count: 1000)
        let rows: [[Value]] = (0..<6).map { [.int32(1), .string(key + String($0))] }
        let text = try #require(try T.run("count_cate", rows, types: [.int32, .string]).stringValue)
        #expect(text.split(separator: ",").count == 4)
        #expect(text.utf8.count <= 4096)
        #expect(text.hasPrefix(key + "0:1,"))
    }

    @Test func slidingMatchesScratch() throws {
        let values = T.randomIntegers(70, seed: 41)
        let conditions = T.randomConditions(70, seed: 42)
        let categories = T.randomCategories(70, seed: 43)
        let two = zip(values, categories).map { [$0, $1] }
        let three = (0..<70).map { [values[$0], conditions[$0], categories[$0]] }
        for operation in ["count", "sum", "avg", "min", "max"] {
            try T.expectSlidingMatchesScratch("\(operation)_cate", two, types: [.int32, .string])
            try T.expectSlidingMatchesScratch("\(operation)_cate_where", three, types: [.int32, .bool, .string])
            for order in ["key", "value"] {
                let name = "top_n_\(order)_\(operation)_cate_where"
                try T.expectSlidingMatchesScratch(
                    name, three.map { $0 + [.int32(2)] }, types: [.int32, .bool, .string, .int32])
            }
        }
        for order in ["key", "value"] {
            try T.expectSlidingMatchesScratch(
                "top_n_\(order)_ratio_cate", three.map { $0 + [.int64(3)] }, types: [.int32, .bool, .string, .int64])
        }
    }

    /// Long slides over many long category names: the pair texts are remade and their arena
    /// rebuilt many times over, and with the longest names the 4096-byte cap cuts the list.
    @Test func longSlidesMatchScratch() throws {
        var rng = SeededGenerator(seed: 77)
        for nameLength in [30, 300] {
            let letters = Array("abcdefghijklmnopqrstuvwxyz")
            let names = (0..<40).map { n in String(repeating: letters[n % 26], count: nameLength) + "\(n)" }
            let rows: [[Value]] = (0..<800).map { _ in
                [
                    .int32(Int32.random(in: -50...50, using: &rng)),
                    .string(names[Int.random(in: 0..<names.count, using: &rng)]),
                ]
            }
            for operation in ["count", "avg"] {
                try T.expectSlidingMatchesScratch(
                    "\(operation)_cate", rows, types: [.int32, .string], widths: [50, 250])
            }
        }
    }
}
