import TideCore

/// Any registered aggregate as a sliding state: its arguments are boxed values, one column per
/// argument in partition order, handed to `update` and `retract` a row at a time.
struct AggregatorSlidingState: WindowSlidingState {
    let kernel: AggregateKernel
    let context: FunctionContext
    let columns: [[Value]]
    private var state: any Aggregator
    private var scratch: [Value]

    init(kernel: AggregateKernel, context: FunctionContext, columns: [[Value]]) {
        self.kernel = kernel
        self.context = context
        self.columns = columns
        state = kernel.make(context)
        scratch = [Value](repeating: .null, count: columns.count)
    }

    private mutating func row(_ p: Int) -> [Value] {
        for k in columns.indices { scratch[k] = columns[k][p] }
        return scratch
    }

    mutating func clear() { state = kernel.make(context) }
    mutating func add(_ position: Int) throws { try state.update(row(position)) }
    mutating func remove(_ position: Int) throws { try state.retract(row(position)) }

    mutating func result(adding current: Int?) throws -> Value {
        guard let current else { return try state.result() }
        var withCurrent = state
        try withCurrent.update(row(current))
        return try withCurrent.result()
    }
}
