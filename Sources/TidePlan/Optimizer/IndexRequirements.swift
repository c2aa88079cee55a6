import TideCore

/// What a deployment needs from the online store: every index its windows (and their union
/// sources) and LAST JOINs read, with the TTL each must keep (OpenMLDB's DEPLOY derivation,
/// SEMANTICS.md §3.10–3.11).
public enum IndexRequirements {
    /// The index bindings of a plan, in plan order.
    public static func collect(_ plan: PhysicalPlan) -> [IndexBinding] {
        var out: [IndexBinding] = []
        visit(plan, into: &out)
        return out
    }

    private static func visit(_ plan: PhysicalPlan, into out: inout [IndexBinding]) {
        switch plan {
        case .scan, .singleRow: return
        case .filter(let n): visit(n.input, into: &out)
        case .project(let n): visit(n.input, into: &out)
        case .sort(let n): visit(n.input, into: &out)
        case .limit(let n): visit(n.input, into: &out)
        case .distinct(let n): visit(n.input, into: &out)
        case .groupAggregate(let n): visit(n.input, into: &out)
        case .union(let n): for input in n.inputs { visit(input, into: &out) }
        case .join(let n):
            visit(n.left, into: &out)
            visit(n.right, into: &out)
        case .lastJoin(let n):
            visit(n.left, into: &out)
            if let index = n.index { out.append(index) }
            visit(n.right, into: &out)
        case .windowAggregate(let n):
            visit(n.input, into: &out)
            for window in n.windows {
                if let index = window.index, !window.instanceNotInWindow { out.append(index) }
                for case let index? in window.unionIndexes { out.append(index) }
                for union in window.unions { visit(union, into: &out) }
            }
        }
    }

    /// Two TTL requirements on one index merged: each component is the larger (0 = keep
    /// everything), and an absolute and a latest requirement together keep a row that either
    /// keeps (absandlat).
    public static func merge(_ a: TTL, _ b: TTL) -> TTL {
        func components(_ t: TTL) -> (abs: Int64?, lat: Int64?) {
            switch t.kind {
            case .absolute: return (t.absoluteMs, nil)
            case .latest: return (nil, t.latestCount)
            case .absAndLat, .absOrLat: return (t.absoluteMs, t.latestCount)
            }
        }
        func larger(_ x: Int64?, _ y: Int64?) -> Int64? {
            switch (x, y) {
            case (nil, nil): return nil
            case (let v?, nil), (nil, let v?): return v
            case (let v?, let w?): return v == 0 || w == 0 ? 0 : max(v, w)
            }
        }
        let (a1, l1) = components(a)
        let (a2, l2) = components(b)
        let abs = larger(a1, a2)
        let lat = larger(l1, l2)
        switch (abs, lat) {
        case (let x?, nil): return TTL(kind: .absolute, absoluteMs: x)
        case (nil, let y?): return TTL(kind: .latest, latestCount: y)
        case (let x?, let y?):
            let kind: TTL.Kind = a.kind == .absOrLat && b.kind == .absOrLat ? .absOrLat : .absAndLat
            return TTL(kind: kind, absoluteMs: x, latestCount: y)
        case (nil, nil): return TTL.forever
        }
    }
}
