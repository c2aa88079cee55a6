import Testing
import TideCore
import TideTestSupport

@testable import TideExec

/// distinct_count's tile partials count what a `Set<OrderedValue>` of the same values counts,
/// whether they arrive as values, as tile encodings, or merged from other partials, including
/// the values whose encodings are not exact (floats with -0, Unicode strings equal under
/// another spelling, two types in one set).
@Suite("TileDistinctSet: counts equal a Set<OrderedValue>")
struct TileDistinctSetTests {
    private static let pools: [[Value]] = [
        (0..<50).map { .int64(Int64($0) - 25) },
        (0..<50).map { .string("c\($0)") },
        (0..<20).map { .timestamp(1_700_000_000_000 + Int64($0)) },
        [.double(0), .double(-0.0), .double(1.5), .double(.nan), .double(-.nan)],
        [.string("K"), .string("\u{212A}"), .string("é"), .string("e\u{301}"), .string("a"), .string("")],
        [.bool(true), .bool(false), .date(19_000), .timestamp(3)],
        // Strings up to 255 bytes have a one-byte length, longer ones eight bytes.
        [254, 255, 256, 300, 0, 3, 7].flatMap {
            [Value.string(String(repeating: "x", count: $0)), .string(String(repeating: "y", count: $0))]
        },
    ]

    /// Encodes `values` as one tile partial and reads it back by merging into an empty one.
    private func roundTrip(_ values: [Value]) throws -> TilePartial {
        var partial = TilePartial()
        for value in values { partial.addDistinct(value) }
        var bytes: [UInt8] = []
        partial.encoded(into: &bytes)
        var merged = TilePartial()
        var offset = 0
        try merged.mergeDecoded(bytes, at: &offset)
        #expect(offset == bytes.count)
        return merged
    }

    @Test("random mixes of values, one by one, encoded and merged", arguments: 0..<40)
    func randomMixes(seed: Int) throws {
        var generator = SeededGenerator(seed: UInt64(seed))
        // Every third case adds strings to another type's values (two types are never equal).
        let strings: [Value] = (0..<30).map { .string("s\($0)") }
        let pool = Self.pools[seed % Self.pools.count] + (seed % 3 == 0 ? strings : [])
        let parts = (0..<4).map { _ in
            (0..<Int(generator.next() % 30)).map { _ in pool[Int(generator.next() % UInt64(pool.count))] }
        }
        let expected = Set(parts.joined().map(OrderedValue.init)).count

        var direct = TilePartial()
        for value in parts.joined() { direct.addDistinct(value) }
        #expect(direct.distinctCount == expected)

        var fromTiles = TilePartial()
        for part in parts {
            var bytes: [UInt8] = []
            var tile = TilePartial()
            for value in part { tile.addDistinct(value) }
            tile.encoded(into: &bytes)
            var offset = 0
            try fromTiles.mergeDecoded(bytes, at: &offset)
        }
        #expect(fromTiles.distinctCount == expected)

        var merged = TilePartial()
        for part in parts { merged.merge(try roundTrip(part)) }
        #expect(merged.distinctCount == expected)
    }

    @Test("values that equal another spelling are counted once")
    func inexactEncodings() throws {
        #expect(try roundTrip([.string("K"), .string("\u{212A}")]).distinctCount == 1)
        #expect(try roundTrip([.string("é"), .string("e\u{301}"), .string("x")]).distinctCount == 2)
        #expect(try roundTrip([.double(0), .double(-0.0)]).distinctCount == 1)
        var partial = try roundTrip((0..<100).map { .string("v\($0)") })
        partial.addDistinct(.string("\u{212A}"))
        partial.addDistinct(.string("v7"))
        #expect(partial.distinctCount == 101)
    }
}
