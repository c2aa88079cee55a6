/// A parsed JSON request body. Numbers keep whether they were written as integers, because
/// OpenMLDB's APIServer accepts only integers for integer and timestamp columns.
enum RequestJSON: Sendable, Hashable {
    case null
    case bool(Bool)
    /// A number written without fraction or exponent that fits an Int64.
    case integer(Int64)
    /// Any other number, including the unquoted `NaN`, `Infinity`, `-Infinity`, `Inf`, `-Inf`.
    case double(Double)
    case string(String)
    case array([RequestJSON])
    /// Members in the order written; duplicate keys are kept (lookups take the first).
    case object([Member])

    /// One `"key": value` pair of an object.
    struct Member: Sendable, Hashable {
        var key: String
        var value: RequestJSON
    }

    /// The first member named `key` of an object; nil for a missing key or a non-object.
    subscript(key: String) -> RequestJSON? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    /// The value if it is a JSON boolean.
    var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// The value if it is a JSON string.
    var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The elements if the value is an array.
    var arrayValue: [RequestJSON]? {
        if case .array(let elements) = self { return elements }
        return nil
    }

    /// True for objects.
    var isObject: Bool {
        if case .object = self { return true }
        return false
    }

    /// The JSON type's name, for error messages.
    var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .integer, .double: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}
