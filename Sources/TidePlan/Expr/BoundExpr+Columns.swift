import TideCore

extension BoundExpr {
    /// Calls `body` with the input position of every column the expression reads.
    public func visitColumns(_ body: (Int) -> Void) {
        switch self {
        case .literal, .parameter: return
        case .column(let reference): body(reference.index)
        case .call(_, let arguments), .logical(_, let arguments), .array(let arguments, _):
            for argument in arguments { argument.visitColumns(body) }
        case .cast(let inner, _), .isTest(let inner, _, _), .castCollection(let inner, _): inner.visitColumns(body)
        case .compare(_, let a, let b):
            a.visitColumns(body)
            b.visitColumns(body)
        case .inList(let value, let items, _):
            value.visitColumns(body)
            for item in items { item.visitColumns(body) }
        case .caseWhen(let branches, let otherwise, _):
            for branch in branches {
                branch.condition.visitColumns(body)
                branch.result.visitColumns(body)
            }
            otherwise?.visitColumns(body)
        }
    }

    /// Adds the input positions the expression reads to `found`.
    public func collectColumns(into found: inout Set<Int>) {
        visitColumns { found.insert($0) }
    }

    /// The expression over a narrower input: every column reference's position replaced by
    /// `positions[old]`; nil if it reads a position `positions` drops (nil or out of range).
    public func renumberingColumns(_ positions: [Int?]) -> BoundExpr? {
        func renumber(_ e: BoundExpr) -> BoundExpr? {
            switch e {
            case .literal, .parameter: return e
            case .column(var ref):
                guard ref.index >= 0, ref.index < positions.count, let position = positions[ref.index] else {
                    return nil
                }
                ref.index = position
                return .column(ref)
            case .call(let signature, let arguments):
                return all(arguments).map { .call(signature, $0) }
            case .logical(let op, let arguments):
                return all(arguments).map { .logical(op, $0) }
            case .array(let elements, let elementType):
                return all(elements).map { .array($0, elementType: elementType) }
            case .cast(let inner, let type):
                return renumber(inner).map { .cast($0, type) }
            case .isTest(let inner, let kind, let negated):
                return renumber(inner).map { .isTest($0, kind, negated: negated) }
            case .castCollection(let inner, let type):
                return renumber(inner).map { .castCollection($0, type) }
            case .compare(let op, let a, let b):
                guard let a = renumber(a), let b = renumber(b) else { return nil }
                return .compare(op, a, b)
            case .inList(let value, let items, let negated):
                guard let value = renumber(value), let items = all(items) else { return nil }
                return .inList(value, items, negated: negated)
            case .caseWhen(let branches, let otherwise, let type):
                var renumbered: [CaseBranch] = []
                for branch in branches {
                    guard let condition = renumber(branch.condition), let result = renumber(branch.result) else {
                        return nil
                    }
                    renumbered.append(CaseBranch(condition: condition, result: result))
                }
                if let otherwise {
                    guard let other = renumber(otherwise) else { return nil }
                    return .caseWhen(renumbered, otherwise: other, type: type)
                }
                return .caseWhen(renumbered, otherwise: nil, type: type)
            }
        }
        func all(_ list: [BoundExpr]) -> [BoundExpr]? {
            var out: [BoundExpr] = []
            out.reserveCapacity(list.count)
            for e in list {
                guard let r = renumber(e) else { return nil }
                out.append(r)
            }
            return out
        }
        return renumber(self)
    }
}
