import TideCore
import TidePlan

/// Implementations of the Collection family (signatures in TidePlan's FunctionCatalog).
enum CollectionFunctions {
    static func register(into registry: inout FunctionRegistry) {
        for t in SQLType.scalarTypes {
            registry.scalar("size", [.array(t)]) { a, _ in .int32(Int32(clamping: try items(a, 0).count)) }
            registry.scalar("array_contains", [.array(t), t]) { a, _ in
                guard case .array(let list) = a[0] else { return .null }
                return .bool(contains(list, a[1]))
            }
            registry.scalar("isin", [t, .array(t)]) { a, _ in
                guard case .array(let list) = a[1] else { return .null }
                return .bool(contains(list, a[0]))
            }
            for index in SQLType.integerTypes {
                registry.scalar("$element", [.array(t), index]) { a, _ in
                    let list = try items(a, 0)
                    guard let i = a[1].int64Value, i >= 0, i < Int64(list.count) else { return .null }
                    return list[Int(i)]
                }
            }
            for v in SQLType.scalarTypes {
                registry.scalar("map_keys", [.map(key: t, value: v)]) { a, _ in
                    guard case .map(let keys, _) = a[0] else { throw TideError.internal("map_keys expects a map") }
                    return .array(keys)
                }
                registry.scalar("$element", [.map(key: t, value: v), t]) { a, _ in
                    guard case .map(let keys, let values) = a[0] else { throw TideError.internal("[] expects a map") }
                    guard let i = keys.firstIndex(where: { same($0, a[1]) }), i < values.count else {
                        return .null
                    }
                    return values[i]
                }
            }
        }
        registry.scalar("array_join", [.array(.string), .string]) { a, _ in
            guard case .array(let list) = a[0] else { return .null }
            return .string(StringSplitting.join(list.map(\.stringValue), with: a[1].stringValue ?? ""))
        }
        registry.scalar("list_except_by_key", [.array(.string), .string]) { a, _ in
            .array(try except(a, keepingIf: { key, _ in key }))
        }
        registry.scalar("list_except_by_value", [.array(.string), .string]) { a, _ in
            .array(try except(a, keepingIf: { _, value in value }))
        }
        registerConstruction(into: &registry)
    }

    /// The elements of list argument `i`.
    private static func items(_ a: [Value], _ i: Int) throws -> [Value] {
        guard i < a.count, case .array(let list) = a[i] else { throw TideError.internal("argument \(i) is not a list") }
        return list
    }

    /// OpenMLDB semantics: a NULL probe finds a NULL element; otherwise elements compare by value.
    private static func contains(_ list: [Value], _ probe: Value) -> Bool {
        list.contains { probe.isNull ? $0.isNull : same($0, probe) }
    }

    /// Value equality as OpenMLDB sees it: strings by their bytes (`Value.compare` would
    /// treat canonically equivalent strings as equal), everything else by `Value.compare`.
    private static func same(_ a: Value, _ b: Value) -> Bool {
        if case .string(let x) = a, case .string(let y) = b { return x.utf8.elementsEqual(y.utf8) }
        return Value.compare(a, b) == 0
    }

    /// `list_except_by_key` / `_by_value`: each element is `key:value` (split at the first
    /// `:`; an element without one is all key and an empty value). Elements whose chosen
    /// part is in the comma-separated exclusion list are dropped; NULL elements are kept.
    private static func except(_ a: [Value], keepingIf part: (String, String) -> String) throws -> [Value] {
        let excluded = Set(StringSplitting.split(try StringFunctions.string(a, 1), by: ","))
        return try items(a, 0).filter { element in
            guard case .string(let s) = element else { return true }
            let pieces = s.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            let key = pieces.first.map(String.init) ?? ""
            let value = pieces.count > 1 ? String(pieces[1]) : ""
            return !excluded.contains(part(key, value))
        }
    }
}
