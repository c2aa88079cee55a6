import Testing
import TideCore

@testable import TideKafka

@Suite("Kafka sink: message format, options, partitioning")
struct KafkaSinkTests {
    @Test("features become one JSON object; non-finite numbers are null; strings are escaped")
    func json() {
        let bytes = FeatureJSON.object(
            columns: ["id", "name", "avg", "bad", "ok", "ts", "d", "none"],
            values: [
                .int64(7), .string("a\"b\\\n\u{01}"), .double(1.5), .double(.nan), .bool(true),
                .timestamp(1_700_000_000_000),
                .date(0), .null,
            ])
        #expect(
            String(decoding: bytes, as: UTF8.self)
                == #"{"id":7,"name":"a\"b\\\n\u0001","avg":1.5,"bad":null,"ok":true,"ts":1700000000000,"d":"1970-01-01","none":null}"#
        )
    }

    @Test("options: required, known, a key that the deployment outputs")
    func options() throws {
        let columns = ["id", "Card", "spend"]
        let parsed = try KafkaSinkOptions(["brokers": "b", "topic": "t", "key": "card"], outputColumns: columns)
        #expect(parsed.keyColumn == "Card")
        #expect(parsed.batchRows == 1000)
        func refuse(_ options: [String: String], _ code: SQLState) {
            let error = #expect(throws: TideError.self) { try KafkaSinkOptions(options, outputColumns: columns) }
            #expect(error?.code == code)
        }
        refuse(["brokers": "b"], .invalidParameterValue)
        refuse(["brokers": "b", "topic": "t", "key": "nope"], .undefinedColumn)
        refuse(["brokers": "b", "topic": "t", "format": "avro"], .invalidParameterValue)
        refuse(["brokers": "b", "topic": "t", "batch_rows": "0"], .invalidParameterValue)
        refuse(["brokers": "b", "topic": "t", "colour": "red"], .invalidParameterValue)
    }

    @Test("a key always goes to the same partition, in every process; without a key, rows spread")
    func partitioning() {
        let key = Array("card_17".utf8)
        let first = KafkaSinkRunner.partition(of: key, seq: 1, count: 8)
        for seq in 2..<50 { #expect(KafkaSinkRunner.partition(of: key, seq: UInt64(seq), count: 8) == first) }
        // FNV-1a of "card_17" is fixed; a change here would move keys between partitions.
        #expect(first == 4)
        let spread = Set((0..<200).map { KafkaSinkRunner.partition(of: nil, seq: UInt64($0), count: 8) })
        #expect(spread.count == 8)
        for partition in spread { #expect((0..<8).contains(partition)) }
    }
}
