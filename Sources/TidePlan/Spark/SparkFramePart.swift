/// One Spark window an aggregate is computed over, as part of a TideDB frame: its OVER
/// clause, and which of its rows do not count (`mask`, a condition over the row; rows of the
/// main table under INSTANCE_NOT_IN_WINDOW).
struct SparkFramePart: Sendable, Hashable {
    var over: String
    var mask: String?
    /// A window over the rows sharing the current row's timestamp (few rows): computed in a
    /// query level of its own, below the others (`SparkPartColumns`).
    var peers = false
}

/// Window expressions over peer parts, taken out of the aggregates into columns of a lower
/// query level. Spark computes one window specification after the other and carries every
/// column through each sort; a part's collected rows would otherwise travel through all of
/// them. With the peer parts below, each other window is computed, combined and reduced to
/// its value in a level of its own (`SparkWindowEmitter.groupRelation`).
final class SparkPartColumns {
    private(set) var expressions: [String] = []
    private var names: [String: String] = [:]
    private let prefix: String

    init(prefix: String) {
        self.prefix = prefix
    }

    /// The column holding `expression` (the same expression, the same column).
    func column(for expression: String) -> String {
        if let name = names[expression] { return name }
        let name = "\(prefix)\(expressions.count)"
        names[expression] = name
        expressions.append(expression)
        return name
    }

    /// `level` with the columns added (itself when there are none).
    func computed(over level: String) -> String {
        if expressions.isEmpty { return level }
        let items = expressions.enumerated().map { "\($1) AS \(prefix)\($0)" }
        return "(SELECT *, \(items.joined(separator: ", ")) FROM \(level)) AS t"
    }
}

/// A TideDB frame in Spark: the parts whose rows together are the frame's rows, at most how
/// many of the newest of them count (MAXSIZE), and the columns that order them as TideBatch
/// does (order value, source rank, seq).
struct SparkFrame {
    var parts: [SparkFramePart]
    var maxSize: Int64? = nil
    var order: [String] = []
    /// Where peer parts' window expressions go (nil: written inline).
    var peerColumns: SparkPartColumns? = nil
    /// Where the other parts' window expressions go: the columns of the frame's own level.
    var stageColumns: SparkPartColumns? = nil

    /// `function` over `part`: inline, or the column a level computes it in.
    func window(_ function: String, over part: SparkFramePart) -> String {
        if part.over.isEmpty { return function }
        let expression = "\(function) OVER \(part.over)"
        guard let columns = part.peers ? peerColumns : stageColumns else { return expression }
        return columns.column(for: expression)
    }
}
