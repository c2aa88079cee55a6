import Testing
import TideCore
import TideExec
import TidePlan
import TideTestSupport

@Suite("lag, at, first_value, last_value, nth_value_where, window_split")
struct AggregatePositionalTests {
    typealias T = AggregateTesting

    private let values: [Value] = [.int64(10), .null, .int64(30), .int64(40)]

    private func lag(_ n: Int64, ignoreNulls: Bool? = nil, name: String = "lag") throws -> Value {
        let rows = values.map { value -> [Value] in
            [value, .int64(n)] + (ignoreNulls.map { [.bool($0)] } ?? [])
        }
        let types: [SQLType] = [.int64, .int64] + (ignoreNulls == nil ? [] : [.bool])
        return try T.run(name, rows, types: types)
    }

    @Test func lagCountsBackFromTheCurrentRow() throws {
        #expect(try lag(0) == .int64(40))
        #expect(try lag(1) == .int64(30))
        #expect(try lag(2) == .null)
        #expect(try lag(3) == .int64(10))
        #expect(try lag(4) == .null)
        #expect(try lag(1, name: "at") == .int64(30))
        #expect(try lag(-1) == .int64(10))
        #expect(try T.run("lag", [], types: [.int64, .int64]) == .null)
    }

    @Test func lagCanSkipNulls() throws {
        #expect(try lag(2, ignoreNulls: true) == .int64(10))
        #expect(try lag(2, ignoreNulls: false) == .null)
        #expect(try lag(3, ignoreNulls: true) == .null)
    }

    @Test func firstValueIsTheOldestRowAndLastValueTheNewest() throws {
        let rows: [[Value]] = [[.null], [.string("b")], [.string("c")], [.null]]
        #expect(try T.run("first_value", rows, types: [.string]) == .null)
        #expect(try T.run("last_value", rows, types: [.string]) == .null)
        let flagged = rows.map { $0 + [.bool(true)] }
        #expect(try T.run("first_value", flagged, types: [.string, .bool]) == .string("b"))
        #expect(try T.run("last_value", flagged, types: [.string, .bool]) == .string("c"))
        #expect(try T.run("first_value", [], types: [.date]) == .null)
        #expect(try T.run("last_value", [[.date(5)], [.date(6)]], types: [.date]) == .date(6))
    }

    private let conditional: [[Value]] = [
        [.int32(1), .bool(true)], [.int32(2), .bool(false)], [.int32(3), .null], [.null, .bool(true)],
        [.int32(5), .bool(true)],
    ]

    private func nth(_ index: Int32) throws -> Value {
        try T.run(
            "nth_value_where", conditional.map { [$0[0], .int32(index), $0[1]] }, types: [.int32, .int32, .bool])
    }

    @Test func nthValueWhereCountsMatchingRows() throws {
        #expect(try nth(1) == .int32(1))
        #expect(try nth(2) == .null)  // the second match's value is NULL
        #expect(try nth(3) == .int32(5))
        #expect(try nth(4) == .null)
        #expect(try nth(-1) == .int32(5))
        #expect(try nth(-3) == .int32(1))
        #expect(try nth(-4) == .null)
        #expect(try nth(0) == .null)
    }

    @Test func windowSplitCollectsPiecesNewestRowFirst() throws {
        let rows: [[Value]] = [[.string("a,b"), .string(",")], [.null, .string(",")], [.string("c,"), .string(",")]]
        let pieces = try T.run("window_split", rows, types: [.string, .string])
        #expect(pieces == .array([.string("c"), .string(""), .string("a"), .string("b")]))
        #expect(try T.run("window_split", [[.string("a"), .string("")]], types: [.string, .string]) == .array([]))
        let regex = try T.run("window_split", [[.string("a1b22c"), .string("[0-9]+")]], types: [.string, .string])
        #expect(regex == .array([.string("a"), .string("b"), .string("c")]))
    }

    @Test func windowSplitByKeyAndValue() throws {
        let rows: [[Value]] = [
            [.string("k1:1,k2:2,bad,k3:3:x"), .string(","), .string(":")], [.string("z:"), .string(","), .string(":")],
        ]
        let keys = try T.run("window_split_by_key", rows, types: [.string, .string, .string])
        #expect(keys == .array([.string("z"), .string("k1"), .string("k2"), .string("k3")]))
        let values = try T.run("fz_window_split_by_value", rows, types: [.string, .string, .string])
        #expect(values == .array([.string(""), .string("1"), .string("2"), .string("3")]))
    }

    @Test func windowSplitStopsAt4096Bytes() throws {
        let big = String(repeating: "x", count: 3000)
        let rows: [[Value]] = [[.string(big), .string(",")], [.string(big + ",tail"), .string(",")]]
        let pieces = try T.run("window_split", rows, types: [.string, .string])
        #expect(pieces == .array([.string(big), .string("tail")]))
    }

    @Test func slidingMatchesScratch() throws {
        let integers = T.randomIntegers(60, seed: 51)
        let conditions = T.randomConditions(60, seed: 52)
        for n in [Int64(-2), 0, 1, 3] {
            try T.expectSlidingMatchesScratch("lag", integers.map { [$0, .int64(n)] }, types: [.int32, .int64])
            try T.expectSlidingMatchesScratch(
                "lag", integers.map { [$0, .int64(n), .bool(true)] }, types: [.int32, .int64, .bool])
        }
        for name in ["first_value", "last_value"] {
            try T.expectSlidingMatchesScratch(name, T.column(integers), types: [.int32])
            try T.expectSlidingMatchesScratch(name, integers.map { [$0, .bool(true)] }, types: [.int32, .bool])
        }
        for index in [Int32(-2), -1, 1, 2] {
            let rows = (0..<60).map { [integers[$0], .int32(index), conditions[$0]] }
            try T.expectSlidingMatchesScratch("nth_value_where", rows, types: [.int32, .int32, .bool])
        }
        let texts = T.randomCategories(40, seed: 53).map { [$0, .string("d")] }
        try T.expectSlidingMatchesScratch("window_split", texts, types: [.string, .string])
    }
}
