import Foundation
import TideCore
import TideDB
import XCTest

@testable import TideHTTP

/// The compiled-deployment cache stays valid until the catalog changes what it read.
final class DeploymentCacheTests: XCTestCase {
    func testEntryStaysCurrentUntilATableItReadsChanges() throws {
        let server = try HTTPTestServer()
        defer { try? FileManager.default.removeItem(atPath: server.directory) }
        let cache = server.database.deploymentCache
        XCTAssertFalse(cache.isCurrent("demo", in: "demo_db"))
        let entry = try cache.deployment("demo", in: "demo_db")
        XCTAssertEqual(entry.tables.map(\.name), ["t1"])
        XCTAssertEqual(entry.info.sql, server.database.deployment("demo", in: "demo_db")?.sql)
        // Right after compiling, the entry matches the catalog (so requests do not recompile).
        XCTAssertTrue(cache.isCurrent("demo", in: "demo_db"))

        // Another deployment adds an index to t1: the plan may now choose differently.
        try server.execute(
            """
            DEPLOY other SELECT c2, count(c3) OVER w AS n FROM t1
                WINDOW w AS (PARTITION BY c2 ORDER BY c6 ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)
            """)
        XCTAssertFalse(cache.isCurrent("demo", in: "demo_db"))
        _ = try cache.deployment("demo", in: "demo_db")
        XCTAssertTrue(cache.isCurrent("demo", in: "demo_db"))

        cache.removeAll()
        XCTAssertFalse(cache.isCurrent("demo", in: "demo_db"))
        XCTAssertThrowsError(try cache.deployment("missing", in: "demo_db"))
    }
}
