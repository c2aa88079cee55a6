import TideCore
import TideExec
import TidePlan

/// `SHOW FUNCTIONS [LIKE 'pattern']`: one line per function, with its overloads summarized
/// (`abs(number) -> number`) rather than listed one by one.
extension ShowCommand {
    /// The columns of `SHOW FUNCTIONS`.
    static let functionColumns = ["name", "kind", "signature", "aliases", "summary"]

    /// At most this many shapes (overloads grouped by arity) per signature summary.
    static let maxShapes = 3

    /// One row per function whose name or an alias matches `like` (case-insensitively; all
    /// functions when nil). Internal operator functions (`$...`) are not listed.
    static func functionRows(like: String?) -> [[String]] {
        FunctionCatalog.all.filter { !$0.name.hasPrefix("$") }.sorted { $0.name < $1.name }.compactMap { definition in
            if let like {
                let names = [definition.name] + definition.aliases
                guard names.contains(where: { LikePattern.matches($0, pattern: like, caseInsensitive: true) }) else {
                    return nil
                }
            }
            let kinds = Set(definition.signatures.map(\.kind.rawValue)).sorted().joined(separator: ",")
            return [
                definition.name, kinds, signatureSummary(definition),
                definition.aliases.sorted().joined(separator: ", "),
                definition.summary,
            ]
        }
    }

    /// The overloads of `definition` grouped by arity, each group as one shape whose
    /// positions name a type class (`atan(number) -> number; atan(number, number) -> double`),
    /// with shapes that only add trailing parameters folded in as optional ones
    /// (`substring(string, int32[, int32]) -> string`).
    static func signatureSummary(_ definition: FunctionDefinition) -> String {
        var groups: [(arity: Int, variadic: Bool, signatures: [FunctionSignature])] = []
        for signature in definition.signatures {
            let key = (signature.parameters.count, signature.variadic != nil)
            if let index = groups.firstIndex(where: { $0.arity == key.0 && $0.variadic == key.1 }) {
                groups[index].signatures.append(signature)
            } else {
                groups.append((key.0, key.1, [signature]))
            }
        }
        groups.sort { ($0.arity, $0.variadic ? 1 : 0) < ($1.arity, $1.variadic ? 1 : 0) }
        // One shape per group: its parameter classes and result class.
        var shapes: [(parameters: [String], optional: [[String]], result: String)] = []
        for group in groups {
            var parameters = (0..<group.arity).map { position in
                typeClass(group.signatures.map { $0.parameters[position] })
            }
            if group.variadic { parameters.append(typeClass(group.signatures.compactMap(\.variadic)) + "...") }
            let result = typeClass(group.signatures.map(\.returnType))
            // A shape that only adds trailing parameters to the previous one (same result)
            // folds into it as optional: substring(string, int32[, int32]).
            if var last = shapes.last, last.result == result {
                let known = last.parameters + last.optional.flatMap { $0 }
                if parameters.count > known.count, parameters.starts(with: known) {
                    last.optional.append(Array(parameters[known.count...]))
                    shapes[shapes.count - 1] = last
                    continue
                }
            }
            shapes.append((parameters, [], result))
        }
        var texts = shapes.prefix(maxShapes).map { shape in
            var list = shape.parameters.joined(separator: ", ")
            // Long runs of optional groups (map(k, v, k, v, ...)) show their first and "...".
            let shown = shape.optional.count > 2 ? Array(shape.optional.prefix(1)) : shape.optional
            for extra in shown {
                list += (list.isEmpty ? "[" : "[, ") + extra.joined(separator: ", ")
            }
            if shown.count < shape.optional.count { list += ", ..." }
            list += String(repeating: "]", count: shown.count)
            return "\(definition.name)(\(list)) -> \(shape.result)"
        }
        if shapes.count > maxShapes { texts.append("…") }
        return texts.joined(separator: "; ")
    }

    /// A short name for the types one position takes across overloads: the type itself, or
    /// `any`, `number`, `integer`, `array`, or the types joined with `|`.
    static func typeClass(_ types: [SQLType]) -> String {
        var unique: [SQLType] = []
        for type in types where !unique.contains(type) { unique.append(type) }
        if unique.count == 1 { return unique[0].description }
        let set = Set(unique)
        if set.isSuperset(of: SQLType.scalarTypes) { return "any" }
        if set.isSubset(of: SQLType.integerTypes) { return "integer" }
        if set.isSubset(of: SQLType.numericTypes + [.bool]) { return "number" }
        if set.count > 2, set.allSatisfy({ if case .array = $0 { return true } else { return false } }) {
            return "array"
        }
        if set.count > 4 { return "any" }
        return unique.map(\.description).joined(separator: "|")
    }
}
