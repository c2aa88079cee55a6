import TideCore

/// distinct_count over values coded densely from 0 (`DistinctCoder`, `LocalCodes`): a count
/// per code and the number of codes whose count is above zero.
struct TypedDistinctState: WindowSlidingState {
    let codes: [Int32]
    private var counts: [Int32]
    private var distinct: Int64 = 0

    init(codes: [Int32], codeCount: Int32) {
        self.codes = codes
        counts = [Int32](repeating: 0, count: Int(codeCount))
    }

    mutating func clear() {
        if distinct > 0 {
            for i in counts.indices { counts[i] = 0 }
        }
        distinct = 0
    }

    mutating func add(_ position: Int) {
        let code = Int(codes[position])
        if counts[code] == 0 { distinct += 1 }
        counts[code] += 1
    }

    mutating func remove(_ position: Int) {
        let code = Int(codes[position])
        counts[code] -= 1
        if counts[code] == 0 { distinct -= 1 }
    }

    func result(adding current: Int?) -> Value {
        guard let current else { return .int64(distinct) }
        return .int64(distinct + (counts[Int(codes[current])] == 0 ? 1 : 0))
    }
}
