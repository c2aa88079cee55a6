import Testing
import TideCore
import TideStore

@Suite("OnlineStore: TTL on read")
struct OnlineStoreTTLTests {
    static let now: Int64 = 1_000_000_000
    static let minute: Int64 = 60_000

    /// One TTL scenario over ten rows of key "u" at ts = now − k minutes (k = 0 … 9; rank
    /// k + 1): the k of the rows a read returns.
    struct Case: Sendable, CustomTestStringConvertible {
        var ttl: TTL
        var to: Int64? = nil
        var kept: [Int64]
        var testDescription: String { "\(ttl) to=\(to.map(String.init) ?? "nil") → \(kept)" }
    }

    static let cases: [Case] = [
        // absolute: expired iff ts + A ≤ now (k = 5 is exactly at the boundary: expired).
        Case(ttl: TTL(kind: .absolute, absoluteMs: 5 * minute), kept: [0, 1, 2, 3, 4]),
        Case(ttl: TTL(kind: .absolute, absoluteMs: 0), kept: Array(0...9)),
        // latest: the newest L per key.
        Case(ttl: TTL(kind: .latest, latestCount: 3), kept: [0, 1, 2]),
        Case(ttl: TTL(kind: .latest, latestCount: 0), kept: Array(0...9)),
        // absandlat: expired iff old AND beyond L.
        Case(ttl: TTL(kind: .absAndLat, absoluteMs: 5 * minute, latestCount: 3), kept: [0, 1, 2, 3, 4]),
        Case(ttl: TTL(kind: .absAndLat, absoluteMs: 2 * minute, latestCount: 3), kept: [0, 1, 2]),
        Case(ttl: TTL(kind: .absAndLat, absoluteMs: 0, latestCount: 3), kept: Array(0...9)),
        Case(ttl: TTL(kind: .absAndLat, absoluteMs: 2 * minute, latestCount: 0), kept: Array(0...9)),
        // absorlat: expired iff old OR beyond L; a zero component is ignored.
        Case(ttl: TTL(kind: .absOrLat, absoluteMs: 5 * minute, latestCount: 3), kept: [0, 1, 2]),
        Case(ttl: TTL(kind: .absOrLat, absoluteMs: 2 * minute, latestCount: 3), kept: [0, 1]),
        Case(ttl: TTL(kind: .absOrLat, absoluteMs: 0, latestCount: 3), kept: [0, 1, 2]),
        Case(ttl: TTL(kind: .absOrLat, absoluteMs: 5 * minute, latestCount: 0), kept: [0, 1, 2, 3, 4]),
        Case(ttl: TTL(kind: .absOrLat, absoluteMs: 0, latestCount: 0), kept: Array(0...9)),
        // The latest rank counts the rows newer than `to` too.
        Case(ttl: TTL(kind: .latest, latestCount: 3), to: now - 2 * minute, kept: [2]),
        Case(ttl: TTL(kind: .latest, latestCount: 2), to: now - 5 * minute, kept: []),
        Case(ttl: TTL(kind: .absAndLat, absoluteMs: 2 * minute, latestCount: 3), to: now - minute, kept: [1, 2]),
        Case(ttl: TTL(kind: .absolute, absoluteMs: 5 * minute), to: now - 3 * minute, kept: [3, 4]),
    ]

    @Test("each TTL type keeps exactly the rows SEMANTICS.md §3.10 says", arguments: cases)
    func ttlCase(_ scenario: Case) throws {
        try withScratchDirectory { dir in
            let clock = ManualClock(Self.now)
            let store = try openOnlineStore(dir + "/db", clock: clock)
            let table = eventsTable(ttl: scenario.ttl)
            try store.insert(
                (0...9).reversed().map { k in event("u", Double(k), Self.now - k * Self.minute) },
                into: table, tableID: 7)
            try store.insert([event("v", 0, 0)], into: table, tableID: 7)
            let rows = try store.rows(
                table: table, index: "by_user", key: [.string("u")], from: nil, to: scenario.to, limit: nil)
            #expect(rows.map { $0.values[1] } == scenario.kept.map { .double(Double($0)) })
        }
    }

    @Test("absolute TTL follows the clock: moving it forward expires more rows, no sleeping")
    func clockDriven() throws {
        try withScratchDirectory { dir in
            let clock = ManualClock(Self.now)
            let store = try openOnlineStore(dir + "/db", clock: clock)
            let table = eventsTable(ttl: TTL(kind: .absolute, absoluteMs: 10 * Self.minute))
            try store.insert(
                [event("u", 1, Self.now - 9 * Self.minute), event("u", 2, Self.now)], into: table, tableID: 7)
            func count() throws -> Int {
                try store.rows(table: table, index: "by_user", key: [.string("u")], from: nil, to: nil, limit: nil)
                    .count
            }
            #expect(try count() == 2)
            clock.set(Self.now + Self.minute - 1)
            #expect(try count() == 2)
            clock.set(Self.now + Self.minute)
            #expect(try count() == 1)
            clock.set(Self.now + 10 * Self.minute)
            #expect(try count() == 0)
        }
    }

    @Test("an index without TS never expires by time; its latest component still applies")
    func noTSIndex() throws {
        try withScratchDirectory { dir in
            let store = try openOnlineStore(dir + "/db", clock: ManualClock(Self.now))
            let table = eventsTable(extraIndexes: [
                IndexDef(
                    name: "abs", keyColumns: ["user"], tsColumn: nil, ttl: TTL(kind: .absolute, absoluteMs: Self.minute)
                ),
                IndexDef(
                    name: "or", keyColumns: ["user"], tsColumn: nil,
                    ttl: TTL(kind: .absOrLat, absoluteMs: Self.minute, latestCount: 2)),
            ])
            try store.insert((1...4).map { event("u", Double($0), 0) }, into: table, tableID: 7)
            let abs = try store.rows(table: table, index: "abs", key: [.string("u")], from: nil, to: nil, limit: nil)
            #expect(abs.map(\.seq) == [4, 3, 2, 1])
            let or = try store.rows(table: table, index: "or", key: [.string("u")], from: nil, to: nil, limit: nil)
            #expect(or.map(\.seq) == [4, 3])
        }
    }
}
