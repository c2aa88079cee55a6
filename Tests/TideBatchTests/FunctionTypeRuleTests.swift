import Testing
import TideCore
import TidePlan
import TideTestSupport

/// Type rules, as a property: every function of the catalog (scalar, as a table aggregate and
/// as a window aggregate) is called with every combination of column types for each arity it
/// has. Each call either binds — to a result type one of the function's signatures declares —
/// and then runs over rows of extreme values (NULL, limits, NaN, infinities, empty strings)
/// to a value or a documented error, or fails to bind with a type error (42883 no such
/// signature, 42804 wrong type, 42P20 window rule, 0A000 unsupported, 22023 bad argument).
/// Never an internal error (XX000), a trap or a hang.
@Suite struct FunctionTypeRuleTests {
    static let types: [(column: String, type: String)] = [
        ("b", "bool"), ("s", "smallint"), ("i", "int"), ("l", "bigint"), ("f", "float"), ("d", "double"),
        ("t", "string"), ("dt", "date"), ("ts", "timestamp"),
    ]

    static let bindErrors: Set<String> = ["42883", "42804", "42P20", "0A000", "22023", "42803", "42601"]

    func database() throws -> BatchTestDatabase {
        var db = try BatchTestDatabase([
            "CREATE TABLE x (k int, b bool, s smallint, i int, l bigint, f float, d double, t string, dt date, "
                + "ts timestamp, INDEX(KEY=k, TS=ts))"
        ])
        db.insert(
            "x",
            [
                [.int32(1), .null, .null, .null, .null, .null, .null, .null, .null, .timestamp(1)],
                [
                    .int32(1), .bool(true), .int16(.max), .int32(.max), .int64(.max), .float(.nan), .double(.infinity),
                    .string(""), .date(0), .timestamp(2),
                ],
                [
                    .int32(1), .bool(false), .int16(.min), .int32(.min), .int64(.min), .float(-.infinity),
                    .double(-1e300), .string("a,b:c,,:"), .date(-719_162), .timestamp(3),
                ],
                [
                    .int32(1), .bool(true), .int16(0), .int32(-1), .int64(0), .float(0), .double(-0.0),
                    .string("2024-02-29 23:59:59"), .date(2_932_896), .timestamp(4),
                ],
            ])
        return db
    }

    /// Every combination of `arity` column names.
    func combinations(_ arity: Int) -> [[(column: String, type: String)]] {
        (0..<arity).reduce([[]]) { partial, _ in partial.flatMap { prefix in Self.types.map { prefix + [$0] } } }
    }

    @Test func everyFunctionOnEveryArgumentType() throws {
        let db = try database()
        var bound = 0
        var refused = 0
        for definition in FunctionCatalog.all {
            let arities = Set(definition.signatures.map { $0.parameters.count + ($0.variadic == nil ? 0 : 1) })
            let returnTypes = Set(definition.signatures.map(\.returnType))
            let name = "`\(definition.name)`"
            for arity in arities where arity <= 3 {
                for arguments in combinations(arity) {
                    let list = arguments.map(\.column).joined(separator: ", ")
                    let sql =
                        definition.kind == .aggregate
                        ? "SELECT k, \(name)(\(list)) OVER w AS r FROM x "
                            + "WINDOW w AS (PARTITION BY k ORDER BY ts ROWS BETWEEN 2 PRECEDING AND CURRENT ROW)"
                        : "SELECT \(name)(\(list)) AS r FROM x"
                    let plan: BoundQuery
                    do {
                        plan = try PlanTesting.bind(sql, catalog: db.catalog)
                    } catch let error as TideError {
                        refused += 1
                        #expect(Self.bindErrors.contains(error.code.rawValue), "\(sql): \(error)")
                        continue
                    }
                    bound += 1
                    let type = try #require(plan.columns.last?.type)
                    #expect(
                        returnTypes.contains(type) || definition.signatures.contains { $0.acceptsAnyScalar }
                            || returnTypes.contains { if case .array = $0 { true } else { false } } || type == .null,
                        "\(sql): bound to \(type), not a declared result type \(returnTypes)")
                    do {
                        _ = try db.query(sql)
                    } catch let error as TideError {
                        #expect(error.code != .internalError, "\(sql): \(error)")
                    }
                }
            }
        }
        // Both outcomes occur: the test exercises binding and refusal alike.
        #expect(bound > 1_000)
        #expect(refused > 1_000)
    }
}
