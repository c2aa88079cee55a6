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
