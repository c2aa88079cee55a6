import Foundation
import TideCore
import TideDB

// Request latency next to the raw RocksDB read of the same rows (issue 5's benchmark).
//
//   swift run -c release tide-request-bench <gen.py data dir> [requests] [--alone] [--only=NAME]
//
// Loads transactions and refunds into the online store, deploys a ~100-row window (1d), a
// ~1000-row window (10d) and tidebench's seven windows, then, for each request row of
// requests.csv, times the deployment's request (in process, plan prepared once) and the raw
// index read of the same rows (one seek and scan through the same store). Prints p50/p99.
// With --alone, each deployment is then timed a second time on its own, without the raw read
// of the same rows just before each call (which warms the caches the request reads); that
// figure is the one to compare a call over the wire with (benchmarks/load).

func percentile(_ samples: [Double], _ p: Double) -> Double {
    let sorted = samples.sorted()
    return sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
}

func parseCSV(_ path: String) throws -> [[String]] {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    return text.split(separator: "\n").dropFirst().map { line in
        line.split(separator: ",", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
    }
}

let alone = CommandLine.arguments.contains("--alone")
// --only=NAME times one deployment (w100, w1000 or tidebench), for profiling it alone.
let only = CommandLine.arguments.first { $0.hasPrefix("--only=") }.map { String($0.dropFirst("--only=".count)) }
let arguments = CommandLine.arguments.filter { $0 != "--alone" && !$0.hasPrefix("--only=") }
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: tide-request-bench DATA_DIR [REQUESTS] [--alone]\n".utf8))
    exit(2)
}
let dataDir = arguments[1]
let requestCount = arguments.count > 2 ? Int(arguments[2]) ?? 2000 : 2000
let work = NSTemporaryDirectory() + "tide-request-bench-\(getpid())"
defer { try? FileManager.default.removeItem(atPath: work) }

do {
    let database = try Database(directory: work)
    let session = database.session()
    let setup = """
        CREATE DATABASE bench; USE bench;
        CREATE TABLE transactions (txn_id bigint, user_id string, merchant_id string, category string, amount double,
          ts timestamp, INDEX(KEY=user_id, TS=ts), INDEX(KEY=merchant_id, TS=ts));
        CREATE TABLE refunds (txn_id bigint, user_id string, merchant_id string, category string, amount double,
          ts timestamp, INDEX(KEY=user_id, TS=ts));
        """
    for statement in setup.split(separator: ";") where !statement.allSatisfy(\.isWhitespace) {
        _ = try session.execute(String(statement))
    }
    var started = Date()
    for table in ["transactions", "refunds"] {
        _ = try session.execute(
            "LOAD DATA INFILE '\(dataDir)/\(table).csv' INTO TABLE \(table) OPTIONS (mode='append')")
    }
    print(String(format: "loaded online store in %.1f s", Date().timeIntervalSince(started)))
    let deployments = [
        (
            "w100",
            "SELECT txn_id, count(amount) OVER w AS c, sum(amount) OVER w AS s, avg(amount) OVER w AS a, max(amount) OVER w AS m FROM transactions WINDOW w AS (PARTITION BY user_id ORDER BY ts ROWS_RANGE BETWEEN 1d PRECEDING AND CURRENT ROW)",
            Int64(86_400_000)
        ),
        (
            "w1000",
            "SELECT txn_id, count(amount) OVER w AS c, sum(amount) OVER w AS s, min(amount) OVER w AS m, distinct_count(merchant_id) OVER w AS d, count_where(amount, category = 'online') OVER w AS o FROM transactions WINDOW w AS (PARTITION BY user_id ORDER BY ts ROWS_RANGE BETWEEN 10d PRECEDING AND CURRENT ROW)",
            Int64(864_000_000)
        ),
    ]
    for (name, sql, _) in deployments { _ = try session.execute("DEPLOY \(name) \(sql)") }
    let features = try String(contentsOfFile: "../shared/bench/features.sql", encoding: .utf8)
    if let start = features.range(of: "  SELECT\n    txn_id, user_id"), let end = features.range(of: ") AS feat") {
        _ = try session.execute("DEPLOY tidebench " + features[start.lowerBound..<end.lowerBound])
    }
    let table =
        try database.table("transactions", in: "bench").map { $0 }
        ?? {
            throw TideError(.undefinedTable, "transactions")
        }()
    let index = table.indexes[0].name
    let requests = try parseCSV(dataDir + "/requests.csv").prefix(requestCount).map { f -> [Value] in
        [
            .int64(Int64(f[0]) ?? 0), .string(f[1]), .string(f[2]), .string(f[3]), .double(Double(f[4]) ?? 0),
            .timestamp(Int64(f[5]) ?? 0),
        ]
    }
    for (name, _, range) in deployments + [("tidebench", "", Int64(864_000_000))] where only.map({ $0 == name }) ?? true
    {
        let prepared = try database.prepare(deployment: name, in: "bench")
        var request: [Double] = []
        var raw: [Double] = []
        var rows = 0
        for row in requests {
            guard case .string(let user) = row[1], case .timestamp(let t) = row[5] else { continue }
            started = Date()
            let stored = try database.indexReader.rows(
                table: table, index: index, key: [.string(user)], from: t - range, to: t, limit: nil)
            raw.append(Date().timeIntervalSince(started) * 1e6)
            rows += stored.count
            started = Date()
            _ = try prepared.execute(row)
            request.append(Date().timeIntervalSince(started) * 1e6)
        }
        print(
            String(
                format:
                    "%@: %d requests, %.0f rows/window; request p50 %.0f µs p99 %.0f µs; raw read p50 %.0f µs p99 %.0f µs; p99 ratio %.2f",
                name, request.count, Double(rows) / Double(max(1, request.count)), percentile(request, 0.5),
                percentile(request, 0.99), percentile(raw, 0.5), percentile(raw, 0.99),
                percentile(request, 0.99) / percentile(raw, 0.99)))
        if alone {
            var timed: [Double] = []
            for row in requests {
                started = Date()
                _ = try prepared.execute(row)
                timed.append(Date().timeIntervalSince(started) * 1e6)
            }
            print(
                String(
                    format: "%@ alone: %d requests; request p50 %.0f µs p99 %.0f µs p999 %.0f µs mean %.0f µs",
                    name, timed.count, percentile(timed, 0.5), percentile(timed, 0.99), percentile(timed, 0.999),
                    timed.reduce(0, +) / Double(max(1, timed.count))))
        }
    }
} catch {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(1)
}
