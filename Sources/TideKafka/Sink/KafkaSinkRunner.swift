import Foundation
import Synchronization
import TideCore
import TideDB
import TideExec
import TidePlan
import TideStore

/// Runs one Kafka sink on its own thread: follows the row log of its deployment's request
/// table and, for every row a Kafka source stored there after the sink was created (rows from
/// INSERT and LOAD DATA are history the features read, not events), in arrival order,
/// computes the deployment's features exactly as the request for that row would have been
/// answered when it arrived (the table as it was just before the row: `AsOfIndexReader`) and
/// publishes them as one JSON message.
///
/// **Neither skipped nor repeated.** The sink's position (the seq of the last row published)
/// is stored in the online store after the broker acknowledged everything up to it. Each
/// message carries the row's seq in the header `tide-seq`, and its partition is a fixed hash
/// of its key, so after a crash the sink reads the last message of each partition and does
/// not publish again the rows the broker already has (per partition, an idempotent producer
/// delivers in order and without gaps).
final class KafkaSinkRunner: Sendable {
    let record: ConnectorRecord
    private let database: Database
    let loop = ConnectorLoop<SinkStatistics>()

    init(record: ConnectorRecord, database: Database) {
        self.record = record
        self.database = database
    }

    /// Starts the thread.
    func start() {
        loop.start(name: "tide-sink-\(record.name)") { [self] progressed in try publish(onProgress: progressed) }
    }

    /// Asks the thread to stop after its current batch and waits for it.
    func stop() { loop.stop() }

    /// One connection's life: prepare, find where to go on from, then publish until stopped.
    private func publish(onProgress: () -> Void) throws {
        let (deployment, reader) = try database.prepareAsOf(deployment: record.target, in: record.database)
        let columns = deployment.columns.map(\.name)
        let options = try KafkaSinkOptions(record.options, outputColumns: columns)
        let keyIndex = options.keyColumn.flatMap { columns.firstIndex(of: $0) }
        let table = deployment.requestTable
        guard let tableID = database.tableID(table.name, in: table.database) else {
            throw TideError(.undefinedTable, "table \"\(table.name)\" does not exist")
        }
        let clientID = "tide-sink-\(record.name)"
        let producer = try KafkaProducer(brokers: options.brokers, clientID: clientID, properties: options.properties)
        let metadata = try KafkaConsumer(
            brokers: options.brokers, topic: options.topic, clientID: clientID + "-tail", properties: options.properties
        )
        let partitions = try metadata.partitionCount(timeoutMs: 5000)
        guard partitions > 0 else { throw KafkaError(code: -1, "topic \(options.topic) has no partitions") }
        var position = try startPosition(tableID: tableID)
        // What the broker already has beyond the stored position (a crash after publishing).
        var delivered: [Int32: UInt64] = [:]
        for (partition, message) in try metadata.lastMessages(partitions: Array(0..<partitions), timeoutMs: 10_000) {
            if let text = message.headers["tide-seq"], let seq = UInt64(String(decoding: text, as: UTF8.self)) {
                delivered[partition] = seq
            }
        }
        let newestAtStart = try database.lastSeq(tableID: tableID)
        loop.statistics.withLock {
            $0.state = .running
            $0.position = position
            $0.newest = max(newestAtStart, position)
        }
        while !loop.stopping {
            let rows = try database.rowLog(tableID: tableID, table: table, after: position, limit: options.batchRows)
            let newest = try database.lastSeq(tableID: tableID)
            guard let last = rows.last else {
                loop.statistics.withLock {
                    $0.newest = newest
                    if $0.state == .retrying { $0.state = .running }
                }
                usleep(5_000)
                continue
            }
            var published = 0
            var filtered = 0
            var failures: [String] = []
            // Only rows a source ingested are events to publish; rows from INSERT or LOAD DATA
            // are history the features read, not events.
            let ingested = try database.ingestedRanges(tableID: tableID, within: rows[0].seq...last.seq)
            var nextRange = 0
            for row in rows {
                while nextRange < ingested.count, ingested[nextRange].upperBound < row.seq { nextRange += 1 }
                guard nextRange < ingested.count, ingested[nextRange].contains(row.seq) else { continue }
                reader.hide(fromSeq: row.seq)
                let output: [Value]?
                do {
                    output = try deployment.execute(row.values)
                } catch let error as TideError {
                    failures.append("row seq \(row.seq): \(error.message)")
                    continue
                }
                guard let output else {
                    filtered += 1
                    continue
                }
                let key = keyIndex.map { Array(Cast.text(output[$0], timeZone: .utc).utf8) }
                let partition = Self.partition(of: key, seq: row.seq, count: partitions)
                if let already = delivered[partition], row.seq <= already { continue }
                try producer.produce(
                    topic: options.topic, partition: partition, key: key,
                    value: FeatureJSON.object(columns: columns, values: output),
                    headers: [("tide-seq", String(row.seq)), ("tide-deployment", record.target)])
                published += 1
            }
            // The position moves on only once the broker has every message up to it.
            try producer.flush(timeoutMs: 30_000)
            try database.storeConnectorPositions(record.id, [0: Int64(last.seq)])
            position = last.seq
            onProgress()
            loop.statistics.withLock { stats in
                stats.state = .running
                stats.published += published
                stats.filtered += filtered
                stats.failed += failures.count
                for failure in failures.suffix(SourceStatistics.keptErrors) { stats.report(failure) }
                stats.position = position
                stats.newest = max(newest, position)
                stats.lastPublishMs = database.clockMs
            }
        }
    }

    /// The stored position; a new sink starts after the rows stored before it was created.
    private func startPosition(tableID: UInt32) throws -> UInt64 {
        if let stored = try database.connectorPositions(record.id)[0] { return UInt64(max(0, stored)) }
        let current = try database.lastSeq(tableID: tableID)
        try database.storeConnectorPositions(record.id, [0: Int64(current)])
        return current
    }

    /// The partition of a message: FNV-1a of its key (or of the row's seq without a key),
    /// the same in every process, so a restart can tell where each row would have gone.
    static func partition(of key: [UInt8]?, seq: UInt64, count: Int32) -> Int32 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ byte: UInt8) {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        if let key {
            key.forEach(mix)
        } else {
            for shift in stride(from: 0, to: 64, by: 8) { mix(UInt8(truncatingIfNeeded: seq >> UInt64(shift))) }
        }
        return Int32(hash % UInt64(count))
    }
}
