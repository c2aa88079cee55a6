import Dispatch
import Synchronization
import TideCore
import TideStore

/// Reclaims the space of expired online rows in the background: every `interval` it sweeps
/// each table whose indexes can expire rows (reads already hide expired rows; this frees
/// their space). Runs on a utility queue, never on a caller's thread.
///
/// `@unchecked Sendable`: the timer is created, resumed and cancelled only in `init` and
/// `deinit`; Dispatch sources are thread-safe for those calls.
final class TTLReclaimer: @unchecked Sendable {
    private let timer: any DispatchSourceTimer
    private let state = State()

    /// What the sweeps report, shared with the timer's handler.
    final class State: Sendable {
        let lastError = Mutex<TideError?>(nil)
    }

    init(catalog: PersistentCatalog, online: OnlineStore, interval: DispatchTimeInterval) {
        timer = DispatchSource.makeTimerSource(queue: DispatchQueue.global(qos: .utility))
        timer.schedule(deadline: .now() + interval, repeating: interval)
        let state = self.state
        // Weak: a closing database must release RocksDB at once, not when the timer's handler
        // is finally freed.
        timer.setEventHandler { [weak catalog, weak online] in
            guard let catalog, let online else { return }
            for database in catalog.listDatabases() {
                for record in (try? catalog.tableRecords(database: database)) ?? [] {
                    do {
                        _ = try online.sweep(table: record.definition, tableID: record.id)
                    } catch let error as TideError {
                        state.lastError.withLock { $0 = error }
                    } catch {
                        state.lastError.withLock { $0 = TideError.internal(String(describing: error)) }
                    }
                }
            }
        }
        timer.resume()
    }

    /// The last sweep failure, if any (sweeps retry at the next interval).
    var failure: TideError? { state.lastError.withLock { $0 } }

    deinit { timer.cancel() }
}
