import Testing
import TideCore
import TideExec
import TidePlan
import TideTestSupport

private func sql(_ expression: String) throws -> (value: Value, type: SQLType) {
    try ExpressionTesting.evaluate(expression)
}

private func strings(_ items: String?...) -> Value { .array(items.map { $0.map(Value.string) ?? .null }) }

/// `array_combine` on values of the given array types.
private func combine(_ types: [SQLType], _ arguments: [Value], timeZone: SessionTimeZone = .utc) throws -> Value {
    try FunctionTesting.call("array_combine", types: types, arguments, timeZone: timeZone)
}

private func bindError(_ expression: String) throws -> TideError {
    try #require(throws: TideError.self) { try ExpressionTesting.value(expression) }
}

@Suite("Collection constructors")
struct CollectionConstructionTests {
    // MARK: - map

    @Test func mapKeepsPairsInOrderWithTheirTypes() throws {
        let one = try sql("map(7, 'seven')")
        #expect(one.type == .map(key: .int32, value: .string))
        #expect(one.value == .map(keys: [.int32(7)], values: [.string("seven")]))
        let dates = try sql("map(date('2001-02-03'), timestamp(5), date('1969-12-31'), timestamp(-5))")
        #expect(dates.type == .map(key: .date, value: .timestamp))
        #expect(
            try sql("map('ключ', 1.5, '🔑', -0.25)").value
                == .map(keys: [.string("ключ"), .string("🔑")], values: [.double(1.5), .double(-0.25)]))
    }

    @Test func mapWidensKeysAndValuesToACommonType() throws {
        let widened = try sql("map(int16(1), 2, bigint(3), int16(4))")
        #expect(widened.type == .map(key: .int64, value: .int32))
        #expect(widened.value == .map(keys: [.int64(1), .int64(3)], values: [.int32(2), .int32(4)]))
    }

    @Test func mapDropsNullKeysAndKeepsNullValuesAndDuplicates() throws {
        let value = try sql("map('a', 1, string(NULL), 2, 'b', NULL, 'a', 3)").value
        #expect(
            value == .map(keys: [.string("a"), .string("b"), .string("a")], values: [.int32(1), .null, .int32(3)]))
        #expect(try sql("map('a', 1, 'a', 3)['a']").value == .int32(1))
        #expect(try sql("map('a', 1, 'b', NULL)['b']").value == .null)
        #expect(try sql("map(int(NULL), 'x')").value == .map(keys: [], values: []))
    }

    @Test func mapLookupsAndKeys() throws {
        #expect(try sql("map(bigint(9007199254740993), 'big')[bigint(9007199254740993)]").value == .string("big"))
        #expect(try sql("map(1, 'x')[2]").value == .null)
        #expect(try sql("map_keys(map(3, 'c', 1, 'a'))").value == .array([.int32(3), .int32(1)]))
    }

    @Test func mapWithoutArgumentsIsEmptyAndUntyped() throws {
        let empty = try sql("map()")
        #expect(empty.value == .map(keys: [], values: []))
        #expect(empty.type == .map(key: .null, value: .null))
    }

    @Test func mapTakesUpToTheMaximumNumberOfPairs() throws {
        let most = FunctionCatalog.maxMapPairs
        let pairs = (1...most).map { "\($0), '\($0)'" }.joined(separator: ", ")
        let value = try sql("map(\(pairs))[\(most)]").value
        #expect(value == .string("\(most)"))
        let tooMany = (1...(most + 1)).map { "\($0), '\($0)'" }.joined(separator: ", ")
        #expect(try bindError("map(\(tooMany))").code == .undefinedFunction)
        #expect(try bindError("map(1, 'a', 2)").code == .undefinedFunction)
        #expect(try bindError("map(1, 'a', 'b', 'c')").code == .undefinedFunction)
    }

    // MARK: - array_combine

    @Test func arrayCombineJoinsEveryCombinationFirstArraySlowest() throws {
        let value = try sql("array_combine('-', ['a', 'b'], ['x', 'y', 'z'])").value
        #expect(value == strings("a-x", "a-y", "a-z", "b-x", "b-y", "b-z"))
        #expect(try sql("array_combine('', ['p'], ['q'], ['r'], ['s'])").value == strings("pqrs"))
        #expect(try sql("array_combine(' → ', ['ü'], ['日本'])").value == strings("ü → 日本"))
        #expect(try sql("array_combine('-', ['only', 'one'])").type == .array(.string))
        #expect(try sql("array_combine('-', ['only', 'one'])").value == strings("only", "one"))
    }

    @Test func arrayCombineTurnsElementsIntoStringsFirst() throws {
        #expect(
            try sql("array_combine(':', [1, 2], array<int64>[30], [1.5, 0.1])").value
                == strings("1:30:1.5", "1:30:0.1", "2:30:1.5", "2:30:0.1"))
        let dates = try combine(
            [.string, .array(.bool), .array(.date)], [.string(","), .array([.bool(true)]), .array([.date(19_782)])])
        #expect(dates == strings("true,2024-02-29"))
        let shanghai = try #require(SessionTimeZone("Asia/Shanghai"))
        let stamps = try combine(
            [.string, .array(.string), .array(.timestamp)],
            [.string("@"), strings("t"), .array([.timestamp(0), .timestamp(86_399_999)])], timeZone: shanghai)
        #expect(stamps == strings("t@1970-01-01 08:00:00", "t@1970-01-02 07:59:59"))
        #expect(try sql("array_combine(0, ['a'], ['b'])").value == strings("a0b"))
    }

    @Test func arrayCombineSkipsNullsAndEmptiness() throws {
        #expect(try sql("array_combine('-', ['a', NULL, 'b'], [1, NULL])").value == strings("a-1", "b-1"))
        #expect(try sql("array_combine(string(NULL), ['a'], ['b', 'c'])").value == strings("ab", "ac"))
        let noNulls = try combine([.string, .array(.int32)], [.string("-"), .array([.null, .null])])
        #expect(noNulls == strings())
        let withNullArray = try combine(
            [.string, .array(.string), .array(.string)], [.string("-"), strings("a"), .null])
        #expect(withNullArray == strings())
        let withEmpty = try combine(
            [.string, .array(.string), .array(.string)], [.string("-"), strings("a", "b"), strings()])
        #expect(withEmpty == strings())
    }

    @Test func arrayCombineNeedsAnArrayAndCapsItsResult() throws {
        #expect(try bindError("array_combine('-')").code == .undefinedFunction)
        #expect(try bindError("array_combine('-', 'a')").code == .undefinedFunction)
        let thousand = Value.array((0..<1000).map { .int32(Int32($0)) })
        let types: [SQLType] = [.string, .array(.int32), .array(.int32), .array(.int32)]
        let error = try #require(throws: TideError.self) {
            try combine(types, [.string("-"), thousand, thousand, .array([.int32(1), .int32(2)])])
        }
        #expect(error.code == .invalidParameterValue)
        let atLimit = try combine([.string, .array(.int32), .array(.int32)], [.string(""), thousand, thousand])
        guard case .array(let items) = atLimit else {
            Issue.record("array_combine gave \(atLimit)")
            return
        }
        #expect(items.count == 1_000_000)
        #expect(items.last == .string("999999"))
    }

    // MARK: - make_tuple

    @Test func makeTupleListsItsArguments() throws {
        let tuple = try sql("make_tuple(1, bigint(2), NULL)")
        #expect(tuple.type == .array(.int64))
        #expect(tuple.value == .array([.int64(1), .int64(2), .null]))
        #expect(try sql("make_tuple('x', 'ÿ')").value == strings("x", "ÿ"))
        #expect(try sql("make_tuple(timestamp(1))").value == .array([.timestamp(1)]))
        #expect(try sql("size(make_tuple(1.5, 2.5, 3.5))").value == .int32(3))
    }

    @Test func makeTupleNeedsOneCommonType() throws {
        #expect(try bindError("make_tuple(1, 'a')").code == .undefinedFunction)
        #expect(try bindError("make_tuple(date('2020-01-01'), 1)").code == .undefinedFunction)
    }
}
