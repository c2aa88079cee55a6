import TideCore

/// count, count_where: how many rows in the frame are counted (`counted[p]`: the value is
/// not NULL and, for count_where, the condition is TRUE).
struct TypedCountState: WindowSlidingState {
    let counted: [Bool]
    private var count: Int64 = 0

    init(counted: [Bool]) { self.counted = counted }

    mutating func clear() { count = 0 }
    mutating func add(_ position: Int) { if counted[position] { count += 1 } }
    mutating func remove(_ position: Int) { if counted[position] { count -= 1 } }

    func result(adding current: Int?) -> Value {
        .int64(count + (current.map { counted[$0] ? 1 : 0 } ?? 0))
    }

    func result(over positions: ArraySlice<Int>, adding current: Int?) -> Value {
        var count: Int64 = 0
        for position in positions where counted[position] { count += 1 }
        return .int64(count + (current.map { counted[$0] ? 1 : 0 } ?? 0))
    }
}
