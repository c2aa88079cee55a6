/// The `key:value` text of each category slot of a category aggregate, kept in one byte arena
/// so that a result is joined by copying bytes: no string per pair is read, retained or
/// measured again while its category's rows stay the same. A slot's text is made when a
/// result first needs it after its rows changed; replaced texts stay in the arena as garbage
/// until it is at least half garbage, and then the arena is rebuilt from the live texts.
struct CategoryPairTexts {
    private var arena: [UInt8] = []
    /// Per slot: where its text starts in `arena`, or -1 when it is not made.
    private var starts: [Int] = []
    private var lengths: [Int] = []
    private var garbage = 0

    /// Whether `slot` has its text.
    func has(_ slot: Int) -> Bool { slot < starts.count && starts[slot] >= 0 }

    /// Forgets `slot`'s text (its rows changed).
    mutating func invalidate(_ slot: Int) {
        guard has(slot) else { return }
        starts[slot] = -1
        garbage += lengths[slot]
    }

    /// Makes `slot`'s text `key:value`.
    mutating func set(_ slot: Int, key: String, value: String) {
        if slot >= starts.count {
            starts += repeatElement(-1, count: slot + 1 - starts.count)
            lengths += repeatElement(0, count: slot + 1 - lengths.count)
        }
        invalidate(slot)
        if garbage > 4_096, garbage * 2 > arena.count { compact() }
        starts[slot] = arena.count
        arena.append(contentsOf: key.utf8)
        arena.append(UInt8(ascii: ":"))
        arena.append(contentsOf: value.utf8)
        lengths[slot] = arena.count - starts[slot]
    }

    /// The texts of `slots` (each made) joined with commas, stopping before the text would
    /// pass `AggregateFormat.maximumOutputLength` (a pair that does not fit is dropped with
    /// everything after it), made at its exact size.
    func joined(_ slots: some Collection<Int>) -> String {
        let (taken, length) = AggregateFormat.pairsThatFit(slots.lazy.map { lengths[$0] })
        guard taken > 0 else { return "" }
        return arena.withUnsafeBufferPointer { source in
            String(unsafeUninitializedCapacity: length) { buffer in
                var at = 0
                for (i, slot) in slots.prefix(taken).enumerated() {
                    if i > 0 {
                        buffer[at] = UInt8(ascii: ",")
                        at += 1
                    }
                    let start = starts[slot]
                    let end = at + lengths[slot]
                    _ = UnsafeMutableBufferPointer(rebasing: buffer[at..<end]).initialize(
                        fromContentsOf: source[start..<(start + lengths[slot])])
                    at = end
                }
                return at
            }
        }
    }

    /// Rebuilds the arena from the live texts only.
    private mutating func compact() {
        var live: [UInt8] = []
        live.reserveCapacity(arena.count - garbage)
        for slot in starts.indices where starts[slot] >= 0 {
            let start = starts[slot]
            starts[slot] = live.count
            live.append(contentsOf: arena[start..<(start + lengths[slot])])
        }
        arena = live
        garbage = 0
    }
}
