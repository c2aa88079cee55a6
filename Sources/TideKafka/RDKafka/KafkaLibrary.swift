import CRdKafka

/// Facts about the librdkafka library loaded at run time.
public enum KafkaLibrary {
    /// The loaded librdkafka's version, e.g. "2.16.0" (the tests load the confluent-kafka
    /// wheel's build; Debian's 2.0.2 cannot talk to the tansu broker).
    public static var version: String { String(cString: rd_kafka_version_str()) }
}
