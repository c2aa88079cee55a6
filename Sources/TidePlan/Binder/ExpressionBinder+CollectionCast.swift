import TideCore
import TideSQL

extension ExpressionBinder {
    /// `CAST(e AS ARRAY<T>)`, `CAST(e AS MAP<K, V>)` and a typed array literal `ARRAY<T>[...]`:
    /// a NULL becomes a typed NULL, an array or map of the same shape has its elements cast
    /// (each as a scalar CAST would), anything else is 42804.
    static func castCollection(_ bound: BoundExpr, to name: TypeName, at location: NodeLocation) throws(TideError)
        -> BoundExpr
    {
        let target = try collectionType(name, at: location)
        if bound.type == target { return bound }
        if bound.type == .null { return .literal(.null, target) }
        let pairs: [(SQLType, SQLType)]
        switch (bound.type, target) {
        case (.array(let from), .array(let to)): pairs = [(from, to)]
        case (.map(let fromKey, let fromValue), .map(let toKey, let toValue)):
            pairs = [(fromKey, toKey), (fromValue, toValue)]
        default:
            throw BinderErrors.typeMismatch("cannot cast \(bound.type) to \(target)", at: location)
        }
        for (from, to) in pairs {
            guard let source = from.scalar, let wanted = to.scalar else {
                guard from == .null else {
                    throw BinderErrors.typeMismatch("cannot cast \(bound.type) to \(target)", at: location)
                }
                continue
            }
            guard TypeRules.castSupported(from: source, to: wanted) else {
                throw BinderErrors.typeMismatch("cannot cast \(bound.type) to \(target)", at: location)
            }
        }
        return .castCollection(bound, target)
    }

    /// The SQL type an ARRAY or MAP type name stands for; its elements must be scalars.
    private static func collectionType(_ name: TypeName, at location: NodeLocation) throws(TideError) -> SQLType {
        func scalar(_ name: TypeName) throws(TideError) -> SQLType {
            guard case .scalar(let type, _) = name else {
                throw BinderErrors.unsupported("collections of collections (\(name)) are not supported", at: location)
            }
            return .scalar(type)
        }
        switch name {
        case .scalar(let type, _): return .scalar(type)
        case .array(let element, _): return .array(try scalar(element))
        case .map(let key, let value, _): return .map(key: try scalar(key), value: try scalar(value))
        }
    }
}
