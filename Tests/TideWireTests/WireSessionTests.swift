import TideCore
import TideDB
import XCTest

@testable import TideWire

/// The session's protocol behaviour, driven with messages and no socket.
final class WireSessionTests: XCTestCase {
    private func makeSession() throws -> WireSession {
        try makeScratchSession(
            self,
            running: [
                "CREATE DATABASE shop", "USE shop",
                "CREATE TABLE txn (id bigint, card string, amount double, ts timestamp, INDEX(KEY=card, TS=ts))",
                "INSERT INTO txn VALUES (1, 'c1', 10.0, 1000), (2, 'c1', 25.0, 61000), (3, 'c2', 5.0, 2000)",
            ])
    }

    func testSimpleQueryReturnsRowsAndTags() throws {
        let session = try makeSession()
        let out = session.simpleQuery("SELECT id, amount FROM txn WHERE card = 'c1'")
        XCTAssertEqual(kinds(out), ["T", "D", "D", "C:SELECT 2", "Z"])
        XCTAssertEqual(Set(rowTexts(out).map { $0.compactMap { $0 } }), [["1", "10"], ["2", "25"]])
        XCTAssertEqual(kinds(session.simpleQuery("")), ["I", "Z"])
        XCTAssertEqual(
            kinds(session.simpleQuery("INSERT INTO txn VALUES (4, 'c3', 1.0, 3000)")), ["C:INSERT 0 1", "Z"])
    }

    func testSimpleQueryStopsAtFirstError() throws {
        let session = try makeSession()
        let out = session.simpleQuery("SELECT 1 AS a; SELECT nosuch FROM txn; SELECT 2 AS b")
        XCTAssertEqual(kinds(out), ["T", "D", "C:SELECT 1", "E:42703", "Z"])
        guard case .error(let fields) = out[3] else { return XCTFail("expected an error") }
        XCTAssertEqual(fields.position, 23, "1-based character position within the whole query text")
    }

    func testExtendedQueryWithParametersAndRowLimit() throws {
        let session = try makeSession()
        var out: [BackendMessage] = []
        for message: FrontendMessage in [
            .parse(ParseMessage(name: "s1", query: "SELECT id FROM txn WHERE amount > $1", parameterTypes: [701])),
            .describe(.statement("s1")),
            .bind(
                BindMessage(
                    portal: "p", statement: "s1", parameterFormats: [.text], parameters: [Array("4.5".utf8)],
                    resultFormats: [.binary])),
            .describe(.portal("p")),
            .execute(portal: "p", maxRows: 2),
            .execute(portal: "p", maxRows: 2),
            .sync,
        ] {
            let (messages, failed) = session.extended(message)
            XCTAssertFalse(failed)
            out += messages
        }
        XCTAssertEqual(kinds(out), ["1", "t", "T", "2", "T", "D", "D", "s", "D", "C:SELECT 1", "Z"])
        let ids = rowTexts(out).map { row in row[0].map { Array($0.utf8) } }
        XCTAssertEqual(ids.count, 3)
        XCTAssertTrue(ids.allSatisfy { $0?.count == 8 }, "binary int8 results are 8 bytes")
    }

    func testInsertParameterTypesAreInferred() throws {
        let session = try makeSession()
        let (out, failed) = session.extended(
            .parse(ParseMessage(name: "ins", query: "INSERT INTO txn VALUES ($1, $2, $3, $4)", parameterTypes: [])))
        XCTAssertFalse(failed)
        XCTAssertEqual(kinds(out), ["1"])
        let (described, _) = session.extended(.describe(.statement("ins")))
        XCTAssertEqual(described.first, .parameterDescription([20, 25, 701, 1114]))
        let values = ["9", "c9", "1.5", "1970-01-01 00:00:09+00"].map { Optional(Array($0.utf8)) }
        let (bound, bindFailed) = session.extended(
            .bind(
                BindMessage(portal: "", statement: "ins", parameterFormats: [], parameters: values, resultFormats: [])))
        XCTAssertFalse(bindFailed, "\(bound)")
        let (executed, _) = session.extended(.execute(portal: "", maxRows: 0))
        XCTAssertEqual(kinds(executed), ["C:INSERT 0 1"])
        XCTAssertEqual(rowTexts(session.simpleQuery("SELECT ts FROM txn WHERE id = 9")), [["1970-01-01 00:00:09"]])
    }

    /// Runs Parse/Bind/Execute/Sync of `sql` with text parameters; returns the messages.
    private func runPrepared(
        _ session: WireSession, _ sql: String, types: [Int32], _ values: [String?]
    ) -> [BackendMessage] {
        var out: [BackendMessage] = []
        for message: FrontendMessage in [
            .parse(ParseMessage(name: "", query: sql, parameterTypes: types)),
            .bind(
                BindMessage(
                    portal: "", statement: "", parameterFormats: [],
                    parameters: values.map { $0.map { Array($0.utf8) } }, resultFormats: [])),
            .execute(portal: "", maxRows: 0),
        ] {
            let (messages, failed) = session.extended(message)
            out += messages
            if failed { break }
        }
        return out + session.extended(.sync).messages
    }

    func testPreparedDeploymentCallEqualsTheLiteralStatement() throws {
        let session = try makeSession()
        XCTAssertEqual(
            kinds(
                session.simpleQuery(
                    "DEPLOY spend SELECT id, card, sum(amount) OVER w AS total, count(amount) OVER w AS n FROM txn "
                        + "WINDOW w AS (PARTITION BY card ORDER BY ts ROWS_RANGE BETWEEN 2m PRECEDING AND CURRENT ROW)"
                )
            ).last, "Z")
        let literal = session.simpleQuery(
            "EXECUTE DEPLOYMENT spend VALUES (7, 'c1', 1.5, 62000), (8, 'c2', NULL, 3000)")
        XCTAssertEqual(kinds(literal), ["T", "D", "D", "C:EXECUTE 2", "Z"])
        // Placeholders only: the bound values go to the deployment as they are; types
        // inferred from the request table, or declared (text for a double column is cast).
        let inferred = runPrepared(
            session, "EXECUTE DEPLOYMENT spend VALUES ($1, $2, $3, $4), ($5, $6, $7, $8)", types: [],
            ["7", "c1", "1.5", "1970-01-01 00:01:02+00", "8", "c2", nil, "1970-01-01 00:00:03+00"])
        XCTAssertEqual(kinds(inferred), ["1", "2", "D", "D", "C:EXECUTE 2", "Z"])
        XCTAssertEqual(rowTexts(inferred), rowTexts(literal))
        let declared = runPrepared(
            session, "EXECUTE DEPLOYMENT spend VALUES (?, ?, ?, ?)", types: [20, 25, 25, 20],
            ["7", "c1", "1.5", "62000"])
        XCTAssertEqual(rowTexts(declared), [rowTexts(literal)[0]])
        // A literal among the values: the statement is bound with its values written in.
        let mixed = runPrepared(
            session, "EXECUTE DEPLOYMENT spend VALUES ($1, 'c1', $2, 62000)", types: [20, 701], ["7", "1.5"])
        XCTAssertEqual(rowTexts(mixed), [rowTexts(literal)[0]])
        // A value that is not of its column's type is an error naming the column.
        let bad = runPrepared(
            session, "EXECUTE DEPLOYMENT spend VALUES ($1, $2, $3, $4)", types: [20, 25, 25, 20],
            ["7", "c1", "lots", "62000"])
        XCTAssertEqual(kinds(bad), ["1", "2", "E:22P02", "Z"])
        guard case .error(let fields) = bad[2] else { return XCTFail("expected an error") }
        XCTAssertTrue(fields.message.contains("\"amount\""), fields.message)
        let missing = runPrepared(session, "EXECUTE DEPLOYMENT nosuch VALUES ($1)", types: [20], ["7"])
        XCTAssertEqual(kinds(missing).suffix(2), ["E:42704", "Z"])
    }

    func testQueryParameterTypesAreInferredFromWhereTheyStand() throws {
        let session = try makeSession()
        let sql = "SELECT id + $1 AS x, substr(card, $2, 2) AS s FROM txn WHERE amount > $3 AND ts >= $4 AND card = $5"
        _ = session.extended(.parse(ParseMessage(name: "q", query: sql, parameterTypes: [])))
        let (described, _) = session.extended(.describe(.statement("q")))
        XCTAssertEqual(described.first, .parameterDescription([20, 23, 701, 1114, 25]))
        let values = ["1", "1", "5.5", "1970-01-01 00:00:01+00", "c1"].map { Optional(Array($0.utf8)) }
        _ = session.extended(
            .bind(BindMessage(portal: "", statement: "q", parameterFormats: [], parameters: values, resultFormats: [])))
        let (out, failed) = session.extended(.execute(portal: "", maxRows: 0))
        XCTAssertFalse(failed, "\(out)")
        XCTAssertEqual(rowTexts(out), [["2", "c1"], ["3", "c1"]])
    }

    func testParameterCountMismatchIsAnError() throws {
        let session = try makeSession()
        _ = session.extended(.parse(ParseMessage(name: "", query: "SELECT $1 AS x", parameterTypes: [23])))
        let (out, failed) = session.extended(
            .bind(BindMessage(portal: "", statement: "", parameterFormats: [], parameters: [], resultFormats: [])))
        XCTAssertTrue(failed)
        XCTAssertEqual(kinds(out), ["E:08P01"])
    }

    func testStringParametersCannotInjectSQL() throws {
        let session = try makeSession()
        _ = session.extended(.parse(ParseMessage(name: "", query: "SELECT $1 AS x", parameterTypes: [25])))
        let payload = "x'; DROP TABLE txn; --\\"
        _ = session.extended(
            .bind(
                BindMessage(
                    portal: "", statement: "", parameterFormats: [], parameters: [Array(payload.utf8)],
                    resultFormats: [])))
        let (out, _) = session.extended(.execute(portal: "", maxRows: 0))
        XCTAssertEqual(rowTexts(out), [[payload]])
        XCTAssertEqual(kinds(session.simpleQuery("SELECT count(id) AS n FROM txn")).first, "T")
    }

    func testMultipleStatementsCannotBePrepared() throws {
        let session = try makeSession()
        let (out, failed) = session.extended(
            .parse(ParseMessage(name: "", query: "SELECT 1 AS a; SELECT 2 AS b", parameterTypes: [])))
        XCTAssertTrue(failed)
        XCTAssertEqual(kinds(out), ["E:42601"])
    }

    func testTimeZoneChangeIsReported() throws {
        let session = try makeSession()
        let out = session.simpleQuery("SET @@time_zone = '+08:00'")
        XCTAssertTrue(out.contains(.parameterStatus(name: "TimeZone", value: "+08:00")), "\(out)")
        XCTAssertEqual(rowTexts(session.simpleQuery("SELECT ts FROM txn WHERE id = 1")), [["1970-01-01 08:00:01"]])
    }
}
