import TideCore
import TideSQL

/// The columns an expression can name: a plan's output, with table qualifiers.
struct Scope {
    var columns: [PlanColumn]

    /// Resolves `c`, `t.c` or `db.t.c` to a column position.
    func resolve(_ name: QualifiedName) throws(TideError) -> Int {
        let parts = name.parts.map(\.name)
        let column = parts[parts.count - 1].lowercased()
        let qualifier = parts.count >= 2 ? parts[parts.count - 2].lowercased() : nil
        let database = parts.count >= 3 ? parts[parts.count - 3] : nil
        var matches: [Int] = []
        for (i, c) in columns.enumerated() where c.name.lowercased() == column {
            if let qualifier, c.qualifier?.lowercased() != qualifier { continue }
            if let database, let known = c.database, known != database { continue }
            matches.append(i)
        }
        if matches.count > 1 {
            // The same name twice from one source (e.g. `SELECT a, a`) is not ambiguous if exact.
            let exact = matches.filter { columns[$0].name == parts[parts.count - 1] }
            if exact.count == 1 { return exact[0] }
            throw BinderErrors.ambiguousColumn(name.description, at: name.location)
        }
        guard let index = matches.first else {
            let hint = suggestion(for: column)
            throw BinderErrors.undefinedColumn(name.description, at: name.location, hint: hint)
        }
        return index
    }

    /// "did you mean ..." for a near miss.
    private func suggestion(for name: String) -> String? {
        let candidates = columns.map(\.name)
        guard let best = candidates.min(by: { distance($0.lowercased(), name) < distance($1.lowercased(), name) }),
            distance(best.lowercased(), name) <= max(1, name.count / 3)
        else { return nil }
        return "did you mean \"\(best)\"?"
    }

    private func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a), y = Array(b)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var previous = Array(0...y.count)
        for i in 1...x.count {
            var current = [i] + Array(repeating: 0, count: y.count)
            for j in 1...y.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[y.count]
    }
}
