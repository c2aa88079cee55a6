/// One row of a window partition: which input it comes from (0 = the main input, j = union
/// source j) and its position there.
public struct PartitionRowRef: Hashable, Sendable {
    public var source: Int32
    public var index: Int32

    public init(source: Int32, index: Int32) {
        self.source = source
        self.index = index
    }
}
