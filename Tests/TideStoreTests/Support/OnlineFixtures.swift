import Synchronization
import TideCore
import TideStore

/// A clock tests move by hand, so TTL tests never sleep.
final class ManualClock: Sendable {
    private let current: Atomic<Int64>

    init(_ start: Int64 = 1_700_000_000_000) { current = Atomic(start) }

    /// The current instant in ms.
    var now: Int64 { current.load(ordering: .relaxed) }

    /// Moves the clock to `instant`.
    func set(_ instant: Int64) { current.store(instant, ordering: .relaxed) }

    /// The closure `OnlineStore` reads.
    var closure: @Sendable () -> Int64 { { [self] in now } }
}

/// `demo.events(user string, amount double, ts timestamp, tag string)` with one index
/// `by_user(user) ORDER BY ts` of the given TTL.
func eventsTable(ttl: TTL = .forever, extraIndexes: [IndexDef] = []) -> TableDef {
    TableDef(
        database: "demo",
        name: "events",
        columns: [
            ColumnDef(name: "user", type: .string),
            ColumnDef(name: "amount", type: .double),
            ColumnDef(name: "ts", type: .timestamp),
            ColumnDef(name: "tag", type: .string),
        ],
        indexes: [IndexDef(name: "by_user", keyColumns: ["user"], tsColumn: "ts", ttl: ttl)] + extraIndexes
    )
}

/// One row of `eventsTable`.
func event(_ user: String, _ amount: Double, _ ts: Int64, _ tag: String = "") -> [Value] {
    [.string(user), .double(amount), .timestamp(ts), .string(tag)]
}

/// Opens a store over a RocksDB database at `path`, resolving every table to `tableID`.
func openOnlineStore(_ path: String, clock: ManualClock = ManualClock(), tableID: UInt32 = 7) throws -> OnlineStore {
    OnlineStore(database: try RocksDatabase(path: path), clock: clock.closure, tableIDs: { _ in tableID })
}

/// `rows` checked and encoded by `encoder` into one batch.
func preparedBatch(_ encoder: OnlineRowEncoder, _ rows: [[Value]]) throws -> PreparedOnlineBatch {
    var batch = encoder.makeBatch(reservingRows: rows.count)
    for row in rows { try encoder.append(row, to: &batch) }
    return batch
}
