import Dispatch
import Foundation
import Synchronization
import TideCore

/// What a connector reports: a state and its latest errors.
protocol ConnectorStatistics: Sendable {
    init()
    var state: SourceStatistics.State { get set }
    mutating func report(_ error: String)
}

/// A connector's own thread and statistics: runs one attempt (connect, then work until
/// stopped) and, when it fails, reports the error, waits with a backoff that grows to 5 s, and
/// tries again, until `stop()`; a failure retrying cannot mend ends it in state `failed`.
final class ConnectorLoop<Statistics: ConnectorStatistics>: Sendable {
    let statistics = Mutex(Statistics())
    private let stopRequested = Atomic<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)

    /// True once `stop()` was called; an attempt checks it between batches.
    var stopping: Bool { stopRequested.load(ordering: .relaxed) }

    /// Starts the thread. `attempt` gets a callback to call whenever it made progress (the
    /// backoff starts over).
    func start(name: String, attempt: @escaping @Sendable (_ progressed: @escaping () -> Void) throws -> Void) {
        let thread = Thread { [self] in
            var failures = 0
            while !stopping {
                do {
                    try attempt { failures = 0 }
                } catch {
                    let final = Self.isFinal(error)
                    statistics.withLock {
                        $0.state = final ? .failed : .retrying
                        $0.report((error as? TideError)?.message ?? "\(error)")
                    }
                    if final { break }
                    failures += 1
                    let backoff = min(5000, 100 << min(failures, 6))
                    var waited = 0
                    while waited < backoff, !stopping {
                        usleep(50_000)
                        waited += 50
                    }
                }
            }
            finished.signal()
        }
        thread.name = name
        thread.start()
    }

    /// True for errors that retrying cannot mend.
    static func isFinal(_ error: any Error) -> Bool {
        guard let error = error as? TideError else { return false }
        return [.undefinedTable, .undefinedObject, .undefinedColumn, .invalidParameterValue].contains(error.code)
    }

    /// Asks the thread to stop after its current batch and waits for it.
    func stop() {
        stopRequested.store(true, ordering: .relaxed)
        finished.wait()
        statistics.withLock { $0.state = .stopped }
    }
}
