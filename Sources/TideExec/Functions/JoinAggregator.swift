import TideCore

/// `join(col, delim) OVER w`: the window's non-NULL strings, oldest first, separated by the
/// delimiter (taken from the newest row with a non-NULL one). An empty window gives `""`.
///
/// Retractable: rows leave from the front, so the state is a queue with a moving head.
struct JoinAggregator: Aggregator {
    /// Every row's value (NULL included, so retract stays aligned), oldest at `head`.
    private var values: [String?] = []
    private var head = 0
    private var delimiter = ""

    mutating func update(_ arguments: [Value]) throws {
        values.append(arguments.first?.stringValue)
        if arguments.count > 1, case .string(let d) = arguments[1] { delimiter = d }
    }

    mutating func retract(_ arguments: [Value]) throws {
        guard head < values.count else { throw TideError.internal("join: retract from an empty window") }
        head += 1
        // Drop the retracted prefix now and then so memory stays proportional to the window.
        if head > 64, head * 2 > values.count {
            values.removeFirst(head)
            head = 0
        }
    }

    func result() throws -> Value {
        .string(StringSplitting.join(Array(values[head...]), with: delimiter))
    }
}
