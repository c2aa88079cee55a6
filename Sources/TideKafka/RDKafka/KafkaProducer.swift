import CRdKafka
import Glibc
import Synchronization

/// Counts the messages the broker did not take, from librdkafka's delivery reports.
final class DeliveryTally: Sendable {
    struct Counts: Sendable {
        var failed = 0
        var lastError: String?
    }
    let counts = Mutex(Counts())
}

/// librdkafka's delivery-report callback: adds each report to the producer's tally.
private let deliveryReport:
    @convention(c) (OpaquePointer?, UnsafePointer<rd_kafka_message_t>?, UnsafeMutableRawPointer?) -> Void = {
        _, message, opaque in
        guard let opaque, let message else { return }
        let tally = Unmanaged<DeliveryTally>.fromOpaque(opaque).takeUnretainedValue()
        let error = message.pointee.err
        guard error != RD_KAFKA_RESP_ERR_NO_ERROR else { return }
        tally.counts.withLock { counts in
            counts.failed += 1
            counts.lastError = String(cString: rd_kafka_err2str(error))
        }
    }

/// An idempotent producer (dead letters, sinks). Used from one thread.
final class KafkaProducer {
    private let client: OpaquePointer
    private let tally = DeliveryTally()

    init(brokers: String, clientID: String, properties: [(String, String)]) throws {
        let configuration = try KafkaConfiguration(
            [
                ("bootstrap.servers", brokers), ("client.id", clientID), ("enable.idempotence", "true"),
                ("linger.ms", "5"),
            ] + properties)
        rd_kafka_conf_set_dr_msg_cb(configuration.handle, deliveryReport)
        rd_kafka_conf_set_opaque(configuration.handle, Unmanaged.passUnretained(tally).toOpaque())
        client = try makeKafkaClient(RD_KAFKA_PRODUCER, configuration)
    }

    deinit {
        _ = rd_kafka_flush(client, 5000)
        rd_kafka_destroy(client)
    }

    /// Queues one message (copied) for `topic`, with `headers`; `partition` nil lets the
    /// partitioner choose (by key).
    func produce(
        topic: String, partition: Int32? = nil, key: [UInt8]?, value: [UInt8], headers: [(String, String)] = []
    ) throws {
        try topic.withCString { topicName in
            try withHeaderCStrings(headers) { headerValues in
                var vus: [rd_kafka_vu_t] = []
                var vu = rd_kafka_vu_t()
                vu.vtype = RD_KAFKA_VTYPE_TOPIC
                vu.u.cstr = topicName
                vus.append(vu)
                vu = rd_kafka_vu_t()
                vu.vtype = RD_KAFKA_VTYPE_MSGFLAGS
                vu.u.i = RD_KAFKA_MSG_F_COPY
                vus.append(vu)
                if let partition {
                    vu = rd_kafka_vu_t()
                    vu.vtype = RD_KAFKA_VTYPE_PARTITION
                    vu.u.i32 = partition
                    vus.append(vu)
                }
                for (name, value, size) in headerValues {
                    vu = rd_kafka_vu_t()
                    vu.vtype = RD_KAFKA_VTYPE_HEADER
                    vu.u.header.name = name
                    vu.u.header.val = UnsafeRawPointer(value)
                    vu.u.header.size = size
                    vus.append(vu)
                }
                let error = value.withUnsafeBytes { valueBytes in
                    (key ?? []).withUnsafeBytes { keyBytes in
                        var valueVU = rd_kafka_vu_t()
                        valueVU.vtype = RD_KAFKA_VTYPE_VALUE
                        valueVU.u.mem.ptr = UnsafeMutableRawPointer(mutating: valueBytes.baseAddress)
                        valueVU.u.mem.size = valueBytes.count
                        var all = vus + [valueVU]
                        if key != nil {
                            var keyVU = rd_kafka_vu_t()
                            keyVU.vtype = RD_KAFKA_VTYPE_KEY
                            keyVU.u.mem.ptr = UnsafeMutableRawPointer(mutating: keyBytes.baseAddress)
                            keyVU.u.mem.size = keyBytes.count
                            all.append(keyVU)
                        }
                        return all.withUnsafeBufferPointer { rd_kafka_produceva(client, $0.baseAddress, $0.count) }
                    }
                }
                if let error {
                    defer { rd_kafka_error_destroy(error) }
                    throw KafkaError(
                        code: rd_kafka_error_code(error).rawValue,
                        "produce to \(topic): "
                            + String(cString: rd_kafka_error_string(error)))
                }
            }
        }
        rd_kafka_poll(client, 0)
    }

    /// Waits until every queued message is acknowledged or failed, at most `timeoutMs`.
    /// - Throws: `KafkaError` if some message failed or is still queued.
    func flush(timeoutMs: Int32) throws {
        let before = tally.counts.withLock { $0.failed }
        let error = rd_kafka_flush(client, timeoutMs)
        let counts = tally.counts.withLock { $0 }
        if error != RD_KAFKA_RESP_ERR_NO_ERROR { throw KafkaError(error, "flush") }
        if counts.failed > before {
            throw KafkaError(code: -1, "delivery failed: \(counts.lastError ?? "unknown error")")
        }
    }

}

/// Calls `body` with each header's name and value as C strings that live for the call.
private func withHeaderCStrings<R>(
    _ headers: [(String, String)], _ body: ([(UnsafePointer<CChar>, UnsafePointer<CChar>, Int)]) throws -> R
) throws -> R {
    var names: [UnsafeMutablePointer<CChar>] = []
    var values: [UnsafeMutablePointer<CChar>] = []
    defer {
        names.forEach { free($0) }
        values.forEach { free($0) }
    }
    var triples: [(UnsafePointer<CChar>, UnsafePointer<CChar>, Int)] = []
    for (name, value) in headers {
        guard let n = strdup(name), let v = strdup(value) else { throw KafkaError(code: -1, "out of memory") }
        names.append(n)
        values.append(v)
        triples.append((UnsafePointer(n), UnsafePointer(v), value.utf8.count))
    }
    return try body(triples)
}
