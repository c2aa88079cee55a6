import Synchronization
import TideCore

/// The open connections: their cancel keys (for CancelRequest) and their count (for the
/// connection limit). Shared by every connection of a server.
final class ConnectionRegistry: Sendable {
    private struct Entry {
        var secretKey: Int32
        var interrupt: StatementInterrupt
    }

    private let state = Mutex<(next: Int32, entries: [Int32: Entry])>((1, [:]))
    let limit: Int

    init(limit: Int) { self.limit = limit }

    /// Registers a connection; nil when the limit is reached.
    func register(interrupt: StatementInterrupt) -> (processID: Int32, secretKey: Int32)? {
        state.withLock { state in
            guard state.entries.count < limit else { return nil }
            let pid = state.next
            state.next = state.next == Int32.max ? 1 : state.next + 1
            let key = Int32.random(in: Int32.min...Int32.max)
            state.entries[pid] = Entry(secretKey: key, interrupt: interrupt)
            return (pid, key)
        }
    }

    func unregister(_ processID: Int32) {
        _ = state.withLock { $0.entries.removeValue(forKey: processID) }
    }

    /// Cancels the statement of the connection with this key; wrong keys are ignored, as
    /// PostgreSQL does (a cancel request gets no answer).
    func cancel(processID: Int32, secretKey: Int32) {
        let interrupt = state.withLock { state -> StatementInterrupt? in
            guard let entry = state.entries[processID], entry.secretKey == secretKey else { return nil }
            return entry.interrupt
        }
        interrupt?.cancel()
    }

    var count: Int { state.withLock { $0.entries.count } }
}
