import TideCore
import TideExec
import TidePlan
import TideStore

/// Which tiles a long window reads: those of its table's index with its bucket size. Every
/// deployment window with the same key shares one set of tiles (a `TileGroup`), so a write
/// updates each tile once however many deployments read it.
struct TileGroupKey: Hashable, Sendable {
    let tableID: UInt32
    /// Lowercased.
    let indexName: String
    let bucket: LongWindow.Bucket

    init(tableID: UInt32, indexName: String, bucket: LongWindow.Bucket) {
        self.tableID = tableID
        self.indexName = indexName.lowercased()
        self.bucket = bucket
    }

    /// The bucket's span in milliseconds (nil: row-count tiles).
    var bucketMs: Int64? {
        if case .milliseconds(let ms) = bucket { return ms }
        return nil
    }

    /// The bucket in the group's name: milliseconds, or `r` and a row count.
    private var bucketName: String {
        switch bucket {
        case .milliseconds(let ms): return "\(ms)"
        case .rows(let rows): return "r\(rows)"
        }
    }

    /// The group's name in the store, for its `generation`: a group whose slots change is
    /// built anew under the next generation, then the old one is dropped.
    func name(generation: UInt64) -> String { "\(indexName)\u{1F}\(bucketName)\u{1F}\(generation)" }

    /// The generation of a stored set named `name` if it is this group's fine level.
    func generation(ofStored name: String) -> UInt64? {
        let parts = name.split(separator: "\u{1F}", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == indexName, parts[1] == bucketName else { return nil }
        return UInt64(parts[2])
    }
}

/// What one deployment's long windows need of a group: the slots their calls read, and how
/// many coarse levels (days, then weeks, of hour buckets) a frame long enough over
/// value-keeping slots wants.
struct TileNeed: Sendable, Equatable {
    var slots: Set<TileSlot> = []
    var coarseLevels = 0

    mutating func formUnion(_ other: TileNeed) {
        slots.formUnion(other.slots)
        coarseLevels = max(coarseLevels, other.coarseLevels)
    }
}

/// One registered set of shared tiles: per key of its index and per bucket, one partial per
/// slot (each length-prefixed, so that a reader skips the slots it does not need), and what
/// folding a row into it needs. A bucket is a time span of the TS (the tile's key holds the
/// bucket's start) or, for row-count groups, up to `rowsPerTile` rows of a key in arrival order
/// (the key holds the tile's number, newest first; `RowTileHeader`).
struct TileGroup: Sendable {
    let key: TileGroupKey
    let generation: UInt64
    /// The index's name as the table defines it.
    let indexName: String
    let table: TableDef
    let keyPositions: [Int]
    let keyTypes: [DataType]
    let tsPosition: Int
    /// In the order of their partials in a tile.
    let slots: [TileSlot]
    let slotPositions: [TileSlot: Int]
    let arguments: [SlotArguments]
    /// The group's own tiles (one bucket each), then, when a member's long frame reads
    /// value-keeping slots, coarse tiles of `coarseFactor` buckets each: a request merges the
    /// coarse tiles inside its frame and the fine ones only at the frame's edges.
    let levels: [Level]
    /// Rows per tile of a row-count group (nil: time buckets).
    let rowsPerTile: Int64?
    /// Bytes before the slots in a tile: its rows' TS range, and for row-count tiles the
    /// rest of `RowTileHeader`.
    let headerLength: Int

    /// One level of tiles: its name in the store, bucket size and key prefix.
    struct Level: Sendable {
        let name: String
        let bucketMs: Int64
        /// `OnlineStore.tileSetPrefix` of the level.
        let prefix: [UInt8]
    }

    /// Tiles of the level below per tile of each coarse level: hours into days. (A further
    /// level of weeks made distinct_count over 30 days of hour tiles ~0.2 ms faster, and
    /// writes with five tiled deployments ~0.2× slower: every write rewrites a tile per level.)
    static let coarseFactors: [Int64] = [24]
    /// A frame spanning fewer tiles of a coarse level than this does not get that level.
    static let coarseTilesPerFrame: Int64 = 4

    /// The finer level: the group's own buckets.
    var fine: Level { levels[0] }
    /// The coarse levels, finest first.
    var coarseLevels: ArraySlice<Level> { levels.dropFirst() }
    var levelNames: [String] { levels.map(\.name) }

    /// The bucket of each coarse level of a group of `bucketMs` buckets, while it does not
    /// overflow.
    static func coarseBuckets(_ bucketMs: Int64) -> [Int64] {
        var buckets: [Int64] = []
        var size = bucketMs
        for factor in coarseFactors {
            let (next, overflow) = size.multipliedReportingOverflow(by: factor)
            guard !overflow else { break }
            buckets.append(next)
            size = next
        }
        return buckets
    }

    /// What the fine level's ready marker holds: the slots in tile order, the levels and the
    /// index's TTL (tiles hold the rows the index kept when they were built: a TTL made longer
    /// since shows rows they may not hold). A stored group is used as it is only when its layout
    /// is the one its members need now.
    var layout: [UInt8] {
        let ttl = table.indexes.first { $0.name == indexName }.map { "ttl \($0.ttl)" } ?? "ttl ?"
        return Array(
            (["tiles 3", "levels \(levels.count)", ttl] + slots.map(\.description)).joined(separator: "\n")
                .utf8)
    }

    /// The rows the group's tiles are built from: those its index holds now.
    func storedRows(_ store: OnlineStore) throws -> [StoredRow] {
        try store.indexRows(table: table, tableID: key.tableID, index: indexName)
    }

    /// What a slot folds, compiled.
    struct SlotArguments: Sendable {
        let value: Argument?
        let condition: Argument?
        let category: Argument?
    }

    /// An argument read straight from a column, or computed.
    enum Argument: Sendable {
        case column(Int)
        case computed(RowEvaluator)

        func value(_ row: [Value]) throws -> Value {
            switch self {
            case .column(let i): return i < row.count ? row[i] : .null
            case .computed(let evaluator): return try evaluator.evaluate(row)
            }
        }
    }

    /// The group of `set`'s index and bucket (of table `tableID`) that serves `need`.
    init(_ set: TileSet, tableID: UInt32, need: TileNeed, generation: UInt64) throws {
        try self.init(
            key: TileGroupKey(tableID: tableID, indexName: set.indexName, bucket: set.bucket),
            indexName: set.indexName, table: set.table, keyPositions: set.keyPositions, tsPosition: set.tsPosition,
            need: need, generation: generation)
    }

    /// This group's key and index, serving `need` under `generation` (for `table`, the
    /// table's definition now, if given).
    func with(_ need: TileNeed, generation: UInt64, table: TableDef? = nil) throws -> TileGroup {
        try TileGroup(
            key: key, indexName: indexName, table: table ?? self.table, keyPositions: keyPositions,
            tsPosition: tsPosition, need: need, generation: generation)
    }

    private init(
        key: TileGroupKey, indexName: String, table: TableDef, keyPositions: [Int], tsPosition: Int, need: TileNeed,
        generation: UInt64
    ) throws {
        self.key = key
        self.indexName = indexName
        self.generation = generation
        self.table = table
        self.keyPositions = keyPositions
        keyTypes = keyPositions.map { table.columns[$0].type }
        self.tsPosition = tsPosition
        slots = need.slots.sorted { $0.description < $1.description }
        slotPositions = Dictionary(uniqueKeysWithValues: slots.enumerated().map { ($1, $0) })
        func compiled(_ argument: BoundExpr?) throws -> Argument? {
            guard let argument else { return nil }
            if case .column(let reference) = argument { return .column(reference.index) }
            return .computed(try RowEvaluator(argument, context: FunctionContext()))
        }
        arguments = try slots.map { slot in
            SlotArguments(
                value: try compiled(slot.value), condition: try compiled(slot.condition),
                category: try compiled(slot.category))
        }
        let name = key.name(generation: generation)
        var levels = [Level(name, bucketMs: key.bucketMs ?? 0, tableID: key.tableID)]
        if case .rows(let rows) = key.bucket {
            rowsPerTile = rows
            headerLength = RowTileHeader.length
        } else {
            rowsPerTile = nil
            headerLength = TileContent.headerLength
        }
        if let bucketMs = key.bucketMs {
            for (i, coarseMs) in Self.coarseBuckets(bucketMs).prefix(need.coarseLevels).enumerated() {
                let suffix = i == 0 ? "coarse" : "coarse\(i + 1)"
                levels.append(Level(name + "\u{1F}" + suffix, bucketMs: coarseMs, tableID: key.tableID))
            }
        }
        self.levels = levels
    }

    /// What the group serves: its slots, and coarse tiles if it has them.
    var need: TileNeed { TileNeed(slots: Set(slots), coarseLevels: levels.count - 1) }

    /// What `set`'s calls need of its group.
    static func need(_ set: TileSet) -> TileNeed {
        let slots = Set(set.calls.compactMap(TileSlot.init))
        var need = TileNeed(slots: slots)
        guard let bucketMs = set.bucketMs else { return need }
        guard slots.contains(where: \.keepsValues), let start = set.window.frame.start, set.window.frame.end >= start
        else { return need }
        let span = set.window.frame.end - start
        need.coarseLevels = coarseBuckets(bucketMs).prefix { span / $0 >= coarseTilesPerFrame }.count
        return need
    }

    /// The tile of `row` at `level`: its key and bucket start (nil: a row without TS).
    func tile(of row: [Value], at level: Level) throws -> (key: TileKey, bucket: Int64)? {
        guard let ts = row[tsPosition].int64Value else { return nil }
        let bucket = TileBuckets.start(of: ts, size: level.bucketMs)
        var key = level.prefix
        try OnlineStore.appendTileKey(keyPositions.map { row[$0] }, types: keyTypes, bucketStart: bucket, to: &key)
        return (TileKey(key), bucket)
    }

    /// Every level's tiles of `rows`: the fine ones folded, the coarse ones merged from them.
    func foldLevels(_ rows: [[Value]]) throws -> [(level: Level, tiles: [TileKey: TileContent])] {
        let fine = try fold(rows, at: fine)
        return [(self.fine, fine)] + coarseLevels.map { ($0, regroup(fine, into: $0)) }
    }

    /// What groups rows into this group's tiles at `level`.
    func shape(_ level: Level) -> TileRowGroups.Shape {
        TileRowGroups.Shape(
            keyPositions: keyPositions, keyTypes: keyTypes, tsPosition: tsPosition, bucketMs: level.bucketMs)
    }

    /// Partials of every slot from `rows`, by tile key of `level`.
    func fold(_ rows: [[Value]], at level: Level) throws -> [TileKey: TileContent] {
        try fold(TileRowGroups(rows, shape: shape(level)), of: rows, at: level)
    }

    /// Partials of every slot from `rows` grouped by `groups` (of `shape(level)`), by tile key.
    func fold(_ groups: TileRowGroups, of rows: [[Value]], at level: Level) throws -> [TileKey: TileContent] {
        var tiles: [TileKey: TileContent] = [:]
        tiles.reserveCapacity(groups.groups.count)
        for group in groups.groups {
            var content = TileContent(slots: slots.count)
            for position in group.rows {
                let row = rows[position]
                if let ts = row[tsPosition].int64Value { content.include(ts: ts) }
                try addSlots(row, to: &content)
            }
            tiles[TileKey(level.prefix + group.suffix)] = content
        }
        return tiles
    }

    /// Folds `row` into every slot's partial of `content`.
    func addSlots(_ row: [Value], to content: inout TileContent) throws {
        for i in slots.indices {
            let slot = arguments[i]
            slots[i].add(
                value: try slot.value?.value(row), condition: try slot.condition?.value(row),
                category: try slot.category?.value(row), to: &content.partials[i])
        }
    }

    /// Tiles of the fine level merged into the tiles of `level` that hold them: a fine
    /// tile's key is the level's prefix, the key fields and the bucket start (8 bytes).
    func regroup(_ folded: [TileKey: TileContent], into level: Level) -> [TileKey: TileContent] {
        var tiles: [TileKey: TileContent] = [:]
        for (key, content) in folded {
            let bytes = key.bytes
            let fieldsEnd = bytes.count - 8
            var raw: UInt64 = 0
            for byte in bytes[fieldsEnd...] { raw = raw << 8 | UInt64(byte) }
            let start = TileBuckets.start(of: Int64(bitPattern: raw ^ (1 << 63)), size: level.bucketMs)
            let coarse = TileKey(
                OnlineStore.tileKey(level.prefix + bytes[fine.prefix.count..<fieldsEnd], bucketStart: start))
            if var merged = tiles[coarse] {
                merged.merge(content)
                tiles[coarse] = merged
            } else {
                tiles[coarse] = content
            }
        }
        return tiles
    }

    /// A tile's bytes: its rows' TS range (two 8-byte big-endian integers; for row-count
    /// tiles the rest of `RowTileHeader` after it), then each slot's partial after its length
    /// (4 bytes, big-endian).
    func encode(_ content: TileContent) -> [UInt8] {
        var bytes: [UInt8] = []
        TileValueCodec.appendUInt64(UInt64(bitPattern: content.minTS), to: &bytes)
        TileValueCodec.appendUInt64(UInt64(bitPattern: content.maxTS), to: &bytes)
        if rowsPerTile != nil { content.rowInfo.append(to: &bytes) }
        for partial in content.partials {
            let start = bytes.count
            bytes += [0, 0, 0, 0]
            partial.encoded(into: &bytes)
            let length = UInt32(truncatingIfNeeded: bytes.count - start - 4)
            for i in 0..<4 { bytes[start + i] = UInt8(truncatingIfNeeded: length >> (24 - 8 * i)) }
        }
        return bytes
    }

    /// The tile `bytes` of `source` (a group of the same key holding every slot of this one)
    /// as this group's tile: its slots' partials copied as they are, without decoding them.
    func projected(_ bytes: [UInt8], from source: TileGroup) throws -> [UInt8] {
        let ranges = try source.slotRanges(bytes)
        var projected = Array(bytes[..<headerLength])
        for slot in slots {
            guard let position = source.slotPositions[slot] else {
                throw TideError.internal("a projected tile lacks a slot")
            }
            projected += bytes[ranges[position]]
        }
        return projected
    }

    func decode(_ bytes: [UInt8]) throws -> TileContent {
        var partials = Array(repeating: TilePartial(), count: slots.count)
        try merge(bytes, into: &partials, wanted: nil)
        let range = try TileContent.tsRange(bytes)
        var content = TileContent(partials: partials, minTS: range.min, maxTS: range.max)
        if rowsPerTile != nil { content.rowInfo = try RowTileHeader(bytes).info }
        return content
    }

    /// Merges the tile `bytes` into `partials` (one per slot) as it decodes them; slots whose
    /// `wanted` entry is false are skipped without decoding (nil: every slot is wanted).
    func merge(_ bytes: [UInt8], into partials: inout [TilePartial], wanted: [Bool]?) throws {
        for (i, range) in try slotRanges(bytes).enumerated() where wanted?[i] ?? true {
            var offset = range.lowerBound + 4
            try partials[i].mergeDecoded(bytes, at: &offset)
            guard offset == range.upperBound else { throw TileValueCodec.damaged() }
        }
    }

    /// Tile `bytes` with only the slots at `positions` (ascending): its header, then each of
    /// those slots' length and partial, copied as stored.
    func compacted(_ bytes: Span<UInt8>, keeping positions: [Int]) throws -> [UInt8] {
        guard bytes.count >= headerLength else { throw TileValueCodec.damaged() }
        var compact: [UInt8] = []
        try bytes.withUnsafeBufferPointer { buffer in
            compact.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[..<headerLength]))
            var offset = headerLength
            var next = 0
            for slot in 0..<slots.count where next < positions.count {
                guard buffer.count - offset >= 4 else { throw TileValueCodec.damaged() }
                var length = 0
                for byte in buffer[offset..<offset + 4] { length = length << 8 | Int(byte) }
                guard length <= buffer.count - offset - 4 else { throw TileValueCodec.damaged() }
                if positions[next] == slot {
                    compact.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[offset..<offset + 4 + length]))
                    next += 1
                }
                offset += 4 + length
            }
        }
        return compact
    }

    /// Merges a tile made by `compacted(_:keeping:)` into `partials` (one per slot of the group).
    func mergeCompacted(_ bytes: [UInt8], keeping positions: [Int], into partials: inout [TilePartial]) throws {
        var offset = headerLength
        for position in positions {
            guard bytes.count - offset >= 4 else { throw TileValueCodec.damaged() }
            var length = 0
            for byte in bytes[offset..<offset + 4] { length = length << 8 | Int(byte) }
            let end = offset + 4 + length
            guard end <= bytes.count else { throw TileValueCodec.damaged() }
            offset += 4
            try partials[position].mergeDecoded(bytes, at: &offset)
            guard offset == end else { throw TileValueCodec.damaged() }
        }
    }

    /// Where each slot of tile `bytes` lies: its 4-byte length and its partial.
    func slotRanges(_ bytes: [UInt8]) throws -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(slots.count)
        var offset = headerLength
        guard bytes.count >= offset else { throw TileValueCodec.damaged() }
        for _ in slots {
            guard bytes.count - offset >= 4 else { throw TileValueCodec.damaged() }
            var length = 0
            for byte in bytes[offset..<offset + 4] { length = length << 8 | Int(byte) }
            guard length <= bytes.count - offset - 4 else { throw TileValueCodec.damaged() }
            ranges.append(offset..<offset + 4 + length)
            offset += 4 + length
        }
        return ranges
    }
}

/// A tile's key, hashed as one block of bytes (an array of bytes hashes byte by byte).
struct TileKey: Hashable, Sendable {
    let bytes: [UInt8]

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    func hash(into hasher: inout Hasher) { bytes.withUnsafeBytes { hasher.combine(bytes: $0) } }
}

extension TileGroup.Level {
    init(_ name: String, bucketMs: Int64, tableID: UInt32) {
        self.init(name: name, bucketMs: bucketMs, prefix: OnlineStore.tileSetPrefix(tableID: tableID, name: name))
    }
}
