import Testing
import TideCore
import TideExec
import TidePlan
import TideTestSupport

private func call(_ name: String, _ args: [Value]) throws -> Value { try FunctionTesting.call(name, args) }

private func strings(_ items: String?...) -> Value { .array(items.map { $0.map(Value.string) ?? .null }) }

@Suite("Collection functions")
struct CollectionFunctionTests {
    @Test func sizeCountsElements() throws {
        #expect(try call("size", [strings("a", nil, "c")]) == .int32(3))
        #expect(try call("size", [.array([.int64(1)])]) == .int32(1))
        #expect(try call("size", [.null]) == .null)
        let empty = try FunctionTesting.call("size", types: [.array(.string)], [.array([])])
        #expect(empty == .int32(0))
    }

    @Test func arrayContainsAndIsIn() throws {
        #expect(try call("array_contains", [.array([.int32(2), .int32(2)]), .int32(2)]) == .bool(true))
        #expect(try call("array_contains", [strings("1", "2"), .string("3")]) == .bool(false))
        #expect(try call("array_contains", [.array([.int64(1), .null]), .null]) == .bool(true))
        #expect(try call("array_contains", [.array([.int64(1)]), .null]) == .bool(false))
        #expect(try call("isin", [.double(2.5), .array([.double(.nan), .double(2.5)])]) == .bool(true))
        #expect(try call("isin", [.string("é"), strings("e\u{301}")]) == .bool(false))
        #expect(try call("isin", [.int32(1), .null]) == .null)
    }

    @Test func arrayJoinFiltersNulls() throws {
        #expect(try call("array_join", [strings("1", "2"), .string("-")]) == .string("1-2"))
        #expect(try call("array_join", [strings(nil, "a", nil, "b"), .string(",")]) == .string("a,b"))
        #expect(try call("array_join", [strings("a", "b"), .null]) == .string("ab"))
        #expect(try call("array_join", [.null, .string(",")]) == .null)
    }

    @Test func listExceptByKeyAndValue() throws {
        let pairs = strings("a:1", "b:2", "c:0")
        #expect(try call("list_except_by_key", [pairs, .string("a,b")]) == strings("c:0"))
        #expect(try call("list_except_by_value", [pairs, .string("1,2")]) == strings("c:0"))
        #expect(try call("list_except_by_key", [strings("a", "b", "c"), .string("a,b")]) == strings("c"))
        #expect(try call("list_except_by_key", [strings("abc"), .string("")]) == strings("abc"))
        #expect(try call("list_except_by_value", [strings("abc"), .string("")]) == strings())
        #expect(try call("list_except_by_value", [strings("k:v:w"), .string("v")]) == strings("k:v:w"))
        #expect(try call("list_except_by_key", [pairs, .null]) == .null)
    }

    @Test func subscripts() throws {
        let list = strings("7", "8", "9")
        #expect(try call("$element", [list, .int32(0)]) == .string("7"))
        #expect(try call("$element", [list, .int64(2)]) == .string("9"))
        #expect(try call("$element", [list, .int32(3)]) == .null)
        #expect(try call("$element", [list, .int32(-1)]) == .null)
        let map = Value.map(keys: [.int32(1), .int32(2)], values: [.string("x"), .null])
        #expect(try call("$element", [map, .int32(1)]) == .string("x"))
        #expect(try call("$element", [map, .int32(2)]) == .null)
        #expect(try call("$element", [map, .int32(3)]) == .null)
    }

    @Test func mapKeysInInsertionOrder() throws {
        let map = Value.map(keys: [.string("b"), .string("a")], values: [.int64(1), .int64(2)])
        #expect(try call("map_keys", [map]) == strings("b", "a"))
        #expect(try call("map_keys", [.null]) == .null)
    }
}
