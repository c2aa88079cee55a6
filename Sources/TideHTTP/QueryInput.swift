import TideCore

/// The `input` member of an ad-hoc query.
enum QueryInput {
    /// No input (or one without both `schema` and `data`, which OpenMLDB ignores).
    case none
    /// Values for the `?` placeholders, converted by `schema`.
    case parameters([Value])
    /// Request rows for request mode.
    case requestRows([RequestJSON])

    /// Reads `{"schema": [type names], "data": [...]}`.
    /// - Throws: `APIFailure` for unknown type names or values that do not fit them.
    init(_ json: RequestJSON?) throws {
        guard let json, let schema = json["schema"]?.arrayValue, let data = json["data"]?.arrayValue else {
            self = .none
            return
        }
        if let first = data.first, first.arrayValue != nil || first.isObject {
            self = .requestRows(data)
            return
        }
        guard schema.count == data.count else {
            throw APIFailure("input schema has \(schema.count) types but data has \(data.count) values")
        }
        self = .parameters(
            try zip(schema, data).enumerated().map { index, pair in
                guard let name = pair.0.stringValue else {
                    throw APIFailure("input schema: position \(index + 1) is \(pair.0.typeName), not a type name")
                }
                guard let type = DataType(sqlName: name) else {
                    throw APIFailure("input schema: unknown type \(name) at position \(index + 1)")
                }
                switch RequestValueDecoder.value(pair.1, type: type) {
                case .success(let value): return value
                case .failure(let mismatch):
                    throw APIFailure("input data: parameter \(index + 1) (\(name)) \(mismatch.reason)")
                }
            })
    }
}
