import Dispatch
import Foundation

/// A value computed on a thread of its own while the caller does something else (the next
/// Parquet row group, a part of a CSV file), waited for when needed. `wait()` may be called
/// any number of times; `release()` drops the value once it has been handed out.
///
/// Not on the global dispatch queue: it runs as many threads as there are cores, and a
/// statement that waits for these results may itself hold one of them (blocked, but counted),
/// which left one core idle for the first second of a large CSV load until libdispatch added
/// a thread. The work is coarse (megabytes per result), so a thread each costs nothing
/// measurable.
final class BackgroundResult<Value: Sendable>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    // Written once by the computing thread before `done` is signalled; read after waiting.
    private var result: Result<Value, any Error>?

    /// Starts `compute` now.
    init(_ compute: @escaping @Sendable () throws -> Value) {
        Thread.detachNewThread { [self] in
            result = Result { try compute() }
            done.signal()
        }
    }

    /// The value (or the error `compute` threw), once ready.
    func wait() -> Result<Value, any Error> {
        done.wait()
        done.signal()
        return result ?? .failure(CancellationError())
    }

    /// Frees the value (call after `wait()`).
    func release() { result = nil }
}
