import CRdKafka

/// An error from librdkafka or the broker, with librdkafka's own text.
public struct KafkaError: Error, Sendable, CustomStringConvertible {
    /// librdkafka's error code (`rd_kafka_resp_err_t`), 0 for configuration errors.
    public let code: Int32
    public let message: String

    init(code: Int32, _ message: String) {
        self.code = code
        self.message = message
    }

    init(_ error: rd_kafka_resp_err_t, _ context: String) {
        self.init(code: error.rawValue, "\(context): \(String(cString: rd_kafka_err2str(error)))")
    }

    public var description: String { message }

    /// True when the error is about reaching the broker (it is retried, and the connector
    /// reports itself as retrying meanwhile).
    public var isTransport: Bool {
        code == RD_KAFKA_RESP_ERR__TRANSPORT.rawValue || code == RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN.rawValue
            || code == RD_KAFKA_RESP_ERR__RESOLVE.rawValue || code == RD_KAFKA_RESP_ERR__TIMED_OUT.rawValue
    }

}
