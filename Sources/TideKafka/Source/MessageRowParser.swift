import TideCore
import TideExec
import TideStore

/// Turns one Kafka message into a row of the source's table: the message is read as the
/// source's format says, each field converted to its column's type by the rule every writer
/// uses (`AssignmentCast`: out of range is an error, never a wrapped number), and columns
/// the message does not give are NULL. Rows older than every TTL of the table are refused,
/// since no read could ever see them.
struct MessageRowParser {
    let table: TableDef
    private let options: KafkaSourceOptions
    private let json: JSONRowScanner?
    private let context = FunctionContext()

    init(table: TableDef, options: KafkaSourceOptions) {
        self.table = table
        self.options = options
        json = options.format == .json ? JSONRowScanner(fieldNames: options.fields.map(\.name)) : nil
    }

    /// The row for `message`.
    /// - Throws: `MessageRejection` with a reason a person can act on.
    func row(_ message: [UInt8], now: Int64) throws(MessageRejection) -> [Value] {
        try message.withUnsafeBufferPointer { message throws(MessageRejection) in try row(message, now: now) }
    }

    /// `row(_:now:)` of bytes the caller holds (a message still in librdkafka's buffer).
    func row(_ message: UnsafeBufferPointer<UInt8>, now: Int64) throws(MessageRejection) -> [Value] {
        var row = [Value](repeating: .null, count: table.columns.count)
        if let json {
            let values = try json.scan(message)
            for (slot, field) in options.fields.enumerated() {
                row[field.column] = try assign(values[slot], column: field.column)
            }
        } else {
            let texts: [String?]
            do throws(CSVLine.Malformed) {
                texts = try CSVLine.fields(Array(message))
            } catch {
                throw MessageRejection(error.reason)
            }
            guard texts.count == options.fields.count else {
                throw MessageRejection("CSV line has \(texts.count) fields, the source expects \(options.fields.count)")
            }
            for (text, field) in zip(texts, options.fields) {
                row[field.column] = try assign(text.map(Value.string) ?? .null, column: field.column)
            }
        }
        if isExpired(row, now: now) {
            throw MessageRejection("the row is older than the TTL of every index of \(table.name)")
        }
        return row
    }

    private func assign(_ value: Value, column: Int) throws(MessageRejection) -> Value {
        var value = value
        // A timestamp may also be written as milliseconds since the epoch in text (CSV), as
        // LOAD DATA reads it.
        if table.columns[column].type == .timestamp, case .string(let text) = value, let ms = Int64(text) {
            value = .int64(ms)
        }
        do {
            return try AssignmentCast.assign(value, to: table.columns[column], context: context)
        } catch {
            throw MessageRejection(error.message)
        }
    }

    /// True when every index drops the row at once by its absolute TTL.
    private func isExpired(_ row: [Value], now: Int64) -> Bool {
        guard !table.indexes.isEmpty else { return false }
        return table.indexes.allSatisfy { index in
            guard let position = index.tsColumn.flatMap(table.columnIndex), let ts = row[position].int64Value else {
                return false
            }
            return index.ttl.expiresByAge(ts: ts, now: now)
        }
    }
}
