import Foundation
import Testing
import TideCore
import TideStore

/// Loads a generated CSV of about 200 MB (`TIDE_OFFLINE_STREAM_MB` overrides the size) into
/// the offline store and reads it back, checking that the process's peak RSS grows by far less
/// than the file's size: both the CSV reader and the segment writer stream.
@Suite("Offline streaming", .serialized)
struct OfflineStreamingTests {
    static let table = makeTable([
        ("id", .int64), ("user", .string), ("amount", .double), ("ts", .timestamp), ("day", .date),
        ("flag", .bool), ("qty", .int32),
    ])

    /// Peak resident set size in bytes (`VmHWM` of /proc/self/status).
    private static func peakRSS() throws -> Int {
        let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") })
        let kilobytes = try #require(Int(line.split(separator: " ")[1]))
        return kilobytes * 1024
    }

    /// Resets the peak RSS to the current RSS (Linux `clear_refs` value 5), so earlier tests
    /// do not hide the growth measured here.
    private static func resetPeakRSS() {
        try? Data("5".utf8).write(to: URL(fileURLWithPath: "/proc/self/clear_refs"))
    }

    /// Writes rows until the file reaches `bytes`; returns the row count.
    private static func generate(_ path: String, bytes: Int) throws -> Int {
        guard let handle = FileHandle(forWritingAtPath: path) else {
            throw TideError(.ioError, "cannot write \(path)")
        }
        defer { try? handle.close() }
        var chunk: [UInt8] = Array("id,user,amount,ts,day,flag,qty\n".utf8)
        var written = 0
        var rows = 0
        while written < bytes {
            let line =
                "\(rows),\"user_\(rows % 100_000)\",\(Double(rows % 10_000) / 16),\(1_590_738_990_000 + rows * 1000),"
                + "20\(10 + rows % 10)-0\(1 + rows % 9)-1\(rows % 10),\(rows % 2 == 0),\(rows % 1000)\n"
            chunk.append(contentsOf: line.utf8)
            rows += 1
            if chunk.count >= 4 << 20 {
                try handle.write(contentsOf: chunk)
                written += chunk.count
                chunk.removeAll(keepingCapacity: true)
            }
        }
        try handle.write(contentsOf: chunk)
        return rows
    }

    static let childVariable = "TIDE_OFFLINE_STREAM_CHILD"

    /// Runs the measurement in a child process running only this suite, so tests running in
    /// parallel in this process cannot inflate the peak RSS it measures.
    @Test("a large CSV loads and scans with bounded memory")
    func boundedMemory() throws {
        if ProcessInfo.processInfo.environment[Self.childVariable] != nil {
            try measure()
            return
        }
        let child = Process()
        child.executableURL = URL(
            fileURLWithPath: try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
        child.arguments = ["--testing-library", "swift-testing", "--filter", "OfflineStreamingTests"]
        child.environment = ProcessInfo.processInfo.environment.merging([Self.childVariable: "1"]) { $1 }
        let output = Pipe()
        child.standardOutput = output
        child.standardError = output
        try child.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        child.waitUntilExit()
        print(
            text.split(separator: "\n").filter { $0.contains("offline streaming:") || $0.contains("✘") }
                .joined(separator: "\n"))
        #expect(child.terminationStatus == 0, "the measuring child failed:\n\(text.suffix(2000))")
    }

    private func measure() throws {
        let megabytes = Int(ProcessInfo.processInfo.environment["TIDE_OFFLINE_STREAM_MB"] ?? "") ?? 200
        try withScratchDirectory { dir in
            let path = dir + "/big.csv"
            _ = FileManager.default.createFile(atPath: path, contents: nil)
            let expectedRows = try Self.generate(path, bytes: megabytes << 20)
            let fileSize = try #require(
                try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)

            Self.resetPeakRSS()
            let before = try Self.peakRSS()
            let store = OfflineStore(root: dir + "/store")
            let started = Date()
            let writer = try store.writer(for: Self.table, mode: .append)
            let reader = try CSVReader(path: path, table: Self.table, batchSize: 8192)
            while let batch = try reader.next() { try writer.append(batch) }
            try writer.commit()
            let loadSeconds = Date().timeIntervalSince(started)
            let afterLoad = try Self.peakRSS()

            let scanStarted = Date()
            var iterator = try store.source(for: Self.table).scan(batchSize: 8192)
            var rows = 0
            var idSum: Int64 = 0
            while let batch = try iterator.next() {
                rows += batch.count
                for value in batch.columns[0] { idSum &+= value.int64Value ?? 0 }
            }
            let scanSeconds = Date().timeIntervalSince(scanStarted)
            let afterScan = try Self.peakRSS()
            try FileManager.default.removeItem(atPath: path)

            let mb = Double(fileSize) / 1_048_576
            print(
                "offline streaming: \(Int(mb)) MB, \(rows) rows; load \(Int(mb / loadSeconds)) MB/s "
                    + "(\(Int(Double(rows) / loadSeconds)) rows/s), scan \(Int(Double(rows) / scanSeconds)) rows/s; "
                    + "peak RSS +\((afterLoad - before) >> 20) MB load, +\((afterScan - before) >> 20) MB scan")
            #expect(rows == expectedRows)
            #expect(reader.rowsRead == Int64(expectedRows))
            #expect(idSum == Int64(expectedRows) * Int64(expectedRows - 1) / 2)
            #expect(afterLoad - before < fileSize / 4)
            #expect(afterScan - before < fileSize / 4)
        }
    }
}
