import TideCore

/// Random reference cases from a seed: tables with ts ties, NULL values and NULL partition
/// keys, main rows arriving out of ts order, union sources and a LAST JOIN right table.
public enum ReferenceGenerator {
    /// Random tables for one case.
    public static func tables(using g: inout SeededGenerator) -> ReferenceTables {
        let keys = Array(["a", "b", "c"].prefix(Int.random(in: 1...3, using: &g)))
        var ts: Int64 = 10_000
        var times: [Int64] = []
        // Mostly small tables (many cases per second); one in eight is larger.
        let size =
            Int.random(in: 0..<8, using: &g) == 0
            ? Int.random(in: 30...80, using: &g) : Int.random(in: 3...28, using: &g)
        for _ in 0..<size {
            ts += [0, 0, 250, 500, 1000, 1000, 2000, 4000].randomElement(using: &g) ?? 0
            times.append(ts)
        }
        // Out-of-order arrival: swap some rows with a near neighbour, so insertion order
        // (sequence) differs from ts order; now and then a complete shuffle.
        let arrival = Int.random(in: 0..<10, using: &g)
        if arrival == 0 {
            times.shuffle(using: &g)
        } else if arrival < 7 {
            for _ in 0..<(times.count / 3 + 1) {
                let i = Int.random(in: 0..<times.count, using: &g)
                let j = min(times.count - 1, i + Int.random(in: 1...4, using: &g))
                times.swapAt(i, j)
            }
        }
        let main = times.enumerated().map { i, t in event(id: i, ts: t, keys: keys, using: &g) }
        let low = (times.min() ?? 10_000) - 3_000
        let high = (times.max() ?? 10_000) + 2_000
        let unions = ReferenceSchema.unionNames.indices.map { s in
            (0..<Int.random(in: 0...12, using: &g)).map { i in
                event(id: 1000 * (s + 1) + i, ts: time(times, low, high, using: &g), keys: keys, using: &g)
            }
        }
        let right = (0..<Int.random(in: 0...8, using: &g)).map { i -> [Value] in
            [
                .int32(Int32(i + 1)), key(keys, using: &g),
                Int.random(in: 0..<6, using: &g) == 0 ? .null : .int32(Int32.random(in: 0...9, using: &g)),
                .timestamp(time(times, low, high, using: &g)),
            ]
        }
        return ReferenceTables(main: main, unions: unions, right: right)
    }

    /// An event row; NULLs in k, g, v and d.
    static func event(id: Int, ts: Int64, keys: [String], using g: inout SeededGenerator) -> [Value] {
        [
            .int32(Int32(id)), key(keys, using: &g),
            Int.random(in: 0..<7, using: &g) == 0 ? .null : .int32(Int32.random(in: 1...2, using: &g)),
            Int.random(in: 0..<6, using: &g) == 0 ? .null : .int32(Int32.random(in: -20...50, using: &g)),
            Int.random(in: 0..<6, using: &g) == 0 ? .null : .double(Double(Int.random(in: -40...200, using: &g)) / 4),
            .timestamp(ts),
        ]
    }

    /// A partition key; NULL about one time in seven.
    static func key(_ keys: [String], using g: inout SeededGenerator) -> Value {
        Int.random(in: 0..<7, using: &g) == 0 ? .null : .string(keys.randomElement(using: &g) ?? "a")
    }

    /// A ts for a union or right row: often one of the main table's (ties), else anywhere near.
    static func time(_ times: [Int64], _ low: Int64, _ high: Int64, using g: inout SeededGenerator) -> Int64 {
        if Int.random(in: 0..<10, using: &g) < 4, let t = times.randomElement(using: &g) { return t }
        return Int64.random(in: low / 250...high / 250, using: &g) * 250
    }
}
