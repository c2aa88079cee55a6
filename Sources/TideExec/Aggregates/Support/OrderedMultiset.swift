/// A sorted multiset (a treap with per-key multiplicities and subtree sizes): insert, remove,
/// min, max and the k-th smallest element in O(log n) expected time. Sliding-window min, max,
/// median, percentile and top-k use it so that `retract` stays logarithmic.
struct OrderedMultiset<Key: Comparable> {
    private struct Node {
        var key: Key
        var count: Int
        var size: Int
        var priority: UInt64
        var left: Int
        var right: Int
    }

    private var nodes: [Node] = []
    private var free: [Int] = []
    private var root = -1
    private var seed: UInt64 = 0x9E37_79B9_7F4A_7C15

    init() {}

    /// The number of elements, counting repeats.
    var count: Int { size(root) }
    var isEmpty: Bool { root < 0 }

    /// Adds one occurrence of `key`.
    mutating func insert(_ key: Key) { root = insert(key, into: root) }

    /// Removes one occurrence of `key`; false if it was not there.
    @discardableResult
    mutating func remove(_ key: Key) -> Bool {
        let (newRoot, removed) = remove(key, from: root)
        root = newRoot
        return removed
    }

    var min: Key? {
        var t = root
        guard t >= 0 else { return nil }
        while nodes[t].left >= 0 { t = nodes[t].left }
        return nodes[t].key
    }

    var max: Key? {
        var t = root
        guard t >= 0 else { return nil }
        while nodes[t].right >= 0 { t = nodes[t].right }
        return nodes[t].key
    }

    /// The element at 0-based position `rank` in ascending order, repeats counted.
    func element(atRank rank: Int) -> Key? {
        guard rank >= 0, rank < count else { return nil }
        var t = root
        var r = rank
        while t >= 0 {
            let leftSize = size(nodes[t].left)
            if r < leftSize {
                t = nodes[t].left
            } else if r < leftSize + nodes[t].count {
                return nodes[t].key
            } else {
                r -= leftSize + nodes[t].count
                t = nodes[t].right
            }
        }
        return nil
    }

    /// Visits distinct keys from the largest down, with their multiplicities, until `body`
    /// returns false.
    func forEachDescending(_ body: (Key, Int) -> Bool) {
        var stack: [Int] = []
        var t = root
        while t >= 0 || !stack.isEmpty {
            while t >= 0 {
                stack.append(t)
                t = nodes[t].right
            }
            guard let top = stack.popLast() else { return }
            if !body(nodes[top].key, nodes[top].count) { return }
            t = nodes[top].left
        }
    }

    /// Visits distinct keys from the smallest up, with their multiplicities, until `body`
    /// returns false.
    func forEachAscending(_ body: (Key, Int) -> Bool) {
        var stack: [Int] = []
        var t = root
        while t >= 0 || !stack.isEmpty {
            while t >= 0 {
                stack.append(t)
                t = nodes[t].left
            }
            guard let top = stack.popLast() else { return }
            if !body(nodes[top].key, nodes[top].count) { return }
            t = nodes[top].right
        }
    }

    // MARK: - Treap internals

    private func size(_ t: Int) -> Int { t < 0 ? 0 : nodes[t].size }

    private mutating func refresh(_ t: Int) {
        nodes[t].size = nodes[t].count + size(nodes[t].left) + size(nodes[t].right)
    }

    private mutating func nextPriority() -> UInt64 {
        // xorshift64: deterministic, so runs are reproducible.
        seed ^= seed << 13
        seed ^= seed >> 7
        seed ^= seed << 17
        return seed
    }

    private mutating func makeNode(_ key: Key) -> Int {
        let node = Node(key: key, count: 1, size: 1, priority: nextPriority(), left: -1, right: -1)
        if let reused = free.popLast() {
            nodes[reused] = node
            return reused
        }
        nodes.append(node)
        return nodes.count - 1
    }

    private mutating func rotateRight(_ t: Int) -> Int {
        let l = nodes[t].left
        nodes[t].left = nodes[l].right
        nodes[l].right = t
        refresh(t)
        refresh(l)
        return l
    }

    private mutating func rotateLeft(_ t: Int) -> Int {
        let r = nodes[t].right
        nodes[t].right = nodes[r].left
        nodes[r].left = t
        refresh(t)
        refresh(r)
        return r
    }

    private mutating func insert(_ key: Key, into t: Int) -> Int {
        guard t >= 0 else { return makeNode(key) }
        if key < nodes[t].key {
            let l = insert(key, into: nodes[t].left)
            nodes[t].left = l
            refresh(t)
            return nodes[l].priority > nodes[t].priority ? rotateRight(t) : t
        }
        if nodes[t].key < key {
            let r = insert(key, into: nodes[t].right)
            nodes[t].right = r
            refresh(t)
            return nodes[r].priority > nodes[t].priority ? rotateLeft(t) : t
        }
        nodes[t].count += 1
        nodes[t].size += 1
        return t
    }

    private mutating func remove(_ key: Key, from t: Int) -> (Int, Bool) {
        guard t >= 0 else { return (t, false) }
        if key < nodes[t].key {
            let (l, removed) = remove(key, from: nodes[t].left)
            nodes[t].left = l
            refresh(t)
            return (t, removed)
        }
        if nodes[t].key < key {
            let (r, removed) = remove(key, from: nodes[t].right)
            nodes[t].right = r
            refresh(t)
            return (t, removed)
        }
        if nodes[t].count > 1 {
            nodes[t].count -= 1
            nodes[t].size -= 1
            return (t, true)
        }
        let merged = merge(nodes[t].left, nodes[t].right)
        free.append(t)
        return (merged, true)
    }

    /// Joins two treaps whose keys are all ordered (every key of `a` below every key of `b`).
    private mutating func merge(_ a: Int, _ b: Int) -> Int {
        if a < 0 { return b }
        if b < 0 { return a }
        if nodes[a].priority > nodes[b].priority {
            nodes[a].right = merge(nodes[a].right, b)
            refresh(a)
            return a
        }
        nodes[b].left = merge(a, nodes[b].left)
        refresh(b)
        return b
    }
}
