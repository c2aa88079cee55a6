import TideCore
import TidePlan

/// Window aggregates whose arguments use other aggregates over the same frame
/// (`sum(x - count(x)) OVER w`): for each frame the nested aggregates are computed first,
/// then the arguments are evaluated on every row of the frame followed by those values,
/// and the outer aggregate takes them. Nothing slides here: each frame is computed afresh.
///
/// Both engines call this for the calls with `nested` aggregates, over the partition's rows
/// in window order (the batch engine a whole partition, the request engine the history
/// plus the request row).
public struct NestedWindowAggregation {
    public var context: FunctionContext
    public var parameters: [Value]

    public init(context: FunctionContext, parameters: [Value] = []) {
        self.context = context
        self.parameters = parameters
    }

    /// `call`'s value for each frame of `ranges`; `rows[p]` is partition row `p`.
    public func run(_ call: WindowAggregateCall, ranges: WindowFrameRanges, rows: [[Value]]) throws -> [Value] {
        let kernel = try FunctionLibrary.aggregateKernel(call.signature)
        if call.nested.isEmpty {
            let arguments = try call.arguments.map { expr in
                let compiled = try RowEvaluator(expr, context: context, parameters: parameters)
                return try rows.map { try compiled.evaluate($0) }
            }
            return try WindowAggregation(kernels: [kernel], context: context).run(ranges, arguments: [arguments])[0]
        }
        let inner = try call.nested.map { try run($0, ranges: ranges, rows: rows) }
        let compiled = try call.arguments.map { try RowEvaluator($0, context: context, parameters: parameters) }
        var out: [Value] = []
        out.reserveCapacity(ranges.frames.count)
        for (f, frame) in ranges.frames.enumerated() {
            try context.checkInterrupt()
            let values = inner.map { $0[f] }
            if call.overElements {
                // The list the nested aggregate returned for this frame, element by element.
                let row = rows[frame.row] + values
                let arguments = try compiled.map { try $0.evaluate(row) }
                var state = kernel.make(context)
                if case .array(let elements) = arguments[0] {
                    for element in elements { try state.update([element] + arguments.dropFirst()) }
                }
                out.append(try state.result())
                continue
            }
            // The frame's rows oldest first, the current row last when it is in the frame.
            var members: [Int]
            if kernel.ignoresFrame {
                members = Array(ranges.candidates[0..<frame.historyEnd]) + [frame.row]
            } else {
                members = Array(ranges.candidates[min(frame.lower, frame.upper)..<frame.upper])
                if frame.includesCurrent { members.append(frame.row) }
            }
            var state = kernel.make(context)
            for p in members {
                let row = rows[p] + values
                try state.update(try compiled.map { try $0.evaluate(row) })
            }
            out.append(try state.result())
        }
        return out
    }
}
