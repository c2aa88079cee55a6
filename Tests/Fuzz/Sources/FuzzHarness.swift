import Foundation
import TideCore
import TideDB

/// Runs fuzzed inputs against a small fixed database in one data directory: SQL text through
/// parse → bind → plan → execute (online, offline and request mode alike, whatever the input
/// asks for) and CSV bytes through LOAD DATA. Every outcome is a result or a SQLSTATE; what
/// the fuzzer hunts is an internal error (XX000), a statement that overruns the statement
/// timeout, or a signal (which ends the process: the input being run is always written to
/// `current-input` first, so the reproducer survives).
public final class FuzzHarness {
    public enum Outcome: Equatable, Sendable {
        case ok
        case error(String)
        /// An internal error (XX000): a finding.
        case internalError(String)
        /// The statement ran past the timeout by more than the grace: a finding. Wall-clock
        /// seconds and the CPU seconds the statement's thread used (far less CPU than wall time
        /// means the machine was busy with something else, not that the statement ran away).
        case hang(wall: Double, cpu: Double)
    }

    public let directory: String
    let timeoutMs = 1_000
    private var database: Database
    private var session: Session
    private var runs = 0

    public init(directory: String) throws {
        self.directory = directory
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        database = try Database(directory: directory + "/data")
        session = database.session()
        try resetFixture()
    }

    static let fixture = [
        "USE fuzz",
        "CREATE TABLE t (id int, k string, v double, n bigint, d date, ts timestamp, INDEX(KEY=k, TS=ts))",
        "CREATE TABLE u (id int, k string, v double, n bigint, d date, ts timestamp, INDEX(KEY=k, TS=ts))",
        "CREATE TABLE p (k string, level int, ts timestamp, INDEX(KEY=k, TS=ts))",
    ]

    /// The tables, their rows (online and offline) and the session settings, as new.
    func resetFixture() throws {
        session = database.session()
        try dropFixtureTables()
        for sql in Self.fixture { _ = try session.execute(sql) }
        let rows = (0..<24).map { i in
            "(\(i), '\(["a", "b", "c", ""][i % 4])', \(i % 5 == 0 ? "NULL" : String(Double(i) * 1.5)), "
                + "\(i * 1_000_003 - 7), '2024-01-\(10 + i % 18)', \(1_000 + i / 2 * 1_000))"
        }
        for mode in ["offline", "online"] {
            _ = try session.execute("SET @@execute_mode = '\(mode)'")
            _ = try session.execute("INSERT INTO t VALUES " + rows.joined(separator: ", "))
            _ = try session.execute("INSERT INTO u VALUES " + rows.prefix(8).joined(separator: ", "))
            _ = try session.execute("INSERT INTO p VALUES ('a', 1, 500), ('b', 2, 3000), ('a', 3, 9000)")
        }
        _ = try session.execute("SET @@statement_timeout_ms = \(timeoutMs)")
    }

    /// Drops database `fuzz` with whatever inputs left in it, and creates it empty.
    private func dropFixtureTables() throws {
        if (try? session.execute("USE fuzz")) != nil {
            for deployment in (try? session.execute("SHOW DEPLOYMENTS").rows) ?? [] {
                if case .string(let name)? = deployment.first { _ = try? session.execute("DROP DEPLOYMENT \(name)") }
            }
            for table in (try? session.execute("SHOW TABLES").rows) ?? [] {
                if case .string(let name)? = table.first { _ = try? session.execute("DROP TABLE \(name)") }
            }
            _ = try session.execute("DROP DATABASE fuzz")
        }
        _ = try session.execute("CREATE DATABASE fuzz")
    }

    /// Runs one SQL input. The fixture is rebuilt every 200 inputs (inputs may drop or change it).
    public func run(sql: String) -> Outcome {
        runs += 1
        if runs % 200 == 0 { try? resetFixture() }
        try? sql.write(toFile: directory + "/current-input", atomically: false, encoding: .utf8)
        return timed { _ = try session.execute(sql) }
    }

    /// Loads CSV bytes into `t` (online or offline).
    public func run(csv: [UInt8], offline: Bool) -> Outcome {
        runs += 1
        if runs % 200 == 0 { try? resetFixture() }
        let path = directory + "/input.csv"
        FileManager.default.createFile(atPath: path, contents: Data(csv))
        try? "LOAD DATA of input.csv (\(offline ? "offline" : "online"))".write(
            toFile: directory + "/current-input", atomically: false, encoding: .utf8)
        return timed {
            _ = try session.execute("SET @@execute_mode = '\(offline ? "offline" : "online")'")
            _ = try session.execute("LOAD DATA INFILE '\(path)' INTO TABLE t OPTIONS (header = true, mode = 'append')")
        }
    }

    private func timed(_ body: () throws -> Void) -> Outcome {
        // Every input runs under the same timeout: a SET among the inputs cannot lift it.
        session.statementTimeoutMs = Int64(timeoutMs)
        let start = DispatchTime.now().uptimeNanoseconds
        let cpuStart = Self.threadCPUSeconds()
        var outcome = Outcome.ok
        do {
            try body()
        } catch let error as TideError {
            outcome =
                error.code == .internalError ? .internalError(error.message) : .error(error.code.rawValue)
        } catch {
            outcome = .internalError(String(describing: error))
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        // The timeout is checked cooperatively: allow a generous grace before calling it a hang.
        if seconds > Double(timeoutMs) / 1000 + 4 {
            return .hang(wall: seconds, cpu: Self.threadCPUSeconds() - cpuStart)
        }
        return outcome
    }

    private static func threadCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
