import TideCore

/// How extreme values compare: `precedes(a, b)` when `a` is strictly the better of the two.
protocol ExtremeOrder {
    associatedtype Element
    static func precedes(_ a: Element, _ b: Element, _ extreme: Extreme) -> Bool
}

/// Int64 values in their natural order.
enum IntegerExtremeOrder: ExtremeOrder {
    static func precedes(_ a: Int64, _ b: Int64, _ extreme: Extreme) -> Bool {
        extreme == .min ? a < b : a > b
    }
}

/// Doubles as SQL orders them: NaN above every number, -0.0 equal to 0.0.
enum FloatExtremeOrder: ExtremeOrder {
    static func precedes(_ a: Double, _ b: Double, _ extreme: Extreme) -> Bool {
        let (low, high) = extreme == .min ? (a, b) : (b, a)
        if low.isNaN { return false }
        return high.isNaN || low < high
    }
}

/// min, max, min_where, max_where over a sliding frame with a monotonic deque: the
/// positions of rows that may still become the extreme, best first, each better than every
/// later one. Adding pops the rows the new one beats; removing the oldest row drops it from
/// the front if it is there. O(1) amortized per row; among equal values the oldest wins, as
/// in the boxed aggregate.
struct TypedExtremeState<Order: ExtremeOrder>: WindowSlidingState {
    let values: [Order.Element]
    let counted: [Bool]
    let extreme: Extreme
    let makeValue: (Order.Element) -> Value
    private var deque: [Int] = []
    private var head = 0

    init(values: [Order.Element], counted: [Bool], extreme: Extreme, makeValue: @escaping (Order.Element) -> Value) {
        self.values = values
        self.counted = counted
        self.extreme = extreme
        self.makeValue = makeValue
    }

    mutating func clear() {
        deque.removeAll(keepingCapacity: true)
        head = 0
    }

    mutating func add(_ position: Int) {
        guard counted[position] else { return }
        let value = values[position]
        while deque.count > head, Order.precedes(value, values[deque[deque.count - 1]], extreme) {
            deque.removeLast()
        }
        deque.append(position)
    }

    mutating func remove(_ position: Int) {
        guard deque.count > head, deque[head] == position else { return }
        head += 1
        if head == deque.count { clear() }
    }

    func result(adding current: Int?) -> Value {
        let best: Order.Element? = deque.count > head ? values[deque[head]] : nil
        return (current.map { including($0, in: best) } ?? best).map(makeValue) ?? .null
    }

    /// One scan, no deque: the first of the best values is the one the deque's front holds.
    func result(over positions: ArraySlice<Int>, adding current: Int?) -> Value {
        var best: Order.Element?
        for position in positions { best = including(position, in: best) }
        return (current.map { including($0, in: best) } ?? best).map(makeValue) ?? .null
    }

    /// `best` with the row at `position` taken into account (kept on a tie: the oldest wins).
    private func including(_ position: Int, in best: Order.Element?) -> Order.Element? {
        guard counted[position] else { return best }
        let value = values[position]
        guard let best else { return value }
        return Order.precedes(value, best, extreme) ? value : best
    }
}
