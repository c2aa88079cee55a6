import Synchronization
import TideCore

/// Collects, while a statement is bound, the type each untyped placeholder (`$n` bound as
/// NULL-typed) meets: the other side of a comparison, or the parameter type of the function
/// or operator overload it is an argument of. The wire protocol reports these types to
/// clients that left them unspecified (PostgreSQL infers them the same way). The first type
/// seen for a placeholder wins.
public final class ParameterTypeSink: Sendable {
    private let types = Mutex<[Int: SQLType]>([:])

    public init() {}

    func note(_ expr: BoundExpr, as type: SQLType) {
        guard case .parameter(let n, .null) = expr, type != .null else { return }
        types.withLock { if $0[n] == nil { $0[n] = type } }
    }

    /// The inferred type of each placeholder, by its 1-based number.
    public var inferred: [Int: SQLType] { types.withLock { $0 } }
}
