import CRdKafka

/// One message read from a partition, copied out of librdkafka's buffer.
public struct KafkaMessage: Sendable {
    public var partition: Int32
    public var offset: Int64
    /// The message timestamp (milliseconds since the epoch), or nil if it has none.
    public var timestamp: Int64?
    public var key: [UInt8]?
    public var value: [UInt8]
    /// The message's headers (read only when asked for).
    public var headers: [String: [UInt8]] = [:]

    public init(partition: Int32, offset: Int64, timestamp: Int64? = nil, key: [UInt8]? = nil, value: [UInt8]) {
        self.partition = partition
        self.offset = offset
        self.timestamp = timestamp
        self.key = key
        self.value = value
    }
}

/// A message still in librdkafka's buffer: valid only inside the `KafkaConsumer.poll(max:
/// timeoutMs:each:)` callback that hands it out (a reader that keeps nothing, such as a
/// source parsing rows, then copies nothing).
struct BorrowedKafkaMessage {
    let partition: Int32
    let offset: Int64
    /// The message timestamp (milliseconds since the epoch), or nil if it has none.
    let timestamp: Int64?
    let key: UnsafeBufferPointer<UInt8>?
    let value: UnsafeBufferPointer<UInt8>

    init(_ message: UnsafeMutablePointer<rd_kafka_message_t>) {
        let m = message.pointee
        partition = m.partition
        offset = m.offset
        var type = RD_KAFKA_TIMESTAMP_NOT_AVAILABLE
        let timestamp = rd_kafka_message_timestamp(message, &type)
        self.timestamp = type == RD_KAFKA_TIMESTAMP_NOT_AVAILABLE ? nil : timestamp
        key = m.key.map { UnsafeBufferPointer(start: $0.assumingMemoryBound(to: UInt8.self), count: m.key_len) }
        value = UnsafeBufferPointer(
            start: m.payload?.assumingMemoryBound(to: UInt8.self), count: m.payload == nil ? 0 : m.len)
    }

    /// A copy that outlives the callback.
    func copy() -> KafkaMessage {
        KafkaMessage(
            partition: partition, offset: offset, timestamp: timestamp, key: key.map { Array($0) }, value: Array(value))
    }
}
