import Dispatch
import Foundation
import Synchronization
import TideCore
import TideDB
import TideStore

/// Runs one Kafka source on its own thread: reads batches of messages from the partitions it
/// assigned itself, turns them into rows and stores each batch with the partitions' next
/// offsets in one RocksDB write, so the table holds every message exactly once whatever
/// moment the process dies at. Bad messages are counted, reported, and sent to the dead-letter
/// topic (before the offsets that pass them are stored) when one is configured.
final class KafkaSourceRunner: Sendable {
    let record: ConnectorRecord
    private let database: Database
    let loop = ConnectorLoop<SourceStatistics>()

    init(record: ConnectorRecord, database: Database) {
        self.record = record
        self.database = database
    }

    /// Starts the thread.
    func start() {
        loop.start(name: "tide-source-\(record.name)") { [self] progressed in try ingest(onProgress: progressed) }
    }

    /// Asks the thread to stop after its current batch and waits for it.
    func stop() { loop.stop() }

    private var stopping: Bool { loop.stopping }

    /// One connection's life: assign, then read and store batches until stopped.
    private func ingest(onProgress: () -> Void) throws {
        let (table, _) = try database.ingestTable(database: record.database, name: record.target)
        let options = try KafkaSourceOptions(record.options, table: table)
        let clientID = "tide-source-\(record.name)"
        let consumer = try KafkaConsumer(
            brokers: options.brokers, topic: options.topic, clientID: clientID, properties: options.properties)
        let deadLetters = try options.deadLetterTopic.map { _ in
            try KafkaProducer(brokers: options.brokers, clientID: clientID + "-dlq", properties: options.properties)
        }
        // Batch N is stored while batch N+1 is read and parsed; whatever ends this
        // connection, the write in flight finishes before the positions are read again.
        let writer = BatchWriter(label: "tide-source-\(record.name)-writer")
        defer { try? writer.drain() }
        var positions = try startPositions(consumer, options: options)
        try consumer.assign(positions)
        loop.statistics.withLock {
            $0.state = .running
            $0.positions = positions
        }
        var parser: MessageRowParser?
        var encoder: OnlineRowEncoder?
        var lastPartitionCheck = ContinuousClock.now
        while !stopping {
            if ContinuousClock.now - lastPartitionCheck > .seconds(5) {
                lastPartitionCheck = ContinuousClock.now
                if let count = try? consumer.partitionCount(timeoutMs: 2000) {
                    // The broker answers: whatever was wrong is over.
                    loop.statistics.withLock { if $0.state == .retrying { $0.state = .running } }
                    if addPartitions(upTo: count, to: &positions) { try consumer.assign(positions) }
                }
            }
            let (current, tableID) = try database.ingestTable(database: record.database, name: record.target)
            if parser?.table != current {
                parser = MessageRowParser(
                    table: current, options: try KafkaSourceOptions(record.options, table: current))
                encoder = try OnlineRowEncoder(table: current, tableID: tableID)
            }
            guard let parser, let encoder else { continue }
            let now = database.clockMs
            // Each message is parsed and encoded into the batch's arena straight from
            // librdkafka's buffer; only rejected ones are copied (for the dead-letter topic).
            var batch = encoder.makeBatch()
            var rejected: [(message: KafkaMessage, reason: String)] = []
            var next = positions
            var newest: Int64?
            let (polled, errors) = consumer.poll(max: options.batchRows, timeoutMs: 100) { message in
                // Room is made once a message arrives (most polls of an idle topic bring none).
                if batch.isEmpty { batch.reserveCapacity(rows: min(options.batchRows, 4096)) }
                next[message.partition] = message.offset + 1
                do {
                    try encoder.append(try parser.row(message.value, now: now), to: &batch)
                    if let ts = message.timestamp { newest = max(newest ?? ts, ts) }
                } catch let rejection as MessageRejection {
                    rejected.append((message.copy(), rejection.reason))
                } catch let error as TideError {
                    rejected.append((message.copy(), error.message))
                } catch {
                    rejected.append((message.copy(), "\(error)"))
                }
            }
            if let error = errors.last {
                loop.statistics.withLock {
                    if error.isTransport { $0.state = .retrying }
                    $0.report(error.message)
                }
            }
            guard polled > 0 else { continue }
            if let deadLetters, let topic = options.deadLetterTopic, !rejected.isEmpty {
                for (message, reason) in rejected {
                    try deadLetters.produce(
                        topic: topic, key: message.key, value: message.value,
                        headers: [
                            ("tide-error", reason), ("tide-source", record.name),
                            ("tide-topic", options.topic), ("tide-partition", String(message.partition)),
                            ("tide-offset", String(message.offset)),
                        ])
                }
                // The offsets that pass these messages are stored only once the dead letters are safe.
                try deadLetters.flush(timeoutMs: 10_000)
            }
            var ends: [Int32: Int64] = [:]
            for partition in next.keys {
                if let end = consumer.highWatermark(partition: partition) { ends[partition] = end }
            }
            let reasons = rejected.map {
                (partition: $0.message.partition, offset: $0.message.offset, reason: $0.reason)
            }
            let stored = next
            // Put the index entries in key order here, while the writer thread is busy.
            batch.putEntriesInKeyOrder()
            try writer.submit { [self, database, record, batch, ends, newest] in
                try database.ingest(batch, tableID: tableID, connectorID: record.id, positions: stored)
                loop.statistics.withLock { stats in
                    stats.state = .running
                    stats.ingested += batch.count
                    stats.rejected += reasons.count
                    for rejection in reasons.suffix(SourceStatistics.keptErrors) {
                        stats.report("partition \(rejection.partition) offset \(rejection.offset): \(rejection.reason)")
                    }
                    if let last = reasons.last { stats.lastRejection = last.reason }
                    stats.positions = stored
                    stats.ends.merge(ends) { _, new in new }
                    if let newest { stats.newestEventMs = max(stats.newestEventMs ?? newest, newest) }
                }
            }
            positions = next
            onProgress()
        }
        try writer.drain()
    }

    /// The stored positions, plus a starting point for every partition that has none. A
    /// start of `latest` or a time is resolved to offsets and stored at once, so a restart
    /// before the first message does not skip what arrived meanwhile.
    private func startPositions(_ consumer: KafkaConsumer, options: KafkaSourceOptions) throws -> [Int32: Int64] {
        var positions = try database.connectorPositions(record.id)
        let count = try consumer.partitionCount(timeoutMs: 5000)
        let missing = (0..<count).filter { positions[$0] == nil }
        guard !missing.isEmpty else { return positions }
        switch options.start {
        case .earliest:
            for partition in missing { positions[partition] = KafkaConsumer.beginning }
            return positions
        case .latest:
            for partition in missing {
                positions[partition] = try consumer.endOffset(partition: partition, timeoutMs: 5000)
            }
        case .timestamp(let ms):
            for (partition, offset) in try consumer.offsets(at: ms, partitions: missing, timeoutMs: 5000) {
                positions[partition] =
                    offset >= 0 ? offset : try consumer.endOffset(partition: partition, timeoutMs: 5000)
            }
        }
        try database.storeConnectorPositions(record.id, positions)
        return positions
    }

    /// Adds partitions the topic gained since the last look, read from their beginning.
    private func addPartitions(upTo count: Int32, to positions: inout [Int32: Int64]) -> Bool {
        var added = false
        for partition in 0..<count where positions[partition] == nil {
            positions[partition] = KafkaConsumer.beginning
            added = true
        }
        return added
    }
}
