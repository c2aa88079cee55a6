/// One Spark window an aggregate is computed over, as part of a TideDB frame: its OVER
/// clause, and which of its rows do not count (`mask`, a condition over the row; rows of the
/// main table under INSTANCE_NOT_IN_WINDOW).
struct SparkFramePart: Sendable, Hashable {
    var over: String
    var mask: String?
}

/// A TideDB frame in Spark: the parts whose rows together are the frame's rows, at most how
/// many of the newest of them count (MAXSIZE), and the columns that order them as TideBatch
/// does (order value, source rank, seq).
struct SparkFrame: Sendable, Hashable {
    var parts: [SparkFramePart]
    var maxSize: Int64? = nil
    var order: [String] = []
}
