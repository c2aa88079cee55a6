import Foundation
import TideCore
import TideSQL

/// A failure raised by the SQL assertion helpers, with the statement that caused it.
public struct SQLAssertionFailure: Error, CustomStringConvertible {
    public var description: String

    public init(description: String) { self.description = description }
}

/// Parses `sql`, checks that printing and reparsing gives the same AST (sqlparser-rs'
/// `verified_stmt`), and returns the statement. Every accepting parser test goes through this,
/// so every statement in the suite is round-trip checked.
@discardableResult
public func parseVerified(_ sql: String) throws -> Statement {
    let statement: Statement
    do {
        statement = try Parser.parseStatement(sql)
    } catch {
        throw SQLAssertionFailure(description: "failed to parse: \(sql)\n\(error)")
    }
    let printed = SQLPrinter.print(statement)
    let reparsed: Statement
    do {
        reparsed = try Parser.parseStatement(printed)
    } catch {
        throw SQLAssertionFailure(description: "printed SQL does not parse: \(printed)\n\(error)")
    }
    guard reparsed == statement else {
        throw SQLAssertionFailure(description: "round trip changed the AST:\n  \(sql)\n  \(printed)")
    }
    guard SQLPrinter.print(reparsed) == printed else {
        throw SQLAssertionFailure(description: "printing is not a fixpoint for: \(printed)")
    }
    return statement
}

/// Parses `sql` and returns its canonical text (after the round-trip check).
public func canonical(_ sql: String) throws -> String {
    SQLPrinter.print(try parseVerified(sql))
}

/// Parses a query statement and returns it.
public func parseQuery(_ sql: String) throws -> QueryStatement {
    guard case .query(let q) = try parseVerified(sql) else {
        throw SQLAssertionFailure(description: "not a query: \(sql)")
    }
    return q
}

/// The expected error position is marked with `1️⃣` in `marked`; returns the error after
/// checking its SQLSTATE, that the message contains `contains`, and that its position is
/// the marker's (1-based line and column).
@discardableResult
public func expectParseError(
    _ marked: String, code: SQLState = .syntaxError, contains fragment: String = ""
) throws -> TideError {
    let marker = "1️⃣"
    let parts = marked.components(separatedBy: marker)
    guard parts.count <= 2 else { throw SQLAssertionFailure(description: "more than one marker in \(marked)") }
    let sql = parts.joined()
    do {
        let statement = try Parser.parseStatement(sql)
        throw SQLAssertionFailure(description: "expected an error, parsed: \(SQLPrinter.print(statement))")
    } catch let error as TideError {
        guard error.code == code else {
            throw SQLAssertionFailure(description: "expected \(code), got \(error) for \(sql)")
        }
        guard fragment.isEmpty || error.message.contains(fragment) else {
            throw SQLAssertionFailure(description: "message \"\(error.message)\" lacks \"\(fragment)\"")
        }
        if parts.count == 2 {
            let before = parts[0]
            let lines = before.split(separator: "\n", omittingEmptySubsequences: false)
            let line = lines.count
            let column = (lines.last?.count ?? 0) + 1
            guard let position = error.position, position.line == line, position.column == column,
                position.offset == before.utf8.count
            else {
                throw SQLAssertionFailure(
                    description:
                        "expected error at line \(line), column \(column); got \(String(describing: error.position))"
                )
            }
        }
        return error
    }
}
