import Testing
import TideCore
import TideExec
import TidePlan
import TideTestSupport

/// Row and column evaluation of bound expressions: the same results, and SQL's semantics.
@Suite struct EvaluatorTests {
    let catalog: InMemoryCatalog

    init() throws {
        catalog = try PlanTesting.catalog([
            "CREATE TABLE t (i int, b bigint, d double, s string, ts timestamp, f bool, INDEX(KEY=s, TS=ts))"
        ])
    }

    /// The select list of `SELECT <list> FROM t`, bound.
    private func expressions(_ list: String) throws -> [BoundExpr] {
        let bound = try PlanTesting.bind("SELECT \(list) FROM t", catalog: catalog)
        guard case .project(let project) = bound.plan else {
            throw SQLAssertionFailure(description: "unexpected plan for \(list)")
        }
        return project.expressions
    }

    private func evaluate(_ list: String, row: [Value]) throws -> [Value] {
        try expressions(list).map { try RowEvaluator($0, context: FunctionContext()).evaluate(row) }
    }

    let row: [Value] = [
        .int32(7), .int64(10), .double(2.5), .string("card_1"), .timestamp(1_700_000_000_000), .bool(true),
    ]
    let nulls: [Value] = [.null, .null, .null, .null, .null, .null]

    @Test func arithmeticAndTypes() throws {
        #expect(
            try evaluate("i + 1, b * 2, d / 2, i DIV 2, i % 4, -i", row: row) == [
                .int32(8), .int64(20), .double(1.25), .int32(3), .int32(3), .int32(-7),
            ])
        #expect(try evaluate("i + b, i + d", row: row) == [.int64(17), .double(9.5)])
    }

    @Test func threeValuedLogic() throws {
        let values = try evaluate(
            "f AND NULL, f OR NULL, NOT f, (i > 100) AND NULL, (i > 100) OR NULL, NULL IS NULL, f IS TRUE, i IN (1, 7), i IN (1, NULL), i NOT IN (1, 2)",
            row: row)
        #expect(
            values == [
                .null, .bool(true), .bool(false), .bool(false), .null, .bool(true), .bool(true), .bool(true), .null,
                .bool(true),
            ])
    }

    /// IN converts list values to the tested value's type: '7' matches 7, 7.0 matches '7'.
    @Test func inListConvertsItemsToTheTestedType() throws {
        #expect(
            try evaluate("i IN ('7', '8'), '7' IN (7.0, 8.0), i IN ('x', '8'), s IN ('card_1'), i IN (7L)", row: row)
                == [
                    .bool(true), .bool(true), .null, .bool(true), .bool(true),
                ])
    }

    @Test func comparisonsWithNullAreNull() throws {
        #expect(try evaluate("i = 7, i < 3, s = 'card_1', i = b", row: nulls) == [.null, .null, .null, .null])
        #expect(
            try evaluate("i BETWEEN 5 AND 7, s LIKE 'card%', ts > '2023-01-01'", row: row) == [
                .bool(true), .bool(true), .bool(true),
            ])
    }

    @Test func caseAndFunctions() throws {
        let values = try evaluate(
            "CASE WHEN i > 5 THEN 'big' ELSE 'small' END, CASE s WHEN 'x' THEN 1 END, concat(s, '#', i), year(ts), if_null(NULL, i)",
            row: row)
        #expect(values == [.string("big"), .null, .string("card_1#7"), .int32(2023), .int32(7)])
    }

    @Test func divisionByZeroIsNull() throws {
        #expect(try evaluate("i / 0, i DIV 0, i % 0", row: row) == [.null, .null, .null])
    }

    @Test func batchAndRowEvaluationAgree() throws {
        var generator = SystemRandomNumberGenerator()
        var rows: [[Value]] = [row, nulls]
        for _ in 0..<200 {
            rows.append([
                Bool.random(using: &generator) ? .int32(Int32.random(in: -50...50, using: &generator)) : .null,
                .int64(Int64.random(in: -1000...1000, using: &generator)),
                Bool.random(using: &generator) ? .double(Double.random(in: -10...10, using: &generator)) : .null,
                .string(["a", "card_1", "b%", ""].randomElement(using: &generator) ?? ""),
                .timestamp(Int64.random(in: 0...2_000_000_000_000, using: &generator)),
                Bool.random(using: &generator) ? .bool(Bool.random(using: &generator)) : .null,
            ])
        }
        let batch = ColumnBatch(rows: rows, width: 6)
        let list =
            "i * 2 + b, d / i, i > 3 AND f, f OR i IS NULL, CASE WHEN d > 0 THEN s ELSE 'neg' END, i IN (1, 2, NULL), "
            + "s LIKE 'card%', hour(ts), substr(s, 1, 2), CAST(i AS string), i BETWEEN -3 AND 3, NOT f"
        for expr in try expressions(list) {
            let rowWise = try rows.map { try RowEvaluator(expr, context: FunctionContext()).evaluate($0) }
            let columnWise = try BatchEvaluator(expr, context: FunctionContext()).evaluate(batch)
            #expect(rowWise == columnWise, "\(ExprPrinter.text(expr))")
        }
    }

    /// A batch large enough to be evaluated by ranges on every core gives the row evaluator's
    /// values, and the first failing row's error.
    @Test func largeBatchesAreEvaluatedByRangesAlike() throws {
        var generator = SeededGenerator(seed: 77)
        let count = 400_001
        let rows: [[Value]] = (0..<count).map { r in
            [
                generator.next() % 7 == 0 ? .null : .int32(Int32(truncatingIfNeeded: generator.next() % 101) - 50),
                .int64(Int64(r)),
                .double(Double(generator.next() % 1_000) / 16),
                .string(["a", "card_1", "b%", "online"][Int(generator.next() % 4)]),
                .timestamp(Int64(generator.next() % 2_000_000_000_000)),
                generator.next() % 2 == 0 ? .bool(true) : .null,
            ]
        }
        let batch = ColumnBatch(rows: rows, width: 6)
        let list = "i * 2 + b, d / i, s = 'online', i > 3 AND f, substr(s, 1, 2), CAST(i AS string), s"
        for expr in try expressions(list) {
            let rowWise = try rows.map { try RowEvaluator(expr, context: FunctionContext()).evaluate($0) }
            let columnWise = try BatchEvaluator(expr, context: FunctionContext()).evaluate(batch)
            #expect(rowWise == columnWise, "\(ExprPrinter.text(expr))")
        }
    }
}
