import TideCore
import TidePlan

/// Computes a scalar function from its (already type-checked) arguments.
public typealias ScalarKernel = @Sendable (_ arguments: [Value], _ context: FunctionContext) throws -> Value

/// The running state of one aggregate over a window or group. Rows arrive oldest first.
///
/// `retract` removes a row that `update` added earlier (the oldest one still counted) and is
/// only called on aggregates registered as retractable; sliding windows then cost O(1) or
/// O(log n) per row. Others are rebuilt from the frame's rows.
public protocol Aggregator {
    mutating func update(_ arguments: [Value]) throws
    mutating func retract(_ arguments: [Value]) throws
    /// The aggregate's value; mutating only so that a state may cache what it computed.
    mutating func result() throws -> Value
}

extension Aggregator {
    public mutating func retract(_ arguments: [Value]) throws {
        throw TideError.internal("retract called on a non-retractable aggregate")
    }
}

/// How to make an aggregate's state, and whether it supports `retract`.
public struct AggregateKernel: Sendable {
    public var retractable: Bool
    /// True for `lag`/`at`: they see every row of the partition before the current row, and
    /// the current row last, whatever the frame and its EXCLUDE options.
    public var ignoresFrame: Bool
    public var make: @Sendable (_ context: FunctionContext) -> any Aggregator

    public init(
        retractable: Bool, ignoresFrame: Bool = false,
        make: @escaping @Sendable (_ context: FunctionContext) -> any Aggregator
    ) {
        self.retractable = retractable
        self.ignoresFrame = ignoresFrame
        self.make = make
    }
}

/// A registered implementation of one signature.
public enum FunctionImplementation: Sendable {
    case scalar(ScalarKernel)
    case aggregate(AggregateKernel)
}
