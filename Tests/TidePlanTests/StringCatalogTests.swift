import Testing
import TideCore
import TidePlan

@Suite("String function catalog")
struct StringCatalogTests {
    @Test func aliasesResolveToTheirFunctions() throws {
        #expect(FunctionCatalog.lookup("SUBSTR")?.name == "substring")
        #expect(FunctionCatalog.lookup("lower")?.name == "lcase")
        #expect(FunctionCatalog.lookup("upper")?.name == "ucase")
        #expect(FunctionCatalog.lookup("character_length")?.name == "char_length")
    }

    @Test func joinIsBothScalarAndAggregate() throws {
        let scalar = try FunctionResolver.resolve("join", argumentTypes: [.array(.string), .string])
        let aggregate = try FunctionResolver.resolve("join", argumentTypes: [.string, .string])
        #expect(scalar.kind == .scalar)
        #expect(aggregate.kind == .aggregate)
    }

    @Test func concatTakesArgumentsOfAnyScalarTypes() throws {
        let signature = try FunctionResolver.resolve("concat", argumentTypes: [.string, .int64, .double, .timestamp])
        #expect(signature.returnType == .string)
        #expect(signature.acceptsAnyScalar)
        let separated = try FunctionResolver.resolve("concat_ws", argumentTypes: [.string, .int32, .bool])
        #expect(separated.name == "concat_ws")
        #expect(throws: TideError.self) { try FunctionResolver.resolve("concat", argumentTypes: [.array(.string)]) }
    }

    @Test func splitKeepsNullInputs() throws {
        let signature = try FunctionResolver.resolve("split", argumentTypes: [.null, .string])
        #expect(signature.nullPropagating == false)
        #expect(signature.returnType == .array(.string))
    }
}
