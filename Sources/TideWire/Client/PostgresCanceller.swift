import CLibPQ

/// Cancels the statement a `PostgresClient` is running, from any thread (e.g. a Ctrl-C
/// handler while the client's thread waits in `PQexec`): libpq's `PGcancel` object, which
/// sends a CancelRequest on a new connection to the server.
///
/// `@unchecked Sendable`: libpq documents `PQcancel` as thread-safe (even signal-safe) on a
/// `PGcancel` that is not being freed; the object is created in `init`, freed only in
/// `deinit`, and otherwise only passed to `PQcancel`, so sharing it between threads is safe.
public final class PostgresCanceller: @unchecked Sendable {
    private let handle: OpaquePointer

    /// The canceller of `connection` (a `PGconn *` that has connected), or nil if libpq
    /// cannot make one.
    init?(connection: OpaquePointer) {
        guard let handle = PQgetCancel(connection) else { return nil }
        self.handle = handle
    }

    deinit { PQfreeCancel(handle) }

    /// Asks the server to cancel the running statement. Returns nil when the request was
    /// sent, or libpq's reason why not. Whether a statement is cancelled is up to the server:
    /// the statement then fails with SQLSTATE 57014.
    @discardableResult
    public func cancel() -> String? {
        var buffer = [CChar](repeating: 0, count: 256)
        let sent = buffer.withUnsafeMutableBufferPointer { pointer in
            PQcancel(handle, pointer.baseAddress, Int32(pointer.count))
        }
        if sent == 1 { return nil }
        let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }
}
