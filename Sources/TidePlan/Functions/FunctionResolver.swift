import TideCore

/// Picks the overload of a function that a call's argument types select: an exact match if
/// there is one, else the overload reachable with the cheapest implicit widening.
public enum FunctionResolver {
    /// The chosen overload, or an error with SQLSTATE 42883 naming the candidates.
    public static func resolve(
        _ name: String, argumentTypes: [SQLType], position: SourceLocation? = nil
    ) throws(TideError) -> FunctionSignature {
        guard let definition = FunctionCatalog.lookup(name) else {
            throw TideError(.undefinedFunction, "function \(name) does not exist", position: position)
        }
        var best: (cost: Int, signature: FunctionSignature)?
        for signature in definition.signatures {
            guard let cost = matchCost(signature, argumentTypes) else { continue }
            if best == nil || cost < (best?.cost ?? .max) { best = (cost, signature) }
        }
        guard let best else {
            let given = argumentTypes.map(\.description).joined(separator: ", ")
            throw TideError(
                .undefinedFunction, "function \(name)(\(given)) does not exist",
                hint: "\(definition.name) takes: \(candidates(definition.signatures, for: argumentTypes))",
                position: position)
        }
        return best.signature
    }

    /// The overloads to name in an error: all of them when there are few; else those taking
    /// the first argument's type (a subscript of a MAP<int32, timestamp> lists the one
    /// overload for that map, not all 130), or the first few and how many more.
    static func candidates(_ signatures: [FunctionSignature], for types: [SQLType]) -> String {
        let limit = 8
        if signatures.count <= limit { return signatures.map(\.description).joined(separator: "; ") }
        let matching = signatures.filter { $0.parameters.first == types.first }
        let shown = matching.isEmpty ? Array(signatures.prefix(limit)) : Array(matching.prefix(limit))
        let rest = (matching.isEmpty ? signatures.count : matching.count) - shown.count
        let more = rest > 0 ? "; and \(rest) more" : ""
        return shown.map(\.description).joined(separator: "; ") + more
    }

    /// The total widening cost of calling `signature` with `types`, or nil if it cannot be.
    public static func matchCost(_ signature: FunctionSignature, _ types: [SQLType]) -> Int? {
        let fixed = signature.parameters.count
        if signature.variadic == nil, types.count != fixed { return nil }
        if types.count < fixed { return nil }
        var total = 0
        for (i, type) in types.enumerated() {
            let wanted = i < fixed ? signature.parameters[i] : (signature.variadic ?? .null)
            if signature.acceptsAnyScalar, let cost = anyScalarCost(wanted, type) {
                total += cost
                continue
            }
            if signature.exactTypes, type != wanted, type != .null { return nil }
            guard let cost = TypeRules.implicitCastCost(from: type, to: wanted) else { return nil }
            total += cost
        }
        return total
    }

    /// For `acceptsAnyScalar` overloads: a scalar position takes any scalar, and an array
    /// position any array of scalars (cost 0 if the type matches exactly, else 5); nil when
    /// the ordinary implicit-cast rules apply instead.
    private static func anyScalarCost(_ wanted: SQLType, _ type: SQLType) -> Int? {
        switch (wanted, type) {
        case (.scalar, .scalar), (.array(.scalar), .array(.scalar)): return type == wanted ? 0 : 5
        case (.scalar, _), (.array, _), (.map, _), (.null, _): return nil
        }
    }
}
