import CRdKafka

/// A librdkafka configuration (`rd_kafka_conf_t`) built from `key=value` properties. The
/// handle is handed to `rd_kafka_new`, which takes ownership; until then `deinit` frees it.
final class KafkaConfiguration {
    private(set) var handle: OpaquePointer?

    /// - Throws: `KafkaError` naming the property librdkafka refused.
    init(_ properties: [(String, String)]) throws {
        handle = rd_kafka_conf_new()
        for (key, value) in properties { try set(key, value) }
    }

    func set(_ key: String, _ value: String) throws {
        var message = [CChar](repeating: 0, count: 512)
        let result = rd_kafka_conf_set(handle, key, value, &message, message.count)
        guard result == RD_KAFKA_CONF_OK else {
            throw KafkaError(
                code: 0,
                "property \(key)=\(value): \(String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))"
            )
        }
    }

    /// Gives the handle away (to `rd_kafka_new`, which frees it from then on).
    func release() -> OpaquePointer? {
        defer { handle = nil }
        return handle
    }

    deinit { if let handle { rd_kafka_conf_destroy(handle) } }
}

/// Creates a client of `type` from `configuration` (which it consumes on success).
func makeKafkaClient(_ type: rd_kafka_type_t, _ configuration: KafkaConfiguration) throws -> OpaquePointer {
    var message = [CChar](repeating: 0, count: 512)
    guard let handle = configuration.handle else { throw KafkaError(code: 0, "configuration already used") }
    guard let client = rd_kafka_new(type, handle, &message, message.count) else {
        throw KafkaError(
            code: 0, String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
    }
    _ = configuration.release()
    return client
}
