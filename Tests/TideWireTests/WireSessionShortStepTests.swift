import TideCore
import TideDB
import TideMetrics
import XCTest

@testable import TideWire

/// Which extended-protocol messages the server may run on the event loop: the steps of a
/// prepared deployment call, once the deployment's recent calls were short.
final class WireSessionShortStepTests: XCTestCase {
    private func makeSession(metrics: ServerMetrics? = nil) throws -> WireSession {
        try makeScratchSession(
            self, metrics: metrics,
            running: [
                "CREATE DATABASE shop", "USE shop",
                "CREATE TABLE txn (id bigint, card string, amount double, ts timestamp, INDEX(KEY=card, TS=ts))",
                "INSERT INTO txn VALUES (1, 'c1', 10.0, 1000), (2, 'c1', 25.0, 61000)",
                """
                DEPLOY spend SELECT id, sum(amount) OVER w AS total FROM txn
                    WINDOW w AS (PARTITION BY card ORDER BY ts ROWS_RANGE BETWEEN 1h PRECEDING AND CURRENT ROW)
                """,
            ])
    }

    private func bind(_ portal: String, _ statement: String, _ values: [String]) -> FrontendMessage {
        .bind(
            BindMessage(
                portal: portal, statement: statement, parameterFormats: [.text],
                parameters: values.map { Array($0.utf8) }, resultFormats: [.text]))
    }

    /// One prepared call: Bind, Describe, Execute, Sync; returns the data rows' texts.
    private func call(_ session: WireSession, id: Int) -> [[String?]] {
        var out: [BackendMessage] = []
        for message in [
            bind("", "call", ["\(id)", "c1", "1.5", "62000"]), .describe(.portal("")),
            .execute(portal: "", maxRows: 0), .sync,
        ] {
            let (messages, failed) = session.extended(message)
            XCTAssertFalse(failed, "\(messages)")
            out += messages
        }
        return rowTexts(out)
    }

    func testDeploymentCallStepsBecomeShortAfterTheWarmUpCalls() throws {
        let session = try makeSession()
        let parse = FrontendMessage.parse(
            ParseMessage(
                name: "call", query: "EXECUTE DEPLOYMENT spend VALUES ($1, $2, $3, $4)",
                parameterTypes: [20, 25, 701, 20]))
        XCTAssertFalse(session.isShortStep(parse), "Parse may parse anything")
        XCTAssertFalse(session.extended(parse).failed)
        XCTAssertTrue(session.isShortStep(bind("", "call", ["9", "c1", "1.5", "62000"])))
        XCTAssertTrue(session.isShortStep(.sync))
        XCTAssertTrue(session.isShortStep(.flush))

        // Until the deployment made its warm-up calls, running its portal is not short.
        XCTAssertEqual(call(session, id: 9), [["9", "36.5"]])
        _ = session.extended(bind("", "call", ["10", "c1", "1.5", "62000"]))
        XCTAssertFalse(session.isShortStep(.describe(.portal(""))))
        XCTAssertFalse(session.isShortStep(.execute(portal: "", maxRows: 0)))
        _ = session.extended(.sync)

        // Short calls recorded (a debug build's real calls may be slower than the limit).
        let entry = try session.session.database.deploymentCache.deployment("spend", in: "shop")
        for _ in 0..<200 { entry.callTimes.record(.microseconds(100)) }
        _ = session.extended(bind("", "call", ["11", "c1", "1.5", "62000"]))
        XCTAssertTrue(session.isShortStep(.describe(.portal(""))))
        XCTAssertTrue(session.isShortStep(.execute(portal: "", maxRows: 0)))
        XCTAssertFalse(session.isShortStep(.describe(.portal("no such portal"))))
        _ = session.extended(.sync)
        XCTAssertEqual(call(session, id: 12), [["12", "36.5"]])
    }

    func testOtherStatementsAreNeverShort() throws {
        let session = try makeSession()
        XCTAssertFalse(session.isShortStep(.query("EXECUTE DEPLOYMENT spend VALUES (1, 'c1', 1.0, 1000)")))
        _ = session.extended(
            .parse(ParseMessage(name: "q", query: "SELECT id FROM txn WHERE id > $1", parameterTypes: [20])))
        let bindQuery = bind("p", "q", ["0"])
        XCTAssertFalse(session.isShortStep(bindQuery), "binding may substitute and parse the statement again")
        _ = session.extended(bindQuery)
        XCTAssertFalse(session.isShortStep(.describe(.portal("p"))))
        XCTAssertFalse(session.isShortStep(.execute(portal: "p", maxRows: 0)))
        XCTAssertFalse(session.isShortStep(.describe(.statement("q"))))
        XCTAssertFalse(session.isShortStep(.close(.portal("p"))))
    }

    func testPreparedCallsCountInTheDeploymentsMetrics() throws {
        let metrics = ServerMetrics()
        let session = try makeSession(metrics: metrics)
        let parse = FrontendMessage.parse(
            ParseMessage(
                name: "call", query: "EXECUTE DEPLOYMENT shop.spend VALUES ($1, $2, $3, $4)",
                parameterTypes: [20, 25, 701, 20]))
        XCTAssertFalse(session.extended(parse).failed)
        for id in 0..<3 { XCTAssertEqual(call(session, id: id), [["\(id)", "36.5"]]) }
        let text = metrics.render(database: session.session.database)
        let line = text.split(separator: "\n").first {
            $0.hasPrefix("tide_deployment_requests_total") && $0.contains(#"deployment="spend""#)
                && $0.contains(#"database="shop""#)
        }
        XCTAssertEqual(line.flatMap { $0.split(separator: " ").last }, "3", text)
    }
}
