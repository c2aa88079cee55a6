import TideCore
import TidePlan

/// Which row a positional aggregate reads.
enum Position: Sendable {
    /// lag(x, n) / at(x, n): n rows before the newest (current) row; a negative n counts from
    /// the oldest row (-1 is the oldest).
    case lag
    /// first_value(x): the oldest row of the frame (ANSI; OpenMLDB 0.9.0 and later).
    case first
    /// last_value(x): the newest row of the frame.
    case last
}

/// lag / at / first_value / last_value, with an optional ignore-nulls flag (lag's third
/// argument, first_value's and last_value's second): then the positions count only rows whose
/// value is not NULL. NULL when the position is outside the frame. Rows are kept in FIFO
/// buffers, so sliding costs O(1) per row.
struct PositionalAggregator: Aggregator {
    let position: Position
    let ignoreNullsArgument: Int?
    private var rows = RowDeque<Value>()
    private var nonNull = RowDeque<Value>()
    private var offset: Int64 = 0
    private var ignoreNulls = false

    init(_ position: Position, ignoreNullsArgument: Int?) {
        self.position = position
        self.ignoreNullsArgument = ignoreNullsArgument
    }

    mutating func update(_ arguments: [Value]) throws {
        if case .lag = position, let n = arguments.argument(1).int64Value { offset = n }
        if let index = ignoreNullsArgument { ignoreNulls = arguments.isTrue(index) }
        let value = arguments.argument(0)
        rows.append(value)
        if !value.isNull { nonNull.append(value) }
    }

    mutating func retract(_ arguments: [Value]) throws {
        if let oldest = rows.popFirst(), !oldest.isNull { nonNull.popFirst() }
    }

    func result() throws -> Value {
        let list = ignoreNulls ? nonNull : rows
        switch position {
        case .first: return list.first ?? .null
        case .last: return list.last ?? .null
        case .lag:
            // OpenMLDB semantics: at(list, -k) is the k-th row from the oldest end.
            guard offset >= 0 else {
                let fromOldest = offset == Int64.min ? Int.max : Int(clamping: -offset) - 1
                return list.fromOldest(fromOldest) ?? .null
            }
            return list.fromNewest(Int(clamping: offset)) ?? .null
        }
    }
}

extension AggregateFunctions {
    static func registerPositional(into registry: inout FunctionRegistry) {
        // OpenMLDB semantics: lag counts rows back from the current row through the whole
        // partition history, whatever the frame (the current row is lag 0 even when excluded).
        for name in ["lag", "at"] {
            registerOverloads(name, into: &registry, retractable: true, ignoresFrame: true) { signature in
                let flag = signature.parameters.count == 3 ? 2 : nil
                return { _ in PositionalAggregator(.lag, ignoreNullsArgument: flag) }
            }
        }
        for t in SQLType.scalarTypes {
            for index in SQLType.integerTypes {
                registry.scalar("at", [.array(t), index]) { arguments, _ in
                    guard case .array(let items) = arguments[0], let i = arguments[1].int64Value,
                        i >= 0, i < Int64(items.count)
                    else { return .null }
                    return items[Int(i)]
                }
            }
        }
        for (name, position) in [("first_value", Position.first), ("last_value", .last)] {
            registerOverloads(name, into: &registry, retractable: true) { signature in
                let flag = signature.parameters.count == 2 ? 1 : nil
                return { _ in PositionalAggregator(position, ignoreNullsArgument: flag) }
            }
        }
    }
}
