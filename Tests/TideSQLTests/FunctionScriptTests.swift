import Testing
import TideCore
import TideTestSupport

@testable import TideSQL

@Suite struct FunctionScriptTests {
    @Test func scriptWithTwoFunctionsAndAQuery() throws {
        let sql = """
            %%fun
            def test_add(x:i32,y:i32):i32
                return x+y
            end
            def test_sum(col:list<i32>):i32
                res = 0
                for x in col
                    res += x
                return res
            end
            %%sql
            SELECT test_sum(c1) FROM t
            """
        guard case .functionScript(let script) = try parseVerified(sql) else {
            throw SQLAssertionFailure(description: "not a script")
        }
        #expect(script.functions.map(\.name.name) == ["test_add", "test_sum"])
        #expect(script.functions[1].parameters[0].type == .list(.scalar(Identifier("i32"))))
        #expect(script.functions[1].body.count == 4)
        #expect(script.query != nil)
    }

    @Test func branchesAndSubscripts() throws {
        try parseVerified(
            "%%fun def test(x:i32,y:i32):i32 if x > 1 c=x+y elif y >1 c=x-y else c = 9999 return c end")
        try parseVerified("%%fun def test(col:list<float>, pos:i32):float sum = col[pos] return sum end")
    }

    @Test func scriptErrors() throws {
        try expectParseError("%%fun def test(x:i32):i32 return x + 1 1️⃣", contains: "a statement")
        try expectParseError("%%fun 1️⃣test(x:i32):i32 return x end", contains: "DEF")
    }
}
