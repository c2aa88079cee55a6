import TideCore

extension Cast {
    /// An array or map converted element by element (keys and values) to `type`'s element
    /// types, each as `cast(_:to:context:)` converts a scalar; NULL stays NULL.
    public static func collection(_ value: Value, to type: SQLType, context: FunctionContext) -> Value {
        func element(_ item: Value, _ type: SQLType) -> Value {
            guard let scalar = type.scalar else { return item }
            return cast(item, to: scalar, context: context)
        }
        switch (value, type) {
        case (.array(let items), .array(let elementType)):
            return .array(items.map { element($0, elementType) })
        case (.map(let keys, let values), .map(let keyType, let valueType)):
            return .map(keys: keys.map { element($0, keyType) }, values: values.map { element($0, valueType) })
        default:
            return value
        }
    }
}
