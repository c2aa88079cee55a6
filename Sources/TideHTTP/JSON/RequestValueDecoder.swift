import TideCore

/// Converts request JSON to column values the way OpenMLDB's APIServer does
/// (`AppendJsonValue`): integers only for integer and timestamp columns (timestamps are
/// int64 milliseconds), any number for float and double, strings only for strings, and
/// `"YYYY-MM-DD"` strings for dates. `null` is accepted unless the column is NOT NULL.
enum RequestValueDecoder {
    /// The value of `json` for a column of `type`, or a reason it does not fit.
    static func value(_ json: RequestJSON, type: DataType, notNull: Bool = false) -> Result<Value, Mismatch> {
        if case .null = json {
            return notNull ? .failure(Mismatch(reason: "is NOT NULL")) : .success(.null)
        }
        switch type {
        case .bool:
            if case .bool(let value) = json { return .success(.bool(value)) }
        case .int16:
            if case .integer(let value) = json {
                guard let narrow = Int16(exactly: value) else { return outOfRange(value, type) }
                return .success(.int16(narrow))
            }
        case .int32:
            if case .integer(let value) = json {
                guard let narrow = Int32(exactly: value) else { return outOfRange(value, type) }
                return .success(.int32(narrow))
            }
        case .int64:
            if case .integer(let value) = json { return .success(.int64(value)) }
        case .float:
            if let value = number(json) { return .success(.float(Float(value))) }
        case .double:
            if let value = number(json) { return .success(.double(value)) }
        case .string:
            if case .string(let value) = json { return .success(.string(value)) }
        case .date:
            if case .string(let text) = json {
                guard let days = date(text) else {
                    return .failure(Mismatch(reason: "needs a date \"YYYY-MM-DD\", got \"\(text)\""))
                }
                return .success(.date(days))
            }
        case .timestamp:
            if case .integer(let value) = json { return .success(.timestamp(value)) }
        }
        return .failure(Mismatch(reason: "needs \(expectation(type)), got \(json.typeName)"))
    }

    /// Why a JSON value does not fit a column.
    struct Mismatch: Error, Sendable, Hashable {
        var reason: String
    }

    private static func number(_ json: RequestJSON) -> Double? {
        switch json {
        case .integer(let value): return Double(value)
        case .double(let value): return value
        case .null, .bool, .string, .array, .object: return nil
        }
    }

    /// `Y-M-D` with each part an integer (OpenMLDB splits on `-`), naming a real day.
    static func date(_ text: String) -> Int32? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]) else {
            return nil
        }
        let date = CivilDate(year: year, month: month, day: day)
        guard date.isValid else { return nil }
        return Int32(exactly: date.days)
    }

    private static func outOfRange(_ value: Int64, _ type: DataType) -> Result<Value, Mismatch> {
        .failure(Mismatch(reason: "value \(value) is out of range for \(type)"))
    }

    private static func expectation(_ type: DataType) -> String {
        switch type {
        case .bool: return "true or false"
        case .int16, .int32, .int64: return "an integer"
        case .float, .double: return "a number"
        case .string: return "a string"
        case .date: return "a date string \"YYYY-MM-DD\""
        case .timestamp: return "integer milliseconds"
        }
    }
}
