import Testing
import TideCore
import TidePlan
import TideTestSupport

@testable import TideExec

@Suite struct NullFunctionTests {
    @Test func everyOverloadHasAnImplementation() throws {
        for name in ["if_null", "nvl2", "is_null", "identity"] {
            let definition = try #require(FunctionCatalog.lookup(name))
            for signature in definition.signatures {
                #expect(!signature.nullPropagating)
                #expect(FunctionLibrary.registry.implementation(for: signature) != nil, "\(signature.id)")
            }
        }
        #expect(FunctionCatalog.lookup("nvl")?.name == "if_null")
        #expect(FunctionCatalog.lookup("ifnull")?.name == "if_null")
        #expect(FunctionCatalog.lookup("isnull")?.name == "is_null")
    }

    @Test func isNullAndIdentity() throws {
        #expect(try FunctionTesting.call("is_null", [.null]) == .bool(true))
        #expect(try FunctionTesting.call("isnull", [.int32(0)]) == .bool(false))
        #expect(try FunctionTesting.call("is_null", [.string("")]) == .bool(false))
        #expect(try FunctionTesting.call("identity", [.date(-3)]) == .date(-3))
        #expect(try FunctionTesting.call("identity", types: [.string], [.null]) == .null)
    }

    @Test func ifNullWidensToTheCommonType() throws {
        #expect(try FunctionTesting.call("if_null", types: [.int32, .int32], [.null, .int32(100)]) == .int32(100))
        #expect(try FunctionTesting.call("ifnull", [.int32(0), .int32(100)]) == .int32(0))
        #expect(try FunctionTesting.call("nvl", types: [.int64, .int32], [.null, .int32(100)]) == .int64(100))
        #expect(try FunctionTesting.call("if_null", [.int64(0), .double(1.1)]) == .double(0))
        #expect(try FunctionTesting.call("if_null", types: [.int64, .double], [.null, .double(1.1)]) == .double(1.1))
        #expect(try FunctionTesting.call("if_null", [.int32(0), .string("abc")]) == .string("0"))
        #expect(
            try FunctionTesting.call("if_null", types: [.int32, .string], [.null, .string("abc")]) == .string("abc"))
        #expect(try FunctionTesting.call("if_null", types: [.string, .string], [.null, .null]) == .null)
        #expect(try FunctionTesting.call("if_null", [.string("ü"), .string("x")]) == .string("ü"))
        #expect(throws: TideError.self) { try FunctionResolver.resolve("if_null", argumentTypes: [.date, .int32]) }
    }

    @Test func nvl2PicksByTheFirstArgument() throws {
        #expect(
            try FunctionTesting.call("nvl2", types: [.int32, .int32, .int32], [.null, .int32(2), .int32(1)])
                == .int32(1))
        #expect(try FunctionTesting.call("nvl2", [.int32(0), .string("abc"), .int32(3)]) == .string("abc"))
        #expect(
            try FunctionTesting.call("nvl2", types: [.int32, .string, .int32], [.null, .string("abc"), .int32(3)])
                == .string("3"))
        #expect(try FunctionTesting.call("nvl2", [.date(0), .int16(1), .double(2.5)]) == .double(1))
        #expect(
            try FunctionTesting.call("nvl2", types: [.timestamp, .int32, .int32], [.timestamp(0), .null, .int32(1)])
                == .null)
    }
}
