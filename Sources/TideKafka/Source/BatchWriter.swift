import Dispatch
import Synchronization

/// Stores a source's batches on a second thread, one at a time and in order, so that the
/// consumer thread reads and parses batch N+1 while RocksDB stores batch N. A failed write
/// is reported at the next `submit` or `drain`, and nothing after it is written.
final class BatchWriter: Sendable {
    private let queue: DispatchQueue
    /// 1 while no write is in flight.
    private let idle = DispatchSemaphore(value: 1)
    private let failure = Mutex<(any Error)?>(nil)

    init(label: String) {
        queue = DispatchQueue(label: label)
    }

    /// Waits for the write in flight, then starts `write`.
    /// - Throws: the error of an earlier write; `write` is not started then.
    func submit(_ write: @escaping @Sendable () throws -> Void) throws {
        idle.wait()
        if let error = failure.withLock({ $0 }) {
            idle.signal()
            throw error
        }
        queue.async { [self] in
            do {
                try write()
            } catch {
                failure.withLock { $0 = error }
            }
            idle.signal()
        }
    }

    /// Waits until no write is in flight.
    /// - Throws: the error of a failed write (once).
    func drain() throws {
        idle.wait()
        defer { idle.signal() }
        if let error = failure.withLock({ current in
            defer { current = nil }
            return current
        }) {
            throw error
        }
    }
}
