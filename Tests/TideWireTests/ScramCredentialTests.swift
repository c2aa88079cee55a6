import Foundation
import TideCore
import TideDB
import XCTest

/// Deriving SCRAM verifiers from passwords, and the SQL that stores them.
final class ScramCredentialTests: XCTestCase {
    func testPBKDF2MatchesRFC7677() {
        // SaltedPassword of RFC 7677's example, as computed by PostgreSQL and OpenSSL's
        // PKCS5_PBKDF2_HMAC(SHA-256).
        let salt = Array(Data(base64Encoded: "W22ZaJ0SNY7soEsUEjb6gQ==") ?? Data())
        let salted = ScramCredential.saltedPassword("pencil", salt: salt, iterations: 4096)
        XCTAssertEqual(Data(salted).base64EncodedString(), "xKSVEDI6tPlSysH6mUQZOeeOp01r6B3fcJbodRPcYV0=")
    }

    func testPBKDF2MatchesRFC7914Vector() {
        // RFC 7914 §11: PBKDF2-HMAC-SHA256("passwd", "salt", c = 1), first 32 bytes.
        let derived = ScramCredential.saltedPassword("passwd", salt: Array("salt".utf8), iterations: 1)
        XCTAssertEqual(
            derived.map { String(format: "%02x", $0) }.joined(),
            "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc")
    }

    func testFreshSaltsDiffer() {
        let a = ScramCredential.derive(password: "same")
        let b = ScramCredential.derive(password: "same")
        XCTAssertEqual(a.salt.count, 16)
        XCTAssertEqual(a.iterations, 4096)
        XCTAssertNotEqual(a.salt, b.salt)
        XCTAssertNotEqual(a.storedKey, b.storedKey)
    }

    func testSASLprepMappings() {
        let salt = Array(repeating: UInt8(1), count: 16)
        let plain = ScramCredential.saltedPassword("pass word", salt: salt, iterations: 2)
        // A no-break space maps to a space; a soft hyphen maps to nothing.
        XCTAssertEqual(ScramCredential.saltedPassword("pass\u{00A0}word", salt: salt, iterations: 2), plain)
        XCTAssertEqual(ScramCredential.saltedPassword("pass \u{00AD}word", salt: salt, iterations: 2), plain)
        // NFKC: a ligature and its letters hash alike.
        XCTAssertEqual(
            ScramCredential.saltedPassword("\u{FB01}x", salt: salt, iterations: 2),
            ScramCredential.saltedPassword("fix", salt: salt, iterations: 2))
    }

    func testCreateAlterDropUserThroughSQL() throws {
        let database = try makeScratchDatabase(self)
        let session = database.session()
        _ = try session.execute("CREATE USER alice OPTIONS (password = 's3cret')")
        let first = try XCTUnwrap(database.scramCredential(forUser: "alice"))
        XCTAssertEqual(
            first, ScramCredential.derive(password: "s3cret", salt: first.salt, iterations: first.iterations))
        XCTAssertEqual(database.userNames(), ["alice"])

        XCTAssertThrowsError(try session.execute("CREATE USER alice OPTIONS (password = 'other')")) { error in
            XCTAssertEqual((error as? TideError)?.code.rawValue, "42710")
        }
        _ = try session.execute("CREATE USER IF NOT EXISTS alice OPTIONS (password = 'other')")
        XCTAssertEqual(database.scramCredential(forUser: "alice"), first)

        _ = try session.execute("ALTER USER alice SET OPTIONS (password = 'n3w')")
        let second = try XCTUnwrap(database.scramCredential(forUser: "alice"))
        XCTAssertNotEqual(second.salt, first.salt)
        XCTAssertEqual(second, ScramCredential.derive(password: "n3w", salt: second.salt, iterations: 4096))

        XCTAssertThrowsError(try session.execute("ALTER USER bob SET OPTIONS (password = 'x')")) { error in
            XCTAssertEqual((error as? TideError)?.code.rawValue, "42704")
        }
        _ = try session.execute("ALTER USER IF EXISTS bob SET OPTIONS (password = 'x')")
        _ = try session.execute("DROP USER alice")
        XCTAssertNil(database.scramCredential(forUser: "alice"))
        XCTAssertThrowsError(try session.execute("DROP USER alice")) { error in
            XCTAssertEqual((error as? TideError)?.code.rawValue, "42704")
        }
        _ = try session.execute("DROP USER IF EXISTS alice")
    }

    func testPasswordsAreNeverEchoed() throws {
        let database = try makeScratchDatabase(self)
        let session = database.session()
        let explained = try session.execute("EXPLAIN CREATE USER alice OPTIONS (password = 'hunter2')")
        XCTAssertEqual(explained.rows.count, 1)
        XCTAssertFalse("\(explained.rows)".contains("hunter2"))
        XCTAssertTrue("\(explained.rows)".contains("********"))
        let altered = try session.execute("EXPLAIN ALTER USER alice SET OPTIONS (password = 'hunter2')")
        XCTAssertFalse("\(altered.rows)".contains("hunter2"))

        let failing = [
            "CREATE USER bob OPTIONS (password = 'hunter2', colour = 'hunter2')",
            "CREATE USER bob OPTIONS (password = hunter2)",
            "CREATE USER bob OPTIONS (password = '')",
            "CREATE USER bob",
        ]
        for sql in failing {
            XCTAssertThrowsError(try session.execute(sql), sql) { error in
                let error = error as? TideError
                XCTAssertEqual(error?.code.rawValue, "22023", sql)
                XCTAssertFalse("\(String(describing: error)) \(error?.hint ?? "")".contains("hunter2"), sql)
                XCTAssertNil(error?.position, sql)
            }
        }
        _ = try session.execute("CREATE USER bob OPTIONS (password = 'hunter2')")
        XCTAssertThrowsError(try session.execute("CREATE USER bob OPTIONS (password = 'hunter2')")) { error in
            XCTAssertFalse("\(error)".contains("hunter2"))
        }
    }
}

/// The password of `CREATE USER` is nowhere in the data directory: not in the catalog
/// entries, not in RocksDB's log or tables.
final class ScramPasswordStorageTests: XCTestCase {
    func testPasswordIsNotStored() throws {
        let password = "correct-horse-battery-staple"
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("tide-scram-\(UUID().uuidString)").path
        addTeardownBlock { try? FileManager.default.removeItem(atPath: directory) }
        do {
            let database = try Database(directory: directory)
            let session = database.session()
            _ = try session.execute("CREATE USER alice OPTIONS (password = '\(password)')")
            _ = try session.execute("CREATE USER bob OPTIONS (password = '\(password)')")
            _ = try session.execute("ALTER USER bob SET OPTIONS (password = '\(password)!')")
            XCTAssertNotNil(database.scramCredential(forUser: "alice"))
        }  // closed here: RocksDB flushes what it keeps in memory
        let needle = Array(password.utf8)
        var scanned = 0
        let files = FileManager.default.enumerator(atPath: directory)?.allObjects as? [String] ?? []
        for file in files {
            var isDirectory: ObjCBool = false
            let path = directory + "/" + file
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue
            else { continue }
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
            scanned += bytes.count
            XCTAssertFalse(contains(bytes, needle), "\(file) holds the password")
        }
        XCTAssertGreaterThan(scanned, 0)
        // Reopened, the users are there and authenticate with the password only.
        let database = try Database(directory: directory)
        let alice = try XCTUnwrap(database.scramCredential(forUser: "alice"))
        XCTAssertEqual(alice, ScramCredential.derive(password: password, salt: alice.salt, iterations: 4096))
        let bob = try XCTUnwrap(database.scramCredential(forUser: "bob"))
        XCTAssertEqual(bob, ScramCredential.derive(password: password + "!", salt: bob.salt, iterations: 4096))
    }

    private func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard haystack.count >= needle.count else { return false }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if Array(haystack[start..<(start + needle.count)]) == needle { return true }
        }
        return false
    }
}
