import TideCore

/// The options of `CREATE KAFKA SOURCE ... OPTIONS (...)`, checked against the target table.
struct KafkaSourceOptions: Sendable {
    /// How messages are written.
    enum Format: String, Sendable, Hashable {
        /// One JSON object per message; fields are matched to columns by name (or `columns`).
        case json
        /// One CSV line per message, fields in table column order (or `columns` order).
        case csv
    }

    var brokers: String
    var topic: String
    var format: Format
    var start: KafkaConsumer.Start
    /// For JSON: (column position, JSON field name); for CSV: the column position of each field.
    var fields: [(column: Int, name: String)]
    var deadLetterTopic: String?
    var batchRows: Int
    /// librdkafka properties for the consumer and the dead-letter producer.
    var properties: [(String, String)]

    static let known: Set<String> = [
        "brokers", "topic", "format", "start", "columns", "dead_letter_topic", "batch_rows", "properties",
    ]

    /// - Throws: `22023` naming the option that is missing, unknown or malformed, `42703` for
    ///   a column the table lacks.
    init(_ options: [String: String], table: TableDef) throws {
        try ConnectorOptions.checkKnown(options, known: Self.known, what: "Kafka source")
        func required(_ key: String) throws -> String {
            try ConnectorOptions.required(options, key, what: "Kafka source")
        }
        brokers = try required("brokers")
        topic = try required("topic")
        let formatText = (options["format"] ?? "json").lowercased()
        guard let format = Format(rawValue: formatText) else {
            throw TideError(.invalidParameterValue, "Kafka source format must be 'json' or 'csv', not '\(formatText)'")
        }
        self.format = format
        switch (options["start"] ?? "earliest").lowercased() {
        case "earliest": start = .earliest
        case "latest": start = .latest
        case let text:
            guard let ms = Int64(text), ms >= 0 else {
                throw TideError(
                    .invalidParameterValue,
                    "Kafka source start must be 'earliest', 'latest' or a time in milliseconds, not '\(text)'")
            }
            start = .timestamp(ms)
        }
        fields = try Self.fields(options["columns"], table: table)
        deadLetterTopic = options["dead_letter_topic"].flatMap { $0.isEmpty ? nil : $0 }
        let batchText = options["batch_rows"] ?? "32768"
        guard let batch = Int(batchText), batch >= 1, batch <= 1_000_000 else {
            throw TideError(.invalidParameterValue, "Kafka source batch_rows must be 1 to 1000000, not '\(batchText)'")
        }
        batchRows = batch
        properties = try Self.properties(options["properties"] ?? "")
    }

    /// `columns='a,b'` (each a table column, read from the field of the same name or the
    /// CSV field at that place) or `columns='a=field_a,b'` (JSON: column a from field_a).
    private static func fields(_ text: String?, table: TableDef) throws -> [(column: Int, name: String)] {
        guard let text, !text.trimmingSpaces.isEmpty else {
            return table.columns.enumerated().map { ($0.offset, $0.element.name) }
        }
        var fields: [(column: Int, name: String)] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let pieces = part.split(separator: "=", maxSplits: 1).map { String($0).trimmingSpaces }
            guard let column = pieces.first, !column.isEmpty else {
                throw TideError(.invalidParameterValue, "Kafka source columns has an empty entry: '\(text)'")
            }
            guard let position = table.columnIndex(column) else {
                throw TideError(
                    .undefinedColumn, "column \"\(column)\" of Kafka source columns is not in table \"\(table.name)\"")
            }
            guard !fields.contains(where: { $0.column == position }) else {
                throw TideError(.invalidParameterValue, "column \"\(column)\" appears twice in Kafka source columns")
            }
            fields.append((position, pieces.count == 2 ? pieces[1] : table.columns[position].name))
        }
        return fields
    }

    /// `properties='k=v;k=v'`: librdkafka settings.
    static func properties(_ text: String) throws -> [(String, String)] {
        try text.split(separator: ";").compactMap { part in
            let trimmed = String(part).trimmingSpaces
            guard !trimmed.isEmpty else { return nil }
            let pieces = trimmed.split(separator: "=", maxSplits: 1).map { String($0).trimmingSpaces }
            guard pieces.count == 2, !pieces[0].isEmpty else {
                throw TideError(.invalidParameterValue, "Kafka property '\(trimmed)' is not key=value")
            }
            return (pieces[0], pieces[1])
        }
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        var slice = Substring(self)
        while let first = slice.first, first == " " || first == "\t" { slice.removeFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice.removeLast() }
        return String(slice)
    }
}
