/// A first-in first-out buffer with O(1) amortized append and removal at the front, and O(1)
/// indexing from either end. Positional aggregates (lag, first_value, nth_value_where, ...)
/// keep their rows here: `update` appends the newest row, `retract` drops the oldest.
struct RowDeque<Element> {
    private var storage: [Element] = []
    private var head = 0

    init() {}

    var count: Int { storage.count - head }
    var isEmpty: Bool { count == 0 }

    mutating func append(_ element: Element) { storage.append(element) }

    /// Removes and returns the oldest element.
    @discardableResult
    mutating func popFirst() -> Element? {
        guard head < storage.count else { return nil }
        let element = storage[head]
        head += 1
        if head >= 64, head * 2 >= storage.count {
            storage.removeFirst(head)
            head = 0
        }
        return element
    }

    /// The element at `index` counted from the oldest (0) up.
    func fromOldest(_ index: Int) -> Element? {
        guard index >= 0, index < count else { return nil }
        return storage[head + index]
    }

    /// The element at `index` counted from the newest (0) down.
    func fromNewest(_ index: Int) -> Element? {
        guard index >= 0, index < count else { return nil }
        return storage[storage.count - 1 - index]
    }

    var first: Element? { fromOldest(0) }
    var last: Element? { fromNewest(0) }

    /// The elements from the newest to the oldest.
    var newestFirst: ReversedCollection<ArraySlice<Element>> { storage[head...].reversed() }
}
