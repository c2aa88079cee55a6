import Dispatch

/// A value computed on the global queue while the caller does something else (the next
/// Parquet row group, a part of a CSV file), waited for when needed. `wait()` may be called
/// any number of times; `release()` drops the value once it has been handed out.
final class BackgroundResult<Value: Sendable>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    // Written once by the computing thread before `done` is signalled; read after waiting.
    private var result: Result<Value, any Error>?

    /// Starts `compute` now.
    init(_ compute: @escaping @Sendable () throws -> Value) {
        DispatchQueue.global().async { [self] in
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
