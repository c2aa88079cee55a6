import Synchronization

/// Tells when a `RocksDatabase` has finished closing, without keeping it alive.
public final class RocksCloseSignal: Sendable {
    private let flag = Atomic<Bool>(false)

    init() {}

    func markClosed() { flag.store(true, ordering: .releasing) }

    /// True once the database is closed.
    public var isClosed: Bool { flag.load(ordering: .acquiring) }
}
