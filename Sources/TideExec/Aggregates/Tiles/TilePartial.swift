import TideCore

/// The partial aggregate of the rows of one tile (a key's rows in one time bucket) for one
/// long-window aggregate: how many values were counted, their sums and their extremes. Tiles
/// of a frame merge into one partial, the frame's edge rows add to it, and `TileAggregate`
/// turns it into the aggregate's value exactly as the row-by-row aggregate would (floating
/// sums within the compensated-summation error: they are added tile by tile).
public struct TilePartial: Sendable {
    /// Non-null values counted.
    public private(set) var count: Int64 = 0
    private var integers = WrappingSum()
    private var doubles = CompensatedSum()
    public private(set) var minimum: Value = .null
    public private(set) var maximum: Value = .null
    /// The distinct values counted (distinct_count's tiles only; empty otherwise).
    private var distinct = TileDistinctSet()
    /// Per category, the partial of its values (the `_cate` forms' tiles only).
    private var categories: [OrderedValue: TilePartial] = [:]

    var categoryPartials: [OrderedValue: TilePartial] { categories }

    /// Counts `value` in `category`'s partial.
    mutating func addCategory(_ category: Value, _ value: Value) {
        count += 1
        categories[OrderedValue(category), default: TilePartial()].add(value)
    }

    public init() {}

    /// Counts one value (NULL is not counted).
    public mutating func add(_ value: Value) {
        guard !value.isNull else { return }
        count += 1
        if let i = value.int64Value, !value.isFloating { integers.add(i) }
        if let d = value.doubleValue { doubles.add(d) }
        if minimum.isNull || Value.sortOrder(value, minimum) < 0 { minimum = value }
        if maximum.isNull || Value.sortOrder(value, maximum) > 0 { maximum = value }
    }

    /// Counts one value of distinct_count: only the set of distinct values is kept.
    public mutating func addDistinct(_ value: Value) {
        guard !value.isNull else { return }
        count += 1
        distinct.insert(value)
    }

    var distinctCount: Int { distinct.count }

    /// Counts every value `other` counted.
    public mutating func merge(_ other: TilePartial) {
        guard other.count > 0 else { return }
        count += other.count
        distinct.formUnion(other.distinct)
        for (category, partial) in other.categories { categories[category, default: TilePartial()].merge(partial) }
        integers.merge(other.integers)
        doubles.merge(other.doubles)
        if minimum.isNull || Value.sortOrder(other.minimum, minimum) < 0 { minimum = other.minimum }
        if maximum.isNull || Value.sortOrder(other.maximum, maximum) > 0 { maximum = other.maximum }
    }

    var integerSum: Int64 { integers.value }
    var doubleSum: Double { doubles.value }

    /// The partial as bytes (`decoded(_:)` reads it back).
    public func encoded(into bytes: inout [UInt8]) {
        TileValueCodec.appendUInt64(UInt64(bitPattern: count), to: &bytes)
        TileValueCodec.appendUInt64(UInt64(bitPattern: Int64(integers.count)), to: &bytes)
        TileValueCodec.appendUInt64(UInt64(bitPattern: integers.value), to: &bytes)
        for part in doubles.parts { TileValueCodec.appendUInt64(part.bitPattern, to: &bytes) }
        TileValueCodec.append(minimum, to: &bytes)
        TileValueCodec.append(maximum, to: &bytes)
        TileValueCodec.appendUInt64(UInt64(distinct.count), to: &bytes)
        distinct.appendEncoded(to: &bytes)
        TileValueCodec.appendUInt64(UInt64(categories.count), to: &bytes)
        for (category, partial) in categories {
            TileValueCodec.append(category.value, to: &bytes)
            partial.encoded(into: &bytes)
        }
    }

    /// Merges the partial written by `encoded(into:)` at `offset` into this one, moving past
    /// it: what `merge(decoded(...))` does, in one pass (a request merges hundreds of tiles;
    /// their distinct values go straight into this partial's set instead of a set per tile).
    public mutating func mergeDecoded(_ bytes: [UInt8], at offset: inout Int) throws {
        var scalars = TilePartial()
        try scalars.readScalars(bytes, at: &offset)
        merge(scalars)
        try mergeValueSets(bytes, at: &offset)
    }

    /// Merges the distinct values and the category partials of an encoded partial (after its
    /// scalars) into this one. A category this partial lacks is decoded as stored.
    private mutating func mergeValueSets(_ bytes: [UInt8], at offset: inout Int) throws {
        let distinct = try TileValueCodec.readUInt64(bytes, &offset)
        guard distinct <= UInt64(bytes.count - offset) else { throw TileValueCodec.damaged() }
        try self.distinct.insertEncoded(bytes, at: &offset, count: Int(distinct))
        let categories = try TileValueCodec.readUInt64(bytes, &offset)
        guard categories <= UInt64(bytes.count - offset) else { throw TileValueCodec.damaged() }
        for _ in 0..<categories {
            let category = OrderedValue(try TileValueCodec.read(bytes, &offset))
            if var partial = self.categories.removeValue(forKey: category) {
                try partial.mergeDecoded(bytes, at: &offset)
                self.categories[category] = partial
            } else {
                self.categories[category] = try Self.decoded(bytes, at: &offset)
            }
        }
    }

    /// Reads the count, sums and extremes of an encoded partial into this (empty) one.
    private mutating func readScalars(_ bytes: [UInt8], at offset: inout Int) throws {
        count = Int64(bitPattern: try TileValueCodec.readUInt64(bytes, &offset))
        let integerCount = Int64(bitPattern: try TileValueCodec.readUInt64(bytes, &offset))
        let integerValue = Int64(bitPattern: try TileValueCodec.readUInt64(bytes, &offset))
        integers = WrappingSum(count: Int(integerCount), value: integerValue)
        var parts: [Double] = []
        for _ in 0..<6 { parts.append(Double(bitPattern: try TileValueCodec.readUInt64(bytes, &offset))) }
        guard let sums = CompensatedSum(parts: parts) else { throw TileValueCodec.damaged() }
        doubles = sums
        minimum = try TileValueCodec.read(bytes, &offset)
        maximum = try TileValueCodec.read(bytes, &offset)
    }

    /// Reads a partial written by `encoded(into:)` at `offset`, moving past it.
    public static func decoded(_ bytes: [UInt8], at offset: inout Int) throws -> TilePartial {
        var partial = TilePartial()
        try partial.readScalars(bytes, at: &offset)
        try partial.mergeValueSets(bytes, at: &offset)
        return partial
    }
}

extension Value {
    fileprivate var isFloating: Bool {
        switch self {
        case .float, .double: return true
        default: return false
        }
    }
}
