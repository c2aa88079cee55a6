import TideCore

/// The options of `CREATE KAFKA SINK ... FROM DEPLOYMENT d OPTIONS (...)`.
struct KafkaSinkOptions: Sendable {
    var brokers: String
    var topic: String
    /// The output column whose value is the message key (and picks the partition), if any.
    var keyColumn: String?
    /// Rows computed and published per round (then flushed and the position stored).
    var batchRows: Int
    var properties: [(String, String)]

    static let known: Set<String> = ["brokers", "topic", "format", "key", "batch_rows", "properties"]

    /// - Throws: `22023` for a missing, unknown or malformed option, `42703` for a key column
    ///   the deployment does not output.
    init(_ options: [String: String], outputColumns: [String]) throws {
        try ConnectorOptions.checkKnown(options, known: Self.known, what: "Kafka sink")
        func required(_ key: String) throws -> String {
            try ConnectorOptions.required(options, key, what: "Kafka sink")
        }
        brokers = try required("brokers")
        topic = try required("topic")
        let format = (options["format"] ?? "json").lowercased()
        guard format == "json" else {
            throw TideError(.invalidParameterValue, "Kafka sink format must be 'json', not '\(format)'")
        }
        if let key = options["key"]?.trimmingSpaces, !key.isEmpty {
            guard
                let column = outputColumns.first(where: { $0 == key })
                    ?? outputColumns.first(where: {
                        $0.lowercased() == key.lowercased()
                    })
            else {
                throw TideError(.undefinedColumn, "the deployment has no output column \"\(key)\" for the sink key")
            }
            keyColumn = column
        }
        let batchText = options["batch_rows"] ?? "1000"
        guard let batch = Int(batchText), batch >= 1, batch <= 100_000 else {
            throw TideError(.invalidParameterValue, "Kafka sink batch_rows must be 1 to 100000, not '\(batchText)'")
        }
        batchRows = batch
        properties = try KafkaSourceOptions.properties(options["properties"] ?? "")
    }
}
