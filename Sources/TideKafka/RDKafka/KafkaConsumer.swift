import CRdKafka
import Synchronization

/// Errors librdkafka reports outside any message (a broker that went away), kept until the
/// consumer's next poll collects them.
final class KafkaErrorInbox: Sendable {
    let errors = Mutex<[KafkaError]>([])
}

/// librdkafka's error callback: files each error in the client's inbox.
private let errorCallback:
    @convention(c) (OpaquePointer?, Int32, UnsafePointer<CChar>?, UnsafeMutableRawPointer?) -> Void = {
        _, code, reason, opaque in
        guard let opaque else { return }
        let inbox = Unmanaged<KafkaErrorInbox>.fromOpaque(opaque).takeUnretainedValue()
        let text = reason.map { String(cString: $0) } ?? "unknown error"
        inbox.errors.withLock { errors in
            errors.append(KafkaError(code: code, text))
            if errors.count > 100 { errors.removeFirst(errors.count - 100) }
        }
    }

/// A consumer of one topic whose partitions are assigned by hand (no consumer group: the
/// positions live with the data, and tansu's groups are unreliable; DEPENDENCIES.md §3).
/// Used from one thread.
final class KafkaConsumer {
    private let client: OpaquePointer
    private let inbox = KafkaErrorInbox()
    let topic: String

    /// Where to start a partition that has no stored position.
    enum Start: Sendable, Hashable {
        case earliest
        case latest
        /// The first message at or after this time (milliseconds since the epoch).
        case timestamp(Int64)
    }

    /// - Throws: `KafkaError` for a property librdkafka refuses.
    init(brokers: String, topic: String, clientID: String, properties: [(String, String)]) throws {
        let configuration = try KafkaConfiguration(
            [
                ("bootstrap.servers", brokers), ("client.id", clientID), ("group.id", clientID),
                ("enable.auto.commit", "false"), ("enable.auto.offset.store", "false"),
                ("enable.partition.eof", "false"), ("reconnect.backoff.max.ms", "2000"),
                ("auto.offset.reset", "earliest"), ("fetch.wait.max.ms", "10"),
                ("fetch.error.backoff.ms", "10"),
                // Prefetch enough that a large batch finds its messages waiting: with the
                // defaults (1 MB per partition and fetch) the queue ran dry every few batches
                // of 32,768 rows and the source waited ~60-100 ms for the next fetch.
                ("queued.min.messages", "200000"), ("max.partition.fetch.bytes", "4194304"),
            ] + properties)
        rd_kafka_conf_set_error_cb(configuration.handle, errorCallback)
        rd_kafka_conf_set_opaque(configuration.handle, Unmanaged.passUnretained(inbox).toOpaque())
        client = try makeKafkaClient(RD_KAFKA_CONSUMER, configuration)
        rd_kafka_poll_set_consumer(client)
        self.topic = topic
    }

    deinit {
        _ = rd_kafka_consumer_close(client)
        rd_kafka_destroy(client)
    }

    /// The number of partitions of the topic.
    /// - Throws: `KafkaError` if the broker cannot be reached or the topic does not exist.
    func partitionCount(timeoutMs: Int32) throws -> Int32 {
        guard let handle = rd_kafka_topic_new(client, topic, nil) else {
            throw KafkaError(rd_kafka_last_error(), "topic \(topic)")
        }
        defer { rd_kafka_topic_destroy(handle) }
        var metadata: UnsafePointer<rd_kafka_metadata>?
        let error = rd_kafka_metadata(client, 0, handle, &metadata, timeoutMs)
        guard error == RD_KAFKA_RESP_ERR_NO_ERROR, let metadata else { throw KafkaError(error, "metadata of \(topic)") }
        defer { rd_kafka_metadata_destroy(metadata) }
        guard metadata.pointee.topic_cnt > 0, let topics = metadata.pointee.topics else {
            throw KafkaError(code: RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART.rawValue, "topic \(topic) does not exist")
        }
        let entry = topics[0]
        guard entry.err == RD_KAFKA_RESP_ERR_NO_ERROR else { throw KafkaError(entry.err, "topic \(topic)") }
        return entry.partition_cnt
    }

    /// The first offset at or after `timestamp` in each of `partitions` (the partition's end
    /// where no message is that new).
    func offsets(at timestamp: Int64, partitions: [Int32], timeoutMs: Int32) throws -> [Int32: Int64] {
        let list = rd_kafka_topic_partition_list_new(Int32(partitions.count))
        defer { rd_kafka_topic_partition_list_destroy(list) }
        for partition in partitions {
            rd_kafka_topic_partition_list_add(list, topic, partition)?.pointee.offset = timestamp
        }
        let error = rd_kafka_offsets_for_times(client, list, timeoutMs)
        guard error == RD_KAFKA_RESP_ERR_NO_ERROR, let list else { throw KafkaError(error, "offsets for time") }
        var offsets: [Int32: Int64] = [:]
        for i in 0..<Int(list.pointee.cnt) {
            let element = list.pointee.elems[i]
            offsets[element.partition] = element.offset < 0 ? Int64(RD_KAFKA_OFFSET_END) : element.offset
        }
        return offsets
    }

    /// Reads `positions` from now on: each partition from its next offset, or from `start`
    /// where it has none.
    func assign(_ positions: [Int32: Int64]) throws {
        let list = rd_kafka_topic_partition_list_new(Int32(positions.count))
        defer { rd_kafka_topic_partition_list_destroy(list) }
        for (partition, offset) in positions.sorted(by: { $0.key < $1.key }) {
            rd_kafka_topic_partition_list_add(list, topic, partition)?.pointee.offset = offset
        }
        let error = rd_kafka_assign(client, list)
        guard error == RD_KAFKA_RESP_ERR_NO_ERROR else { throw KafkaError(error, "assign") }
    }

    /// The offset that means "the partition's first message" in `assign`.
    static let beginning = Int64(RD_KAFKA_OFFSET_BEGINNING)

    /// The partition's current end (the offset the next message will get), asked of the broker.
    func endOffset(partition: Int32, timeoutMs: Int32) throws -> Int64 {
        var low: Int64 = -1
        var high: Int64 = -1
        let error = rd_kafka_query_watermark_offsets(client, topic, partition, &low, &high, timeoutMs)
        guard error == RD_KAFKA_RESP_ERR_NO_ERROR else { throw KafkaError(error, "end of partition \(partition)") }
        return high
    }

    /// Up to `max` messages, waiting at most `timeoutMs` for the first. Errors librdkafka
    /// reports meanwhile (a broker that went away) come back beside the messages.
    func poll(max: Int, timeoutMs: Int32, headers: Bool = false) -> (messages: [KafkaMessage], errors: [KafkaError]) {
        var messages: [KafkaMessage] = []
        let errors = pollRaw(max: max, timeoutMs: timeoutMs) { message in
            var read = BorrowedKafkaMessage(message).copy()
            if headers { read.headers = Self.headers(of: message) }
            messages.append(read)
        }
        return (messages, errors)
    }

    /// `poll(max:timeoutMs:)` without copying the messages: `body` sees each one in
    /// librdkafka's buffer, which is freed when `body` returns. Returns how many messages
    /// `body` saw and the errors reported meanwhile.
    func poll(max: Int, timeoutMs: Int32, each body: (BorrowedKafkaMessage) -> Void) -> (
        count: Int, errors: [KafkaError]
    ) {
        var count = 0
        let errors = pollRaw(max: max, timeoutMs: timeoutMs) { message in
            count += 1
            body(BorrowedKafkaMessage(message))
        }
        return (count, errors)
    }

    /// Hands `body` up to `max` messages (the first waited for at most `timeoutMs`), each
    /// destroyed when `body` returns; returns the errors reported meanwhile.
    private func pollRaw(
        max: Int, timeoutMs: Int32, _ body: (UnsafeMutablePointer<rd_kafka_message_t>) -> Void
    ) -> [KafkaError] {
        var errors: [KafkaError] = []
        var wait = timeoutMs
        var count = 0
        while count < max, let message = rd_kafka_consumer_poll(client, wait) {
            wait = 0
            defer { rd_kafka_message_destroy(message) }
            let err = message.pointee.err
            guard err == RD_KAFKA_RESP_ERR_NO_ERROR else {
                if err != RD_KAFKA_RESP_ERR__PARTITION_EOF {
                    errors.append(KafkaError(err, "consume"))
                }
                continue
            }
            count += 1
            body(message)
        }
        errors += inbox.errors.withLock { pending in
            defer { pending = [] }
            return pending
        }
        return errors
    }

    /// Every header of `message` (the last value of a repeated name).
    private static func headers(of message: UnsafeMutablePointer<rd_kafka_message_t>) -> [String: [UInt8]] {
        var list: OpaquePointer?
        guard rd_kafka_message_headers(message, &list) == RD_KAFKA_RESP_ERR_NO_ERROR, let list else { return [:] }
        var headers: [String: [UInt8]] = [:]
        var index = 0
        var name: UnsafePointer<CChar>?
        var value: UnsafeRawPointer?
        var size = 0
        while rd_kafka_header_get_all(list, index, &name, &value, &size) == RD_KAFKA_RESP_ERR_NO_ERROR {
            if let name {
                headers[String(cString: name)] =
                    value.map { Array(UnsafeRawBufferPointer(start: $0, count: size)) } ?? []
            }
            index += 1
        }
        return headers
    }

    /// The last message of each of `partitions` that has one (with headers): each partition is
    /// read from its end minus one until nothing more arrives (a broker whose reported end
    /// lags the real one, as tansu's can, only costs a few more messages).
    func lastMessages(partitions: [Int32], timeoutMs: Int32) throws -> [Int32: KafkaMessage] {
        var starts: [Int32: Int64] = [:]
        for partition in partitions {
            let end = try endOffset(partition: partition, timeoutMs: timeoutMs)
            if end > 0 { starts[partition] = end - 1 }
        }
        guard !starts.isEmpty else { return [:] }
        try assign(starts)
        var last: [Int32: KafkaMessage] = [:]
        let deadline = ContinuousClock.now + .milliseconds(Int(timeoutMs))
        var quietPolls = 0
        while ContinuousClock.now < deadline, last.count < starts.count || quietPolls < 3 {
            let messages = poll(max: 1000, timeoutMs: 100, headers: true).messages
            quietPolls = messages.isEmpty ? quietPolls + 1 : 0
            for message in messages where message.offset >= (starts[message.partition] ?? .max) {
                if message.offset >= last[message.partition]?.offset ?? -1 { last[message.partition] = message }
            }
        }
        guard last.count == starts.count else {
            throw KafkaError(code: RD_KAFKA_RESP_ERR__TIMED_OUT.rawValue, "reading the last message of \(topic)")
        }
        return last
    }

    /// The partition's end offset as last seen by the consumer (no broker round trip), or nil.
    func highWatermark(partition: Int32) -> Int64? {
        var low: Int64 = -1
        var high: Int64 = -1
        let error = rd_kafka_get_watermark_offsets(client, topic, partition, &low, &high)
        return error == RD_KAFKA_RESP_ERR_NO_ERROR && high >= 0 ? high : nil
    }
}
