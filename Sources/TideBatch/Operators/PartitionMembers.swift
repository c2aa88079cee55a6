import TideExec

/// The rows of every window partition, grouped by a counting sort into one array: partition
/// `p`'s rows, in source order (the main relation first, then each union source, each in row
/// order), are `rows(of: p)`. One array and one pass, instead of an array per partition grown
/// row by row.
struct PartitionMembers: Sendable {
    /// Where each partition's rows start in `all`; `starts[partitionCount]` is the row count.
    private let starts: [Int]
    private let all: [PartitionRowRef]

    /// `partitions[s][r]` is the partition of row `r` of source `s`, or negative for a row in none.
    init(partitions: [[Int32]], count: Int) {
        var starts = [Int](repeating: 0, count: count + 1)
        for source in partitions {
            for p in source where p >= 0 { starts[Int(p) + 1] += 1 }
        }
        for p in 0..<count { starts[p + 1] += starts[p] }
        var next = starts
        let total = starts[count]
        all = [PartitionRowRef](unsafeUninitializedCapacity: total) { buffer, initialized in
            for (s, source) in partitions.enumerated() {
                for (r, p) in source.enumerated() where p >= 0 {
                    buffer[next[Int(p)]] = PartitionRowRef(source: Int32(s), index: Int32(r))
                    next[Int(p)] += 1
                }
            }
            initialized = total
        }
        self.starts = starts
    }

    var partitionCount: Int { starts.count - 1 }

    func rows(of partition: Int) -> ArraySlice<PartitionRowRef> {
        all[starts[partition]..<starts[partition + 1]]
    }
}
