import Dispatch
import Synchronization

/// Runs independent per-column work (decoding or encoding one column chunk) on every core.
enum ParallelColumns {
    /// `body(i)` for every `i` in `0..<count`, concurrently; the results in order. The first
    /// error thrown is rethrown once all have finished.
    static func map<T: Sendable>(_ count: Int, _ body: @Sendable (Int) throws -> T) throws -> [T] {
        if count == 1 { return [try body(0)] }
        let results = Mutex<[T?]>(Array(repeating: nil, count: count))
        let failure = Mutex<(any Error)?>(nil)
        DispatchQueue.concurrentPerform(iterations: count) { i in
            do {
                let value = try body(i)
                results.withLock { $0[i] = value }
            } catch {
                failure.withLock { if $0 == nil { $0 = error } }
            }
        }
        if let error = failure.withLock({ $0 }) { throw error }
        return results.withLock { $0.compactMap { $0 } }
    }
}
